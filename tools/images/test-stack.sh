#!/usr/bin/env bash
# `npm run test:images`: runs the images built by `npm run images` as containers and drives a small game day
# through them, then brings the k8s/overlays/local Deployments up with `podman play kube`. Not part of `npm test`
# (about 10 minutes on a 2-core machine); run it after changing docker/, k8s/ or the services' start-up.
#   1. dependencies: the host's Postgres (a fresh database, dropped at the end; PROPCAST_IMAGES_PG_URL is the server)
#      and a private redis-server on 127.0.0.1:$REDIS_PORT (PROPCAST_IMAGES_REDIS_URL=<url> uses yours instead);
#      PROPCAST_IMAGES_DEPS=containers runs both as containers instead (tools/images/deps.Containerfile, Debian's
#      postgresql-15 and redis-server on the local base; Postgres on 127.0.0.1:3978);
#   2. the migrate image once (must exit 0), then the six services, hardened as in Kubernetes (read-only root,
#      /tmp tmpfs, no capabilities, no-new-privileges), host network, ports 3911-3916, a shared artifacts volume;
#   3. checks per container: /health/ready 200, /metrics 200 with process metrics, the image HEALTHCHECK,
#      and `id -u` is not 0 (the image user, 1000);
#   4. the game day (tools/images/game-day.ts): import, backfill, train (small budget), trigger, predictions.ready,
#      grade;
#   5. `kubectl kustomize k8s/overlays/local` → tools/images/kube-for-podman.js → `podman play kube` (ports 3921-3926);
#      every pod /health/ready and non-root; prints what podman ignored or was rewritten; `play kube --down`.
# Removes everything it started (trap) and writes stackPassed into var/bench/images.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/images/engine.sh
engine=$(propcast_engine)
[[ $engine == podman ]] || { echo "test:images: needs podman (play kube); PROPCAST_ENGINE=$engine" >&2; exit 1; }
bash tools/images/podman-setup.sh >/dev/null

SERVICES=(ingestion feature-store trainer prediction-coordinator prediction-worker api)
PREFIX=${PROPCAST_IMAGES_PREFIX:-propcast-it}
DEPS=${PROPCAST_IMAGES_DEPS:-host}
PG_URL=${PROPCAST_IMAGES_PG_URL:-postgresql://propcast:propcast@127.0.0.1:5432}
[[ $DEPS == containers ]] && PG_URL=postgresql://propcast:propcast@127.0.0.1:3978
DB=${PROPCAST_IMAGES_DB:-propcast_images_test}
REDIS_PORT=${PROPCAST_IMAGES_REDIS_PORT:-3979}
DATABASE_URL="$PG_URL/$DB"
API_KEY="images-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
mkdir -p var/images
# Podman without systemd logs an error for every container with a HEALTHCHECK (it cannot add the timer): kept here.
PODMAN_ERR=var/images/podman-stderr.log
: >"$PODMAN_ERR"
STARTED=$(date +%s)
redis_pid=
stack_ok=false
kube_ok=false
game_json=null
# psql against the test's server: the host's client, or the one inside the Postgres container.
pg() { # database, then psql arguments
  local db=$1; shift
  if [[ $DEPS == containers ]]; then podman exec -e PGPASSWORD=propcast -e PGOPTIONS="${PGOPTIONS:-}" "$PREFIX-postgres" psql -h 127.0.0.1 -p 3978 -U propcast -d "$db" "$@"
  else psql "$PG_URL/$db" "$@"; fi
}
step() { printf '\n== [%4d s] %s\n' "$(($(date +%s) - STARTED))" "$*"; }
fail() { echo "test:images: FAILED: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  step "cleaning up"
  [[ -f var/images/kube-local.podman.yaml ]] && podman play kube --down var/images/kube-local.podman.yaml >/dev/null 2>&1 || true
  for s in migrate "${SERVICES[@]}"; do podman rm -f -t 5 "$PREFIX-$s" >/dev/null 2>>"$PODMAN_ERR" || true; done
  podman volume rm -f "$PREFIX-artifacts" "$PREFIX-kube-artifacts" >/dev/null 2>&1 || true
  [[ -n $redis_pid ]] && kill "$redis_pid" 2>/dev/null || true
  [[ $DEPS == containers ]] || psql "$PG_URL/postgres" -qAtc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  podman rm -f -t 5 "$PREFIX-postgres" "$PREFIX-redis" >/dev/null 2>>"$PODMAN_ERR" || true
  node -e '
    const fs = require("node:fs"); const f = "var/bench/images.json";
    const j = fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : { name: "images", images: {} };
    j.stackPassed = process.argv[1] === "true";
    j.stack = { checkedAt: new Date().toISOString(), seconds: Number(process.argv[3]), containers: process.argv[1] === "true",
      playKube: process.argv[2] === "true", deps: process.argv[5], gameDay: JSON.parse(process.argv[4]) };
    fs.mkdirSync("var/bench", { recursive: true }); fs.writeFileSync(f, JSON.stringify(j, null, 2) + "\n");
  ' "$([[ $rc -eq 0 ]] && echo "$stack_ok" || echo false)" "$kube_ok" "$(($(date +%s) - STARTED))" "$game_json" "$DEPS"
  if [[ $rc -eq 0 ]]; then echo "test:images: passed in $(($(date +%s) - STARTED)) s (var/bench/images.json: stackPassed $stack_ok)"
  else echo "test:images: FAILED after $(($(date +%s) - STARTED)) s (logs: var/images/)" >&2; fi
}
trap cleanup EXIT

step "images"
for s in migrate "${SERVICES[@]}"; do
  podman image exists "propcast/$s:local" || fail "image propcast/$s:local missing: run npm run images first"
done
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep 'propcast/' | sed 's/^/  /'

step "dependencies ($DEPS): Postgres database $DB, Redis"
if [[ $DEPS == containers ]]; then
  base=${PROPCAST_BASE_IMAGE:-localhost/propcast-node:20.20.2-bookworm}
  PROPCAST_BASE_IMAGE=$base bash tools/images/base-image.sh podman
  for t in postgres redis; do
    nice -n 10 podman build --layers --format docker --build-arg "BASE_IMAGE=$base" -f tools/images/deps.Containerfile \
      --target "$t" -t "propcast-it/$t:local" tools/images >"var/images/build-deps-$t.log" 2>&1 \
      || { tail -20 "var/images/build-deps-$t.log" >&2; fail "building the $t container"; }
  done
  podman run -d --name "$PREFIX-postgres" --network host --read-only --tmpfs /tmp --tmpfs /var/run/postgresql \
    --cap-drop ALL --security-opt no-new-privileges -e PGPASSWORD=propcast propcast-it/postgres:local >/dev/null 2>>"$PODMAN_ERR"
  podman run -d --name "$PREFIX-redis" --network host --read-only --tmpfs /tmp --cap-drop ALL \
    --security-opt no-new-privileges -e REDIS_PORT="$REDIS_PORT" propcast-it/redis:local >/dev/null 2>>"$PODMAN_ERR"
  for _ in $(seq 60); do pg postgres -qAtc 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  pg postgres -qAtc 'select 1' >/dev/null || { podman logs "$PREFIX-postgres" >&2; fail "the Postgres container did not start"; }
  echo "  Postgres and Redis containers: $(podman exec "$PREFIX-postgres" id -un), $(podman exec "$PREFIX-redis" id -un) (non-root)"
fi
PGOPTIONS='-c client_min_messages=warning' pg postgres -qAtc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null
pg postgres -qAtc "CREATE DATABASE \"$DB\"" >/dev/null
if [[ $DEPS == containers ]]; then REDIS_URL=redis://127.0.0.1:$REDIS_PORT
elif [[ -n ${PROPCAST_IMAGES_REDIS_URL:-} ]]; then REDIS_URL=$PROPCAST_IMAGES_REDIS_URL
else
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --maxmemory-policy noeviction \
    --dir /tmp >var/images/redis.log 2>&1 &
  redis_pid=$!
  REDIS_URL=redis://127.0.0.1:$REDIS_PORT
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
echo "  DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL"

HARDENING=(--network host --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges)
step "migrate image (once)"
podman run --name "$PREFIX-migrate" "${HARDENING[@]}" -e DATABASE_URL="$DATABASE_URL" propcast/migrate:local >var/images/migrate.log 2>&1 \
  || { tail -20 var/images/migrate.log >&2; fail "the migrate container failed"; }
tail -3 var/images/migrate.log | sed 's/^/  /'
[[ $(podman run --rm --network none propcast/migrate:local id -u 2>>"$PODMAN_ERR") != 0 ]] || fail "migrate runs as root"
podman rm "$PREFIX-migrate" >/dev/null 2>>"$PODMAN_ERR"
tables=$(pg "$DB" -qAtc "select count(*) from _prisma_migrations where finished_at is not null")
echo "  $tables migrations applied"

port_of() { local i; for i in "${!SERVICES[@]}"; do if [[ ${SERVICES[$i]} == "$1" ]]; then echo $(($2 + i + 1)); fi; done; }
# Answers the HTTP status of a URL (000 when nothing answers).
status_of() { node -e 'fetch(process.argv[1]).then(r=>{console.log(r.status)},()=>console.log("000"))' "$1"; }
wait_ready() { # name port seconds
  local deadline=$(($(date +%s) + $3))
  while (($(date +%s) < deadline)); do
    [[ $(status_of "http://127.0.0.1:$2/health/ready") == 200 ]] && return 0
    sleep 1
  done
  return 1
}
check_container() { # container port: /health/ready, /metrics, uid
  local c=$1 port=$2 uid metrics
  [[ $(status_of "http://127.0.0.1:$port/health/ready") == 200 ]] || fail "$c: /health/ready is not 200"
  metrics=$(node -e 'fetch(process.argv[1]).then(async r=>{console.log(r.status, (await r.text()).includes("process_cpu_user_seconds_total"))},()=>console.log("000"))' "http://127.0.0.1:$port/metrics")
  [[ $metrics == "200 true" ]] || fail "$c: /metrics answered '$metrics'"
  uid=$(podman exec "$c" id -u 2>>"$PODMAN_ERR")
  [[ $uid != 0 ]] || fail "$c runs as root"
  [[ $(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$c") == true ]] || fail "$c: root filesystem is writable"
  printf '  %-32s /health/ready 200, /metrics 200, uid %s, read-only root\n' "$c" "$uid"
}

# PROPCAST_IMAGES_STAGES=containers or =kube runs one stage (stackPassed needs both).
STAGES=${PROPCAST_IMAGES_STAGES:-containers,kube}
if [[ $STAGES == *containers* ]]; then
step "services as containers (ports 3911-3916)"
podman volume create "$PREFIX-artifacts" >/dev/null
for s in "${SERVICES[@]}"; do
  port=$(port_of "$s" 3910)
  extra=()
  [[ $s == trainer ]] && extra+=(-e TRAINER_SCHEDULER_ENABLED=false)
  podman run -d --name "$PREFIX-$s" "${HARDENING[@]}" -v "$PREFIX-artifacts:/app/var/artifacts" \
    -e PORT="$port" -e DATABASE_URL="$DATABASE_URL" -e REDIS_URL="$REDIS_URL" -e EVENT_TRANSPORT=redis-streams \
    -e ARTIFACT_STORE_URI=/app/var/artifacts -e STARTUP_TIMEOUT_MS=30000 -e LOG_LEVEL=info -e API_KEYS="images:$API_KEY" \
    "${extra[@]}" "propcast/$s:local" >/dev/null 2>>"$PODMAN_ERR"
  printf '  started %-24s :%s\n' "$s" "$port"
done
for s in "${SERVICES[@]}"; do
  port=$(port_of "$s" 3910)
  if ! wait_ready "$s" "$port" 120; then
    podman logs --tail 30 "$PREFIX-$s" >&2 || true
    fail "$s did not become ready on :$port"
  fi
  check_container "$PREFIX-$s" "$port"
  # Like the HEALTHCHECK's --retries=3: one run may pass its 4 s timeout on a loaded machine.
  hc=0
  for _ in 1 2 3; do podman healthcheck run "$PREFIX-$s" >/dev/null 2>>"$PODMAN_ERR" && { hc=1; break; }; sleep 2; done
  ((hc)) || fail "$s: the image HEALTHCHECK failed 3 times (var/images/podman-stderr.log)"
done
echo "  image HEALTHCHECK (podman healthcheck run) passes in all six"

step "game day through the containers"
for s in "${SERVICES[@]}"; do export "PROPCAST_IMAGES_PORT_$(tr 'a-z-' 'A-Z_' <<<"$s")=$(port_of "$s" 3910)"; done
game_json=$(PROPCAST_API_KEY=$API_KEY DATABASE_URL=$DATABASE_URL nice -n 5 node -r @swc-node/register tools/images/game-day.ts | tail -1) \
  || { for s in "${SERVICES[@]}"; do podman logs "$PREFIX-$s" >"var/images/$s.log" 2>&1; done; fail "game day (service logs in var/images/)"; }
echo "  $game_json"
for s in "${SERVICES[@]}"; do
  podman logs "$PREFIX-$s" >"var/images/$s.log" 2>&1
  if grep -q '"level":50\|"level":"error"' "var/images/$s.log"; then echo "  note: $s logged errors (var/images/$s.log)"; fi
  podman rm -f -t 10 "$PREFIX-$s" >/dev/null 2>>"$PODMAN_ERR"
done
fi
[[ $STAGES == *containers* && $STAGES == *kube* ]] && stack_ok=true

if [[ $STAGES == *kube* ]]; then
step "k8s/overlays/local with podman play kube (ports 3921-3926)"
kubectl kustomize k8s/overlays/local >var/images/kube-local.yaml
node tools/images/kube-for-podman.js var/images/kube-local.yaml var/images/kube-local.podman.yaml \
  --database-url "$DATABASE_URL" --redis-url "$REDIS_URL" --api-keys "images:$API_KEY" --port-base 3920 --volume "$PREFIX-kube-artifacts"
podman volume create "$PREFIX-kube-artifacts" >/dev/null
podman play kube var/images/kube-local.podman.yaml >var/images/play-kube.log 2>&1 \
  || { tail -20 var/images/play-kube.log >&2; fail "podman play kube"; }
for s in "${SERVICES[@]}"; do
  port=$(port_of "$s" 3920)
  c=$(podman ps --filter "label=app.kubernetes.io/name=$s" --format '{{.Names}}' | grep -v infra | head -1)
  [[ -n $c ]] || c=$(podman ps --format '{{.Names}}' | grep -E "^$s-pod-[0-9]+-$s\$|^$s-.*-$s\$" | head -1)
  [[ -n $c ]] || { podman ps -a >&2; fail "no running container of the $s Deployment"; }
  wait_ready "$s" "$port" 120 || { podman logs --tail 30 "$c" >&2; fail "$s (play kube) did not become ready on :$port"; }
  check_container "$c" "$port"
done
kube_ok=true
fi
$stack_ok || echo "test:images: stages run: $STAGES (stackPassed needs containers,kube)"
