#!/usr/bin/env bash
# `npm run images`: builds every target of docker/Dockerfile, one after the other, with podman (or docker when its
# daemon answers; PROPCAST_ENGINE=podman|docker forces one), and prints each image's size and build seconds.
#   base: a local base made without any registry (tools/images/base-image.sh: debootstrap + Node from npm), passed
#         through the Dockerfile's NODE_IMAGE argument. NODE_IMAGE=<image> uses another one; NODE_IMAGE=default
#         keeps the Dockerfile's production default (node:20-slim pinned by digest; needs a registry).
#   tags: propcast/<target>:local (what docker-compose.yml, test:images and k8s/overlays/local use).
#   figures: var/bench/images.json (per image sizeBytes/buildSeconds; test:images adds stackPassed).
# Usage: npm run images [-- target ...]      logs: var/images/build-<target>.log
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/images/engine.sh
ALL_TARGETS=(migrate ingestion feature-store trainer prediction-coordinator prediction-worker api)
targets=("$@")
((${#targets[@]})) || targets=("${ALL_TARGETS[@]}")
engine=$(propcast_engine)
if [[ $engine == podman ]]; then bash tools/images/podman-setup.sh >/dev/null; fi
base_args=()
case "${NODE_IMAGE:-local}" in
  default) base="(Dockerfile default: $(grep -m1 -oP '^ARG NODE_IMAGE=\K.*' docker/Dockerfile))" ;;
  local)
    base=${PROPCAST_BASE_IMAGE:-localhost/propcast-node:20.20.2-bookworm}
    PROPCAST_BASE_IMAGE=$base bash tools/images/base-image.sh "$engine"
    base_args=(--build-arg "NODE_IMAGE=$base") ;;
  *) base=$NODE_IMAGE; base_args=(--build-arg "NODE_IMAGE=$base") ;;
esac
mkdir -p var/images var/bench
echo "images: ${#targets[@]} targets with $engine, base $base (nice -n 10, one at a time, layers reused)"
results=()
i=0
for target in "${targets[@]}"; do
  i=$((i + 1))
  tag="propcast/$target:local"
  log="var/images/build-$target.log"
  printf '[%d/%d] %-24s building...\n' "$i" "${#targets[@]}" "$target"
  t0=$(date +%s.%N)
  extra=()
  # docker format: an OCI-format image has no HEALTHCHECK (podman drops it with a warning).
  [[ $engine == podman ]] && extra=(--layers --jobs 1 --format docker)
  if ! nice -n 10 "$engine" build "${extra[@]}" "${base_args[@]}" -f docker/Dockerfile --target "$target" -t "$tag" . >"$log" 2>&1; then
    tail -25 "$log" >&2
    echo "[$i/${#targets[@]}] $target: build FAILED (whole log: $log)" >&2
    exit 1
  fi
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  size=$("$engine" image inspect --format '{{.Size}}' "$tag")
  printf '[%d/%d] %-24s built in %6s s, %s MB  (%s)\n' "$i" "${#targets[@]}" "$target" "$secs" "$(awk -v s="$size" 'BEGIN{printf "%.0f", s/1e6}')" "$tag"
  results+=("$target $size $secs")
done
node tools/images/record-build.js "$engine" "$base" "${results[@]}"
