#!/usr/bin/env bash
# The test command (`npm test`): prepares the local stack, then lint, type-check and every
# project's tests (unit and integration against the real Postgres and Redis). Ends with the
# plain line "N passed, N failed" printed from Jest's results.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/setup/local-stack.sh
echo "== lint (eslint with Nx module boundaries, prettier --check)"
# `npm run lint` computes Nx's project graph first: without it the boundaries rule silently skips.
npm run --silent lint
echo "== type-check (tsc --noEmit)"
npx tsc -p tsconfig.json --noEmit
echo "== tests (jest, all projects)"
npx jest --ci --maxWorkers=2 "$@"
