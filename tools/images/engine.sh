#!/usr/bin/env bash
# Sourced by the image scripts: picks the container engine. PROPCAST_ENGINE=podman|docker forces one;
# otherwise docker when its daemon answers, else podman (installed and configured when missing).
propcast_engine() {
  if [[ -n "${PROPCAST_ENGINE:-}" ]]; then echo "$PROPCAST_ENGINE"; return; fi
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then echo docker; return; fi
  echo podman
}
