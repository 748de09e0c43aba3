#!/usr/bin/env bash
# How many rows of the real name-only prop feeds in ../shared/data find their player, and why the rest are rejected.
# Builds a scratch database (IDENTITY_DATABASE, default propcast_identity) with the same players and games as
# `npm run backtest:market` (2012-21 box scores, 2024-25 game logs), imports the feeds (threes 2024-25, PRA near-close
# 2024-25 and 2023-24 (its games derived from the feed), the two BetMGM fixtures) with --allow-partial, and prints per feed: rows stored by match reason,
# rows rejected by reason, and what the rule before player identity (exact normalised name, one line per book and
# snapshot) would have rejected besides. Extra arguments are alias files (CSV: name,player_id,book,reason) added with
# `propcast players alias add` before the feeds, to measure them. About a minute.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${PROPCAST_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
[ -d "$data" ] || { echo "identity-match-shares: shared data not found at $data (set PROPCAST_SHARED_DATA)" >&2; exit 1; }
base="${DATABASE_URL:-postgresql://propcast:propcast@127.0.0.1:5432/propcast}"
db="${IDENTITY_DATABASE:-propcast_identity}"
export DATABASE_URL="${base%/*}/$db"
admin="${base%/*}/postgres"
propcast() { node apps/cli/bin/propcast.js "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
propcast ingest box-scores --allow-partial --quiet \
  "$data/boxscores/player_boxscores_2012-13_to_2020-21.csv.gz" \
  "$data/formats/player_game_logs_2024-25/combined_2024_25.csv.gz" >/dev/null || true

for file in "$@"; do
  tail -n +2 "$file" | while IFS=, read -r name player book reason; do
    propcast players alias add "$name" --player "$player" ${book:+--book "$book"} --reason "$reason" --by identity-match-shares >/dev/null
  done
done

tar xzf "$data/formats/player_props/the_odds_api_player_threes_2024-25.tar.gz" -C "$work"
props="$data/formats/player_props"
propcast ingest props --allow-partial --quiet --json "$work"/*/*.csv >"$work/threes.json" || true
propcast ingest props --stat PRA --allow-partial --quiet --json "$props/the_odds_api_pra_near_close_2024-25.csv.gz" >"$work/pra-2024-25.json" || true
# No 2023-24 schedule or box scores here: its games are derived from the feed's own events (odds-feed-schedule.ts).
node -r @swc-node/register tools/demo/odds-feed-schedule.ts "$props/the_odds_api_pra_near_close_2023-24.csv.gz" >"$work/schedule-2023-24.csv"
propcast ingest schedule --quiet "$work/schedule-2023-24.csv" >/dev/null
propcast ingest props --stat PRA --allow-partial --quiet --json "$props/the_odds_api_pra_near_close_2023-24.csv.gz" >"$work/pra-2023-24.json" || true
propcast ingest props --allow-partial --quiet --json "$props"/mgm_*.json.gz >"$work/mgm.json" || true

node -e "
const fs = require('node:fs');
const zlib = require('node:zlib');
const { Client } = require('pg');
const reasonOf = (p) =>
  p.field === 'player' && p.message.startsWith('no stored player') ? 'player: no stored player of that name (or a looser form of it in the game)'
  : p.field === 'player' ? 'player: ' + p.message.replace(/^.* by /, 'two or more candidates by ').replace(/; give .*$/, '')
  : /no stored game/.test(p.message) ? 'game: no stored game of the teams on the date'
  : /conflicting duplicate/.test(p.message) ? 'conflicting duplicate'
  : p.field + ': ' + p.message.replace(/[0-9.\"-]+/g, '#');
(async () => {
  const c = new Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  for (const feed of ['threes', 'pra-2024-25', 'pra-2023-24', 'mgm']) {
    const reports = JSON.parse(fs.readFileSync('$work/' + feed + '.json', 'utf8'));
    const total = reports.reduce((n, r) => n + r.rows.total, 0);
    const rejects = new Map();
    let unlisted = 0;
    for (const r of reports) {
      // Every rejected row is in the reject file of a partial import; a rejected one lists its first problems only.
      const listed = r.rejectUri
        ? zlib.gunzipSync(fs.readFileSync(new URL(r.rejectUri))).toString().trim().split('\\n').map((l) => JSON.parse(l)).map((x) => ({ row: x.row, ...x.problems[0] }))
        : r.problems;
      const rows = new Map();
      for (const p of listed) if (!rows.has(p.row)) rows.set(p.row, reasonOf(p));
      for (const why of rows.values()) rejects.set(why, (rejects.get(why) ?? 0) + 1);
      unlisted += r.rows.total - r.rows.collapsed - (r.status === 'REJECTED' ? 0 : r.rows.accepted) - rows.size;
    }
    if (unlisted > 0) rejects.set('not listed (a rejected import reports its first problems only)', unlisted);
    const batches = reports.map((r) => r.batchId);
    const matched = (await c.query(
      \`SELECT match_reason AS reason, count(*)::int AS n FROM prop_lines WHERE batch_id = ANY(\$1) GROUP BY 1 ORDER BY 2 DESC\`, [batches])).rows;
    // Before player identity: only the exact normalised name (then a namesake told apart by team) matched, a book's
    // note in parentheses was part of the name, and a second line of one book in one snapshot rejected both.
    const loose = matched.filter((m) => !['name', 'name+team', 'player_id'].includes(m.reason)).reduce((n, m) => n + m.n, 0);
    const noted = (await c.query(\`SELECT count(*)::int AS n FROM prop_lines WHERE batch_id = ANY(\$1) AND match_reason IN ('name', 'name+team') AND feed_player_name LIKE '%(%'\`, [batches])).rows[0].n;
    const alternates = (await c.query(
      \`SELECT coalesce(sum(n), 0)::int AS n FROM (SELECT count(*) AS n FROM prop_lines WHERE batch_id = ANY(\$1) AND match_reason IN ('name', 'name+team', 'player_id')
          AND (feed_player_name IS NULL OR feed_player_name NOT LIKE '%(%') GROUP BY player_id, game_id, stat, book, captured_at HAVING count(*) > 1) s\`, [batches])).rows[0].n;
    const stored = matched.reduce((n, m) => n + m.n, 0);
    const counted = total - reports.reduce((n, r) => n + r.rows.collapsed, 0);
    const pct = (n) => (counted ? ((100 * n) / counted).toFixed(1) : '0.0') + '%';
    console.log('## ' + feed + ': ' + total + ' rows in ' + reports.length + ' file(s)');
    const collapsed = reports.reduce((n, r) => n + r.rows.collapsed, 0);
    if (collapsed) console.log(collapsed + ' rows repeat an earlier row exactly (collapsed, not counted below)');
    console.log('stored: ' + stored + ' (' + pct(stored) + '), by match reason: ' + matched.map((m) => m.reason + ' ' + m.n).join(', '));
    console.log('rejected: ' + (counted - stored) + ' (' + pct(counted - stored) + ')');
    for (const [why, n] of [...rejects].sort((a, b) => b[1] - a[1])) console.log('  ' + n + '  ' + why);
    const before = counted - stored + loose + noted + alternates;
    console.log('exact names only (the rule before player identity, with today\'s team evidence): ' + (counted - before) + ' stored (' + pct(counted - before) + '), ' + before + ' rejected: the above, plus ' + loose + ' matched by a looser name form or an alias, ' + noted + ' by a name with a book note in parentheses, ' + alternates + ' alternate lines');
    console.log();
  }
  await c.end();
})().catch((e) => { console.error(e); process.exit(1); });"
