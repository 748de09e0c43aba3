#!/usr/bin/env bash
# Installs and configures podman for this machine when missing (idempotent; root, Debian/Ubuntu):
#   apt-get install podman debootstrap runc;
#   /etc/containers/containers.conf: runtime runc (crun fails on hybrid cgroups) and fixed default ulimits
#   (podman's default, the host's limits, cannot be set on this VM).
set -euo pipefail
need=()
for cmd in podman debootstrap runc; do command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd"); done
if ((${#need[@]})); then
  [[ $(id -u) -eq 0 ]] || { echo "podman-setup: ${need[*]} missing; run as root or install them (apt-get install -y podman debootstrap runc)" >&2; exit 1; }
  echo "podman-setup: installing ${need[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends podman debootstrap runc >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends podman debootstrap runc >/dev/null; }
fi
conf=/etc/containers/containers.conf
if [[ ! -f $conf ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "podman-setup: $conf missing; run as root" >&2; exit 1; }
  mkdir -p /etc/containers
  cat >"$conf" <<'CONF'
# Written by propcast tools/images/podman-setup.sh.
[containers]
# The default (copy the host's ulimits) cannot be set on this VM.
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
# crun fails on this VM's hybrid cgroups (v1 + v2).
runtime = "runc"
CONF
  echo "podman-setup: wrote $conf (runtime runc, default ulimits)"
elif ! grep -q '^runtime *= *"runc"' "$conf"; then
  echo "podman-setup: note: $conf exists without runtime = \"runc\"; left as it is" >&2
fi
podman --version
