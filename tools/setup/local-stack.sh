#!/usr/bin/env bash
# Makes a machine ready to run and test Propcast: npm dependencies, Postgres, Redis, libxgboost,
# the database and its migrations, the generated Prisma client. Safe to run again: each step
# checks first and does nothing when already done. Installs with apt where it can (root on Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/../.."

DATABASE_URL=${DATABASE_URL:-postgresql://propcast:propcast@127.0.0.1:5432/propcast}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export DATABASE_URL REDIS_URL

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    return 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- npm dependencies -------------------------------------------------------------------
# Installed when node_modules is missing or was installed from another package-lock.json (by content: a
# checkout's mtime says nothing, and a work tree whose node_modules links to a shared install must not wipe it).
lock_sha="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.propcast-lock-sha256
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sha" ]; then
  say "installing npm dependencies"
  # npm ci refuses a lockfile that lacks other platforms' optional binaries (registry mirrors that
  # serve only this platform's leave them out); npm install then installs the same locked versions.
  npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null \
    || die "npm install failed; check your network access to the npm registry"
  sha256sum package-lock.json | cut -d' ' -f1 > "$stamp"
fi

# --- libxgboost (training) ----------------------------------------------------------------
if ! ldconfig -p 2>/dev/null | grep -q 'libxgboost.so' && [ -z "${XGBOOST_LIBRARY_PATH:-}" ]; then
  apt_install libxgboost0 || die "libxgboost is missing: install it with 'apt-get install -y libxgboost0' (or set XGBOOST_LIBRARY_PATH to libxgboost.so)"
fi
if ! command -v xgboost >/dev/null 2>&1; then
  apt_install xgboost || say "xgboost CLI not installed (only the inference benchmark's CLI comparison needs it)"
fi

# --- Chromium (only the demo report's rendering test needs it; it skips without) ------------
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  apt_install chromium || say "Chromium not installed: the report rendering test will be skipped"
fi

# --- Postgres -----------------------------------------------------------------------------
db_host=$(node -e "console.log(new URL(process.env.DATABASE_URL).hostname)")
db_port=$(node -e "console.log(new URL(process.env.DATABASE_URL).port || 5432)")
pg_up() { (exec 3<>"/dev/tcp/$db_host/$db_port") 2>/dev/null; }
if ! pg_up; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql || die "Postgres is not running at $db_host:$db_port and cannot be installed here: install PostgreSQL 15+ or set DATABASE_URL"
  fi
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || die "no Postgres cluster found: create one with 'pg_createcluster 15 main'"
  say "starting Postgres cluster $cluster"
  pg_ctlcluster $cluster start || die "could not start Postgres ($cluster): see /var/log/postgresql/"
  for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
  pg_up || die "Postgres did not come up on $db_host:$db_port"
fi
if [ "$db_host" = 127.0.0.1 ] || [ "$db_host" = localhost ]; then
  db_user=$(node -e "console.log(decodeURIComponent(new URL(process.env.DATABASE_URL).username))")
  db_pass=$(node -e "console.log(decodeURIComponent(new URL(process.env.DATABASE_URL).password))")
  db_name=$(node -e "console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))")
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    as_pg() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
    if [ "$(as_pg "SELECT 1 FROM pg_roles WHERE rolname='$db_user'")" != 1 ]; then
      say "creating role $db_user"
      as_pg "CREATE ROLE $db_user LOGIN PASSWORD '$db_pass' CREATEDB" >/dev/null
    fi
    # Test databases are dropped WITH (FORCE); an autovacuum worker inside one belongs to no role, so
    # ending it needs pg_signal_backend (the drop helper also falls back without it, only slower).
    if [ "$(as_pg "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = 'pg_signal_backend' AND u.rolname = '$db_user'")" != 1 ]; then
      as_pg "GRANT pg_signal_backend TO $db_user" >/dev/null
    fi
    if [ "$(as_pg "SELECT 1 FROM pg_database WHERE datname='$db_name'")" != 1 ]; then
      say "creating database $db_name"
      as_pg "CREATE DATABASE $db_name OWNER $db_user" >/dev/null
    fi
  fi
fi

# --- Redis --------------------------------------------------------------------------------
redis_host=$(node -e "console.log(new URL(process.env.REDIS_URL).hostname)")
redis_port=$(node -e "console.log(new URL(process.env.REDIS_URL).port || 6379)")
redis_up() { (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2>/dev/null; }
if ! redis_up; then
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server || die "Redis is not running at $redis_host:$redis_port and cannot be installed here: install Redis 6+ or set REDIS_URL"
  fi
  say "starting redis-server on port $redis_port"
  mkdir -p var/redis
  redis-server --daemonize yes --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$PWD/var/redis" --logfile "$PWD/var/redis/redis.log" >/dev/null
  for _ in $(seq 1 30); do redis_up && break; sleep 0.2; done
  redis_up || die "Redis did not come up on $redis_host:$redis_port (see var/redis/redis.log)"
fi

# --- Prisma client and migrations ---------------------------------------------------------
if [ ! -f libs/db/src/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt libs/db/src/generated/prisma/client.ts ]; then
  bash tools/db/prisma-generate.sh
fi
node -r @swc-node/register tools/db/migrate.ts | sed 's/^/[setup] /'
say "local stack ready: Postgres $db_host:$db_port, Redis $redis_host:$redis_port"
