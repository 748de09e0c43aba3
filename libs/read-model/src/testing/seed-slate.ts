import type { Pool } from 'pg';
import type { ArtifactStore } from '@propcast/artifact-store';
import { seededRandom } from '@propcast/common';
import { ALL_STATS, type StatType } from '@propcast/contracts';
import { ProbabilityModel, recommend } from '@propcast/prediction';
import { DEFAULT_RECOMMEND_OPTIONS } from '../pricing/betting-gates';

const TEAMS = [
  'ATL',
  'BOS',
  'BKN',
  'CHA',
  'CHI',
  'CLE',
  'DAL',
  'DEN',
  'DET',
  'GSW',
  'HOU',
  'IND',
  'LAC',
  'LAL',
  'MEM',
  'MIA',
  'MIL',
  'MIN',
  'NOP',
  'NYK',
  'OKC',
  'ORL',
  'PHI',
  'PHX',
  'POR',
  'SAC',
  'SAS',
  'TOR',
  'UTA',
  'WAS',
];
const FIRST = ['Alex', 'Ben', 'Chris', 'Dan', 'Eli', 'Finn', 'Gabe', 'Hugo', 'Ivan', 'Jay', 'Kai', 'Leo', 'Max', 'Nico', 'Omar'];
const LAST = ['Adams', 'Brooks', 'Carter', 'Diaz', 'Evans', 'Foster', 'Grant', 'Hayes', 'Irving', 'Jones', 'King', 'Lopez', 'Moore', 'Nash', 'Owens', 'Price', 'Reed'];
/** Typical per-game level of each stat for a starter, scaled per player. */
const LEVEL: Record<StatType, number> = { POINTS: 18, REBOUNDS: 7, ASSISTS: 5, THREES: 2, PRA: 30 };

/** What {@link seedSlate} writes. */
export interface SlateSeedOptions {
  date: string;
  /** Games on the date (at most 15: two different teams each). */
  games?: number;
  playersPerTeam?: number;
  stats?: readonly StatType[];
  /** Real books quoting each prop (a PROXY line is added for props no book quotes). */
  books?: readonly string[];
  /** Stats that no book quotes: priced at a PROXY line (season average, -110/-110). */
  proxyStats?: readonly StatType[];
  /** Store the date's box scores and mark its games FINAL. */
  final?: boolean;
  /** Days of box-score history before the date (player teams, recent form). */
  historyDays?: number;
  seed?: number;
  /** First day of a numbered id range (lets several seeded dates share one database). */
  idOffset?: number;
}

/** What was seeded. */
export interface SeededSlate {
  date: string;
  gameIds: string[];
  playerIds: number[];
  teamIds: number[];
  modelIds: Record<StatType, string>;
  batchId: string;
  predictions: number;
  lines: number;
}

/**
 * Seeds a realistic slate for read-side tests and benchmarks: teams, named players, a few days of box-score
 * history, one production model per stat whose metadata.json holds a probability model fitted (libs/prediction)
 * on synthetic residuals, one prediction batch with a prediction per player, stat and book priced exactly as the
 * worker prices (calibrated probabilities, vig-free market, `recommend`), and each book's line snapshots of the
 * day (an early line and a later one, moved half a point for every third prop).
 */
export async function seedSlate(pool: Pool, artifacts: ArtifactStore, options: SlateSeedOptions): Promise<SeededSlate> {
  const games = Math.min(options.games ?? 2, 15);
  const perTeam = options.playersPerTeam ?? 3;
  const stats = options.stats ?? ALL_STATS;
  const books = options.books ?? ['draftkings', 'fanduel'];
  const proxyStats = new Set(options.proxyStats ?? []);
  const random = seededRandom(options.seed ?? 11);
  const offset = options.idOffset ?? 0;
  const date = options.date;
  const day = (n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const gameId = (dayIndex: number, g: number) => `00224${String(offset * 3000 + dayIndex * 40 + g).padStart(5, '0')}`;

  const teamIds = TEAMS.slice(0, games * 2).map((_, i) => 1610612737 + i);
  await pool.query(`INSERT INTO teams (id, abbreviation, city, name, updated_at) SELECT * , now() FROM unnest($1::int[], $2::text[], $2::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
    teamIds,
    TEAMS.slice(0, games * 2),
  ]);
  const players: { id: number; teamId: number; skill: number }[] = [];
  teamIds.forEach((teamId, t) => {
    for (let j = 0; j < perTeam; j++) players.push({ id: 100_000 + t * 100 + j, teamId, skill: 0.55 + 0.9 * random() });
  });
  await pool.query(`INSERT INTO players (id, name, normalized_name, updated_at) SELECT id, name, lower(name), now() FROM unnest($1::int[], $2::text[]) AS x(id, name) ON CONFLICT DO NOTHING`, [
    players.map((p) => p.id),
    players.map((p, i) => `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}`),
  ]);

  // Games: history days (FINAL) and the date itself; team 2g hosts team 2g+1.
  const history = options.historyDays ?? 5;
  const gameRows: [string, string, string, number, number, string, string][] = [];
  for (let d = -history; d <= 0; d++) {
    for (let g = 0; g < games; g++) {
      const status = d < 0 || options.final ? 'FINAL' : 'SCHEDULED';
      gameRows.push([
        gameId(d + history, g),
        day(d),
        '2024-25',
        teamIds[2 * g],
        teamIds[2 * g + 1],
        status,
        `${day(d)}T${String(23 + (g % 2))
          .padStart(2, '0')
          .replace('24', '00')}:00:00Z`,
      ]);
    }
  }
  await pool.query(
    `INSERT INTO games (id, game_date, season, season_type, home_team_id, away_team_id, status, tipoff_at, updated_at)
     SELECT id, d::date, s, 'REGULAR', h, a, st::"GameStatus", t::timestamptz, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) AS x(id, d, s, h, a, st, t)`,
    gameRows.reduce<unknown[][]>((cols, row) => (row.forEach((v, i) => cols[i].push(v)), cols), [[], [], [], [], [], [], []]),
  );

  // Box scores of the history days, and of the date when final.
  const box: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
  const outcome = (p: { skill: number }, stat: StatType) => Math.max(0, Math.round(LEVEL[stat] * p.skill + (random() - 0.5) * LEVEL[stat] * 0.9));
  for (let d = -history; d <= (options.final ? 0 : -1); d++) {
    players.forEach((p) => {
      const t = teamIds.indexOf(p.teamId);
      const g = Math.floor(t / 2);
      const pts = outcome(p, 'POINTS');
      const reb = outcome(p, 'REBOUNDS');
      const ast = outcome(p, 'ASSISTS');
      const fg3m = Math.min(outcome(p, 'THREES'), Math.floor(pts / 3));
      [p.id, gameId(d + history, g), day(d), p.teamId, teamIds[t % 2 === 0 ? t + 1 : t - 1], t % 2 === 0, 24 + 12 * random(), pts, reb, ast, fg3m].forEach((v, i) => box[i].push(v));
    });
  }
  await pool.query(
    `INSERT INTO player_game_stats (player_id, game_id, game_date, team_id, opponent_team_id, is_home, minutes, pts, reb, ast, fg3m, batch_id, updated_at)
     SELECT p, g, d::date, t, o, h, m, pts, reb, ast, fg3m, 'seed', now()
       FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::boolean[], $7::float8[], $8::int[], $9::int[], $10::int[], $11::int[])
            AS x(p, g, d, t, o, h, m, pts, reb, ast, fg3m)`,
    box,
  );

  // One production model per stat with a fitted probability model in its metadata.json.
  const modelIds = {} as Record<StatType, string>;
  const probability = new Map<StatType, ProbabilityModel>();
  for (const stat of stats) {
    const id = `${stat.toLowerCase()}-seed-${offset}`;
    modelIds[stat] = id;
    const model = fitProbabilityModel(stat, seededRandom((options.seed ?? 11) + stat.length));
    probability.set(stat, model);
    const ref = await artifacts.put(`models/${id}/metadata.json`, Buffer.from(JSON.stringify({ modelId: id, probabilityModel: model.toJSON() })));
    await pool.query(
      `INSERT INTO models (id, stat, version, feature_set_id, feature_names, objective, params, artifact_uri, artifact_sha256, native_uri, metadata_uri,
                           train_from, train_to, dataset_fingerprint, metrics, baselines, status, role, traffic_weight, promoted_at)
       VALUES ($1, $2::"StatType", $3, 'player-props@v1', '{}', 'reg:squarederror', '{}', $4, 'none', $4, $5, '2020-01-01', $6::date, 'seed', '{}', '{}',
               'PRODUCTION', 'PRIMARY', 1, now())
       ON CONFLICT (id) DO NOTHING`,
      [id, stat, offset + 1, `${ref.uri}.onnx`, ref.uri, day(-1)],
    );
  }

  const batchId = `seed-batch-${date}`;
  await pool.query(
    `INSERT INTO prediction_batches (id, game_date, attempt, state, trigger, stats, player_ids, requested, completed, created_at, started_at, finished_at)
     VALUES ($1, $2::date, 0, 'COMPLETED', 'manual', $3::"StatType"[], '{}', 0, 0, now(), now(), now())`,
    [batchId, date, stats],
  );

  const preds: unknown[][] = Array.from({ length: 20 }, () => []);
  const lines: unknown[][] = Array.from({ length: 10 }, () => []);
  let propIndex = 0;
  for (const p of players) {
    const t = teamIds.indexOf(p.teamId);
    const gid = gameId(history, Math.floor(t / 2));
    for (const stat of stats) {
      const model = probability.get(stat) as ProbabilityModel;
      const mean = Math.max(0.3, LEVEL[stat] * p.skill * (0.85 + 0.3 * random()));
      const seasonLine = Math.floor(LEVEL[stat] * p.skill) + 0.5;
      const quotes = proxyStats.has(stat)
        ? [{ book: 'PROXY', line: seasonLine, over: -110, under: -110 }]
        : books.map((book, b) => {
            // Within 8 cents of -110 either way, so both sides stay valid American odds (|odds| >= 100).
            const shade = Math.round((random() - 0.5) * 16);
            return { book, line: seasonLine + (b === 1 && propIndex % 4 === 0 ? 1 : 0), over: -110 + shade, under: -110 - shade };
          });
      for (const q of quotes) {
        const odds = model.overUnder(mean, q.line);
        const r = recommend({ pOver: odds.over, pUnder: odds.under, overOdds: q.over, underOdds: q.under }, DEFAULT_RECOMMEND_OPTIONS);
        const side = r.recommendation === 'UNDER' || (r.recommendation === 'PASS' && r.under.expectedValue > r.over.expectedValue) ? r.under : r.over;
        const flags = [...(p.skill < 0.7 ? ['few_games'] : [])];
        [
          batchId,
          p.id,
          gid,
          date,
          stat,
          modelIds[stat],
          offset + 1,
          q.book,
          mean,
          q.line,
          q.over,
          q.under,
          odds.over,
          r.over.marketProbability,
          side.edge,
          side.expectedValue,
          r.recommendation === 'PASS' ? 0 : side.kellyFraction,
          r.confidence,
          r.recommendation,
          `{${flags.join(',')}}`,
        ].forEach((v, i) => preds[i].push(v));
        const early = `${date}T15:00:00Z`;
        const late = `${date}T21:00:00Z`;
        const moved = propIndex % 3 === 0 && q.book !== 'PROXY';
        for (const [at, line] of [
          [early, q.line - (moved ? 0.5 : 0)],
          [late, q.line],
        ] as [string, number][]) {
          [p.id, gid, date, stat, line, q.over, q.under, q.book, at, 'seed'].forEach((v, i) => lines[i].push(v));
        }
      }
      propIndex++;
    }
  }
  await pool.query(
    `INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, line, over_price, under_price,
                              over_probability, market_over_probability, edge, expected_value, kelly_fraction, confidence, recommendation, flags)
     SELECT b, p, g, d::date, s::"StatType", m, v, 'PRIMARY', bk, mean, l, o, u, po, pm, e, ev, k, c, r::"Recommendation", f::text[]
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::float8[], $10::float8[], $11::int[], $12::int[],
                   $13::float8[], $14::float8[], $15::float8[], $16::float8[], $17::float8[], $18::float8[], $19::text[], $20::text[])
            AS x(b, p, g, d, s, m, v, bk, mean, l, o, u, po, pm, e, ev, k, c, r, f)`,
    preds,
  );
  await pool.query(
    `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
     SELECT p, g, d::date, s::"StatType", l, o, u, b, c::timestamptz, bt FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])
            AS x(p, g, d, s, l, o, u, b, c, bt)`,
    lines,
  );
  return {
    date,
    gameIds: Array.from({ length: games }, (_, g) => gameId(history, g)),
    playerIds: players.map((p) => p.id),
    teamIds,
    modelIds,
    batchId,
    predictions: preds[0].length,
    lines: lines[0].length,
  };
}

/** A probability model fitted on synthetic (mean, outcome) rows around a stat's typical levels. */
export function fitProbabilityModel(stat: StatType, random: () => number): ProbabilityModel {
  const rows = Array.from({ length: 2400 }, () => {
    const predicted = LEVEL[stat] * (0.3 + 1.4 * random());
    const actual = Math.max(0, Math.round(predicted + (random() + random() + random() - 1.5) * Math.sqrt(predicted) * 1.6));
    return { predicted, actual, line: Math.floor(predicted) + 0.5 };
  });
  return ProbabilityModel.fit(rows, { residual: { maxBuckets: 4, minRowsPerBucket: 300 }, crossFitFolds: 3 });
}
