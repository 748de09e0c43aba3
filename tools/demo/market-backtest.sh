#!/usr/bin/env bash
# `npm run backtest:market`: the model against the market on the real prices in ../shared/data: the 2024-25
# threes lines of The Odds API (8 US books) and its 2024-25 PRA near-close lines (imported with --stat PRA). Builds a scratch
# database (MARKET_DATABASE, default propcast_market), imports 2012-21 box scores and the 2024-25 game logs (no GAME_ID: ids
# derived from date and home team; DND/NWT/inactive comments become availability reports), then the prop lines (tip-offs
# taken from the feed) and the real closing game lines (spread, total; stamped one minute before tip-off). Backfills
# the feature sets asked for (v1, v2, v3) and runs a walk-forward THREES+PRA backtest over 2024-25 with each (trains on everything before
# each day, retrains every 30 days). Prints one table per feature set (model, vig-free market and model+market
# combination: Brier, log loss; win rate vs break-even of the prices paid) and writes HTML + JSON reports under
# var/reports/market/<v1|v2|v3>. MARKET_FEATURE_SETS (default "v1 v2"; v3 = v2 + era-relative game environment) picks the
# feature sets, MARKET_STATS the stats. MARKET_MINUTES_PROJECTION=1 runs each feature set a second time with a minutes
# model refitted at every retrain (out-of-fold projections in training, its projection when predicting; reports under
# var/reports/market/<fs>-minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/setup/local-stack.sh >/dev/null
data="${PROPCAST_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
[ -d "$data" ] || { echo "market-backtest: shared data not found at $data (set PROPCAST_SHARED_DATA)" >&2; exit 1; }
base="${DATABASE_URL:-postgresql://propcast:propcast@127.0.0.1:5432/propcast}"
db="${MARKET_DATABASE:-propcast_market}"
export DATABASE_URL="${base%/*}/$db"
# the scratch store's feature cache keys stay apart from a running stack's
export FEATURE_CACHE_KEY_PREFIX="propcast:$db:"
admin="${base%/*}/postgres"
from="${MARKET_FROM:-2024-11-01}"
to="${MARKET_TO:-2025-04-13}"
stats="${MARKET_STATS:-THREES,PRA}"
feature_sets="${MARKET_FEATURE_SETS:-v1 v2}"
started=$(date +%s)
elapsed() { echo "($(( $(date +%s) - started )) s so far)"; }
propcast() { node apps/cli/bin/propcast.js "$@"; }

echo "== scratch database $db"
node -e "
const { Client } = require('pg');
(async () => {
  const c = new Client({ connectionString: process.argv[1] });
  await c.connect();
  await c.query('DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)');
  await c.query('CREATE DATABASE \"$db\"');
  await c.end();
})().catch((e) => { console.error(e.message); process.exit(1); });" "$admin"
propcast migrate >/dev/null

echo "== box scores 2012-21 and game logs 2024-25"
propcast ingest box-scores --allow-partial --quiet \
  "$data/boxscores/player_boxscores_2012-13_to_2020-21.csv.gz" \
  "$data/formats/player_game_logs_2024-25/combined_2024_25.csv.gz" | grep -v '^  ' || true

echo "== The Odds API threes lines 2024-25"
lines=$(mktemp -d)
trap 'rm -rf "$lines"' EXIT
tar xzf "$data/formats/player_props/the_odds_api_player_threes_2024-25.tar.gz" -C "$lines"
propcast ingest props --allow-partial --quiet --json "$lines"/*/*.csv | node -e "
let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const reports = JSON.parse(s); const sum = (k) => reports.reduce((n, r) => n + (r.rows[k] || 0), 0);
  console.log(reports.length + ' files: ' + sum('accepted') + ' of ' + sum('total') + ' lines stored, ' + sum('rejected') + ' rejected (players the game logs do not have or name otherwise; reasons under var/artifacts/rejects/)');
});" || true

echo "== The Odds API PRA near-close lines 2024-25 (2023-24 has no box scores here: its lines match no stored game)"
propcast ingest props --stat PRA --allow-partial --quiet --json "$data/formats/player_props/the_odds_api_pra_near_close_2024-25.csv.gz" | node -e "
let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const [r] = JSON.parse(s);
  console.log(r.rows.accepted + ' of ' + r.rows.total + ' lines stored, ' + r.rows.rejected + ' rejected (reasons under var/artifacts/rejects/)');
});" || true

echo "== real closing game lines 2007-08..2024-25 (without 2021-23): lines of games not stored are skipped"
propcast ingest game-lines --allow-partial --quiet --json "$data/formats/game_lines/game_lines_2007-08_to_2024-25_without_2021-23.csv.gz" | node -e "
let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const [r] = JSON.parse(s);
  console.log(r.rows.accepted + ' of ' + r.rows.total + ' game lines stored, ' + r.rows.rejected + ' rejected (their games are not stored here: before 2012-13, 2023-24)');
});" || true
elapsed

for fs in $feature_sets; do
  echo "== features $fs"
  propcast backfill --feature-set "$fs" | tail -1
  elapsed
done

for fs in $feature_sets; do
  echo "== walk-forward $stats backtest $from..$to on feature set $fs (trains on every earlier game, every 30 days)"
  propcast backtest --from "$from" --to "$to" --stats "$stats" --feature-set "$fs" --train-window 5000 --retrain-every 30 \
    --out "var/reports/market/$fs" --json
  elapsed
  if [ "${MARKET_MINUTES_PROJECTION:-0}" = "1" ]; then
    echo "== walk-forward $stats backtest $from..$to on feature set $fs + minutes projection (a minutes model refitted at every retrain)"
    propcast backtest --from "$from" --to "$to" --stats "$stats" --feature-set "$fs" --train-window 5000 --retrain-every 30 \
      --minutes-projection --out "var/reports/market/$fs-minutes" --json
    elapsed
  fi
done
