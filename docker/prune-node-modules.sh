#!/bin/sh
# Removes native binaries built for other platforms, and Prisma query compilers of other databases, from a
# production node_modules (image size):
# onnxruntime-node ships darwin/win32/linux x64+arm64 (~290 MB), koffi ships ~18 triplets.
# Usage: prune-node-modules.sh <docker TARGETARCH: amd64|arm64>
set -eu
case "${1:-amd64}" in
  amd64) arch=x64 ;;
  arm64) arch=arm64 ;;
  *) echo "prune-node-modules: unsupported architecture $1" >&2; exit 1 ;;
esac
cd node_modules
for dir in onnxruntime-node/bin/napi-v*; do
  [ -d "$dir" ] || continue
  find "$dir" -mindepth 1 -maxdepth 1 -type d ! -name linux -exec rm -rf {} +
  [ -d "$dir/linux" ] && find "$dir/linux" -mindepth 1 -maxdepth 1 -type d ! -name "$arch" -exec rm -rf {} +
done
if [ -d koffi/build/koffi ]; then
  find koffi/build/koffi -mindepth 1 -maxdepth 1 -type d ! -name "linux_$arch" -exec rm -rf {} +
fi
# Prisma 7 ships a query compiler (wasm, as base64 JS) per database, twice (fast and small, .js and .mjs, ~64 MB);
# the generated client loads only query_compiler_fast_bg.postgresql.wasm-base64.js.
rm -f @prisma/client/runtime/query_compiler_*_bg.mysql.* @prisma/client/runtime/query_compiler_*_bg.sqlite.* \
  @prisma/client/runtime/query_compiler_*_bg.sqlserver.* @prisma/client/runtime/query_compiler_*_bg.cockroachdb.*
[ -f @prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js ] \
  || { echo "prune-node-modules: missing @prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js" >&2; exit 1; }
# Fail the build rather than ship an image whose native modules cannot load.
for dir in onnxruntime-node/bin/napi-v*/linux/"$arch" koffi/build/koffi/"linux_$arch"; do
  [ -d "$dir" ] || { echo "prune-node-modules: missing $dir" >&2; exit 1; }
done
echo "prune-node-modules: kept linux/$arch native binaries"
