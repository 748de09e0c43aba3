#!/usr/bin/env bash
# Generates the Prisma client. The CLI insists on a schema-engine binary even for `generate`,
# which needs none; where the binary cannot be downloaded we point it at an existing file.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$(command -v node)"
fi
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
npx prisma generate --no-hints >/dev/null
echo "prisma client generated (libs/db/src/generated/prisma)"
