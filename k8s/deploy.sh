#!/usr/bin/env bash
# Deploys Propcast to the current kubectl context, in the only safe order:
#   1. namespace, and a check that the out-of-band Secret propcast-secrets exists
#      (local: then the in-cluster Postgres/Redis of k8s/overlays/local/datastores)
#   2. the migration Job of this release (k8s/overlays/<env>/migrate), awaited: complete → go on,
#      failed → stop with its logs; the running version keeps serving on the old schema
#   3. the apps (server-side apply of k8s/overlays/<env>)
#   4. rollout status of every Deployment (a failed rollout: docs/operations.md "Roll back a release")
# Usage: k8s/deploy.sh local|prod   (DRY_RUN=1 prints the rendered manifests' kinds and stops)
set -euo pipefail
cd "$(dirname "$0")/.."
env=${1:-}
case "$env" in local | prod) ;; *) echo "usage: k8s/deploy.sh local|prod" >&2; exit 2 ;; esac
ns=propcast
overlay=k8s/overlays/$env
timeout=${MIGRATE_TIMEOUT_SECONDS:-900}

say() { printf '[deploy %s] %s\n' "$env" "$*"; }
die() { printf '[deploy %s] ERROR: %s\n' "$env" "$*" >&2; exit 1; }

kubectl kustomize "$overlay" >/dev/null || die "cannot render $overlay"
kubectl kustomize "$overlay/migrate" >/dev/null || die "cannot render $overlay/migrate"
if [ "${DRY_RUN:-0}" = 1 ]; then
  kubectl kustomize "$overlay" | grep '^kind:' | sort | uniq -c
  exit 0
fi

say "context: $(kubectl config current-context)"
kubectl apply -f "$overlay/namespace.yaml"
kubectl -n "$ns" get secret propcast-secrets >/dev/null 2>&1 \
  || die "Secret $ns/propcast-secrets is missing: create it first (docs/operations.md \"Secrets\")"
[ -n "$(kubectl -n "$ns" get secret propcast-secrets -o jsonpath='{.data.API_KEYS}')" ] \
  || die "Secret $ns/propcast-secrets has no API_KEYS: every service refuses to start without keys (docs/operations.md \"Secrets\")"

if [ -d "$overlay/datastores" ]; then
  # Local clusters run their own Postgres/Redis: they must be up before the migration.
  say "starting the local datastores"
  kubectl apply --server-side --field-manager=propcast-deploy -k "$overlay/datastores"
  kubectl -n "$ns" rollout status deploy/postgres --timeout=5m
  kubectl -n "$ns" rollout status deploy/redis --timeout=5m
fi

say "migrating the database (job/propcast-migrate)"
kubectl -n "$ns" delete job propcast-migrate --ignore-not-found --wait=true
kubectl apply --server-side --field-manager=propcast-deploy -k "$overlay/migrate"
deadline=$((SECONDS + timeout))
while :; do
  complete=$(kubectl -n "$ns" get job propcast-migrate -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')
  failed=$(kubectl -n "$ns" get job propcast-migrate -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')
  [ "$complete" = True ] && break
  if [ "$failed" = True ] || [ "$SECONDS" -ge "$deadline" ]; then
    kubectl -n "$ns" logs job/propcast-migrate --all-containers --tail=100 || true
    die "migration failed or timed out: apps NOT updated (docs/operations.md \"A migration failed\")"
  fi
  sleep 5
done
kubectl -n "$ns" logs job/propcast-migrate --tail=20 || true

say "applying $overlay"
kubectl apply --server-side --field-manager=propcast-deploy -k "$overlay"

for deploy in $(kubectl -n "$ns" get deploy -l app.kubernetes.io/part-of=propcast -o name); do
  kubectl -n "$ns" rollout status "$deploy" --timeout=10m || die "$deploy did not roll out: see docs/operations.md \"Roll back a release\""
done
say "done"
