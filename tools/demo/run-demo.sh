#!/usr/bin/env bash
# `npm run demo`: prepares the local stack, then replays a real NBA game day through the five services.
# Options: --keep (leave the services running), --retrain (train even when production models exist),
# --day YYYY-MM-DD (replay day; default 2021-05-16, the last day of the 2020-21 regular season).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/setup/local-stack.sh
exec node -r @swc-node/register tools/demo/demo.ts "$@"
