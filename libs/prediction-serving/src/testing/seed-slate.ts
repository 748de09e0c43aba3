import { ALL_STATS, type StatType } from '@propcast/contracts';
import { withPgTransaction } from '@propcast/db';
import { FeatureRowRepository } from '@propcast/feature-pipeline';
import { seedGames, type SeedGame } from '@propcast/feature-pipeline/testing';
import { FeatureSetV1, type FeatureVector } from '@propcast/features';
import type { Pool } from 'pg';
import { seededRandom } from '@propcast/common';
import { featureVector, playerLevels, STAT_BLOCK } from './synthetic-world';

/** The default processors of the feature store (FEATURE_PROCESSORS), which the coordinator waits for. */
export const PROCESSORS = ['team-defense', 'player-form', 'player-context'] as const;

/** A game date to predict: scheduled games, feature rows for their players, prop lines, the processors' reports. */
export interface SlateSeed {
  gameDate: string;
  players: number;
  /** Books posting a line for each player and stat in `statsWithLines`. */
  books: readonly string[];
  /** Stats that get lines (the others get one no-line request per player); default every stat. */
  statsWithLines?: readonly StatType[];
  /** Player ids start here (default 1000); games of the date get ids from `gameSerial`. */
  firstPlayerId?: number;
  gameSerial?: number;
  /** When the lines were captured (default 10 minutes ago). */
  capturedAt?: Date;
  seed?: number;
  /**
   * Feature processors recorded as having reported the date in trigger_records, as the coordinator records their
   * phase.completed (default: every one of PROCESSORS, so POST /start may start the date; [] for a date still computing).
   */
  reportedProcessors?: readonly string[];
}

/** What was seeded. */
export interface SeededSlate {
  gameDate: string;
  playerIds: number[];
  gameIds: string[];
  /** Requests a batch over every stat makes of this slate. */
  requests: number;
}

const PLAYERS_PER_GAME = 20;
const PRICES: readonly [number, number][] = [
  [-110, -110],
  [-120, 100],
  [105, -125],
  [-115, -105],
  [-140, 120],
];

/** Seeds a slate: SCHEDULED games (10 players a side), one player-props@v1 feature row per player, and lines with prices. */
export async function seedSlate(pool: Pool, seed: SlateSeed): Promise<SeededSlate> {
  const random = seededRandom(seed.seed ?? 11);
  const firstPlayerId = seed.firstPlayerId ?? 1000;
  const serial = seed.gameSerial ?? 1;
  const statsWithLines = seed.statsWithLines ?? ALL_STATS;
  const games: SeedGame[] = [];
  for (let g = 0; g < Math.ceil(seed.players / PLAYERS_PER_GAME); g++) {
    const id = `00224${String(serial * 1000 + g).padStart(5, '0')}`;
    games.push({ id, gameDate: seed.gameDate, season: '2024-25', homeTeamId: 1610612737 + ((2 * g) % 30), awayTeamId: 1610612737 + ((2 * g + 1) % 30) });
  }
  await seedGames(pool, games);
  await pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    FeatureSetV1.id,
    FeatureSetV1.name,
    FeatureSetV1.version,
    FeatureSetV1.featureNames,
    FeatureSetV1.definitionHash,
  ]);

  const capturedAt = seed.capturedAt ?? new Date(Date.now() - 10 * 60_000);
  const vectors: FeatureVector[] = [];
  const lines: unknown[][] = [];
  const playerIds: number[] = [];
  for (let p = 0; p < seed.players; p++) {
    const playerId = firstPlayerId + p;
    const game = games[Math.floor(p / PLAYERS_PER_GAME)];
    const home = p % PLAYERS_PER_GAME < PLAYERS_PER_GAME / 2;
    const levels = playerLevels(random);
    playerIds.push(playerId);
    vectors.push({
      featureSetId: FeatureSetV1.id,
      playerId,
      gameId: game.id,
      gameDate: seed.gameDate,
      teamId: home ? game.homeTeamId : game.awayTeamId,
      opponentTeamId: home ? game.awayTeamId : game.homeTeamId,
      cutoffAt: capturedAt,
      values: featureVector(levels, random),
    });
    for (const stat of statsWithLines) {
      seed.books.forEach((book, b) => {
        const [over, under] = PRICES[(p + b) % PRICES.length];
        const line = Math.floor(levels[STAT_BLOCK[stat]] + (random() - 0.5) * 2) + 0.5;
        lines.push([playerId, game.id, stat, Math.max(0.5, line), over, under, book]);
      });
    }
  }
  await withPgTransaction(pool, async (client) => {
    await new FeatureRowRepository(pool).replaceRange(client, FeatureSetV1.id, seed.gameDate, seed.gameDate, vectors);
    if (lines.length === 0) return;
    const col = (i: number) => lines.map((l) => l[i]);
    await client.query(
      `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
       SELECT t.p, t.g, $8::date, t.s, t.l, t.o, t.u, t.b, $9::timestamp, 'seed'
         FROM unnest($1::int[], $2::text[], $3::"StatType"[], $4::float8[], $5::int[], $6::int[], $7::text[]) AS t(p, g, s, l, o, u, b)`,
      [col(0), col(1), col(2), col(3), col(4), col(5), col(6), seed.gameDate, capturedAt.toISOString().replace('Z', '')],
    );
  });
  const reported = seed.reportedProcessors ?? PROCESSORS;
  if (reported.length > 0) {
    await pool.query(
      `INSERT INTO trigger_records (game_date, processor, message_id, received_at)
       SELECT $1::date, p, 'seed-' || p, now() AT TIME ZONE 'UTC' FROM unnest($2::text[]) AS p ON CONFLICT (game_date, processor) DO NOTHING`,
      [seed.gameDate, reported],
    );
  }
  const perPlayer = ALL_STATS.reduce((n, stat) => n + (statsWithLines.includes(stat) && seed.books.length > 0 ? seed.books.length : 1), 0);
  return { gameDate: seed.gameDate, playerIds, gameIds: games.map((g) => g.id), requests: perPlayer * seed.players };
}
