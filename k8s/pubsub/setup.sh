#!/usr/bin/env bash
# Creates the production Pub/Sub topology and the Workload Identity bindings with gcloud, for projects
# that do not run Config Connector (with Config Connector, k8s/overlays/prod/pubsub declares the same
# topics and subscriptions and this script only needs `--iam-only`). Idempotent: existing resources are
# left alone (a changed setting is NOT updated: use `gcloud pubsub subscriptions update`).
#
#   PROJECT_ID=propcast-prod PUSH_ENDPOINT=https://push.propcast.example.com/pubsub/push k8s/pubsub/setup.sh [--iam-only]
#
# Creates: every topic of libs/contracts, <topic>.dlq + <topic>.dlq.inspect, the subscriptions of
# k8s/pubsub/subscriptions.tsv (<topic>.<group>, dead-letter policy, push with OIDC for `push` rows),
# Google service accounts propcast-<svc> bound to the Kubernetes ServiceAccounts (namespace propcast) and
# the roles they need (publish, subscribe, storage), plus the Pub/Sub service agent's dead-letter roles.
set -euo pipefail
cd "$(dirname "$0")"

PROJECT_ID=${PROJECT_ID:?set PROJECT_ID}
PUSH_ENDPOINT=${PUSH_ENDPOINT:?set PUSH_ENDPOINT (https://<host>/pubsub/push)}
PUSH_SA=${PUSH_SA:-propcast-pubsub-push@${PROJECT_ID}.iam.gserviceaccount.com}
BUCKET=${BUCKET:-${PROJECT_ID}-artifacts}
NAMESPACE=${NAMESPACE:-propcast}
IAM_ONLY=0
[ "${1:-}" = --iam-only ] && IAM_ONLY=1

# libs/contracts/src/names.ts Topics
TOPICS=(
  propcast.ingestion.completed
  propcast.phase.completed
  propcast.predictions.ready
  propcast.predictions.updated
  propcast.model.promoted
  propcast.retrain.requested
  propcast.training.completed
)
# Kubernetes ServiceAccount → Google service account (k8s/overlays/prod/kustomization.yaml annotations)
declare -A GSA=(
  [ingestion]=propcast-ingestion
  [feature-store]=propcast-feature-store
  [trainer]=propcast-trainer
  [prediction-coordinator]=propcast-coordinator
  [prediction-worker]=propcast-worker
)

gc() { gcloud --project "$PROJECT_ID" --quiet "$@"; }
exists() { gc "$@" >/dev/null 2>&1; }
say() { printf '[pubsub] %s\n' "$*"; }

number=$(gcloud projects describe "$PROJECT_ID" --format='value(projectNumber)')
agent="serviceAccount:service-${number}@gcp-sa-pubsub.iam.gserviceaccount.com"

subscriptions() { grep -v '^#' subscriptions.tsv | awk -F'\t' 'NF == 3 { print $1, $2, $3 }'; }

if [ "$IAM_ONLY" = 0 ]; then
  for t in "${TOPICS[@]}"; do
    exists pubsub topics describe "$t" || { say "topic $t"; gc pubsub topics create "$t" --message-retention-duration=1d; }
    exists pubsub topics describe "$t.dlq" || { say "topic $t.dlq"; gc pubsub topics create "$t.dlq" --message-retention-duration=7d; }
    exists pubsub subscriptions describe "$t.dlq.inspect" || {
      say "subscription $t.dlq.inspect"
      gc pubsub subscriptions create "$t.dlq.inspect" --topic="$t.dlq" --ack-deadline=60 \
        --message-retention-duration=7d --expiration-period=never
    }
  done
  while read -r topic group delivery; do
    name="$topic.$group"
    exists pubsub subscriptions describe "$name" && continue
    say "subscription $name ($delivery)"
    push=()
    if [ "$delivery" = push ]; then
      push=(--push-endpoint="$PUSH_ENDPOINT" --push-auth-service-account="$PUSH_SA" --push-auth-token-audience="$PUSH_ENDPOINT")
    fi
    gc pubsub subscriptions create "$name" --topic="$topic" --ack-deadline=60 \
      --message-retention-duration=7d --expiration-period=never \
      --min-retry-delay=10s --max-retry-delay=600s \
      --dead-letter-topic="$topic.dlq" --max-delivery-attempts=6 "${push[@]}"
  done < <(subscriptions)
fi

say "dead-letter roles of the Pub/Sub service agent"
for t in "${TOPICS[@]}"; do
  gc pubsub topics add-iam-policy-binding "$t.dlq" --member="$agent" --role=roles/pubsub.publisher >/dev/null
done
while read -r topic group _; do
  gc pubsub subscriptions add-iam-policy-binding "$topic.$group" --member="$agent" --role=roles/pubsub.subscriber >/dev/null
done < <(subscriptions)

say "push service account $PUSH_SA"
exists iam service-accounts describe "$PUSH_SA" || gc iam service-accounts create "${PUSH_SA%%@*}" --display-name="Propcast Pub/Sub push"

say "Workload Identity and roles"
for ksa in "${!GSA[@]}"; do
  email="${GSA[$ksa]}@${PROJECT_ID}.iam.gserviceaccount.com"
  exists iam service-accounts describe "$email" || gc iam service-accounts create "${GSA[$ksa]}" --display-name="Propcast $ksa"
  gc iam service-accounts add-iam-policy-binding "$email" --role=roles/iam.workloadIdentityUser \
    --member="serviceAccount:${PROJECT_ID}.svc.id.goog[${NAMESPACE}/${ksa}]" >/dev/null
  # Publish events, consume their subscriptions (viewer: the bus checks that a subscription exists).
  for role in roles/pubsub.publisher roles/pubsub.subscriber roles/pubsub.viewer; do
    gc projects add-iam-policy-binding "$PROJECT_ID" --member="serviceAccount:$email" --role="$role" --condition=None >/dev/null
  done
  gcloud storage buckets add-iam-policy-binding "gs://$BUCKET" --member="serviceAccount:$email" --role=roles/storage.objectUser >/dev/null
done
say "done"
