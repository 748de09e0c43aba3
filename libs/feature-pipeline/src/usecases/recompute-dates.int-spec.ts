import { GameDate } from '@propcast/common';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { buildTeamGameLogs, computeFeatures, encodeFeatureValues, FeatureSetV1, isPlayed, type PlayerGameLog } from '@propcast/features';
import { createFeaturePipeline, type FeaturePipeline } from '../feature-pipeline.factory';
import { correctBoxScore, loadRealBoxScores, pureFeatureHex, RecordingPublisher, seedBoxScores, seedGames, seedPropLines, storedRows } from '../testing';

const FROM = '2018-10-16';
const TO = '2018-11-05';
const PROCESSORS = ['team-defense', 'player-form', 'player-context'];
const tipoff = (date: string) => new Date(`${date}T23:30:00Z`);
const feature = (hex: string, name: string) => Buffer.from(hex, 'hex').readFloatLE(4 * FeatureSetV1.featureNames.indexOf(name));

describe('incremental recompute after ingestion', () => {
  let logs: PlayerGameLog[];
  let db: TestDatabase;
  let events: RecordingPublisher;
  let now = new Date('2030-01-01T00:00:00Z');
  let pipeline: FeaturePipeline;
  const dates = () => [...new Set(logs.map((l) => l.gameDate))].sort();

  beforeAll(async () => {
    logs = loadRealBoxScores({ from: FROM, to: TO });
    db = await createTestDatabase();
    await seedBoxScores(db.pool, logs, { tipoffAt: (_id, date) => tipoff(date) });
    events = new RecordingPublisher();
    pipeline = createFeaturePipeline({ pool: db.pool, publisher: events, progress: { quiet: true }, chunkDates: 4, clock: () => now });
    await (
      await pipeline.backfill.start()
    ).done;
    expect(events.events).toEqual([]);
  });
  afterAll(async () => db?.drop());

  // A starter who played on the correction date and again later.
  function pickPlayer(date: string): { player: number; game: PlayerGameLog; next: PlayerGameLog } {
    for (const game of logs.filter((l) => l.gameDate === date && isPlayed(l) && (l.pts ?? 0) > 10)) {
      const next = logs.find((l) => l.playerId === game.playerId && l.gameDate > date && isPlayed(l));
      if (next) return { player: game.playerId, game, next };
    }
    throw new Error(`no candidate on ${date}`);
  }

  it('a box-score correction recomputes its date and every later date, rewriting only the rows that changed; earlier rows stay untouched', async () => {
    const d = dates()[Math.floor(dates().length / 2)];
    const { player, game, next } = pickPlayer(d);
    const before = await storedRows(db.pool);
    await correctBoxScore(db.pool, player, game.gameId, { pts: (game.pts as number) + 17 });
    game.pts = (game.pts as number) + 17;
    events.events.length = 0;

    const result = await pipeline.recompute.onIngestion({ gameDate: d, kind: 'BOX_SCORES' });
    const later = dates().filter((x) => x >= d);
    expect(result).toMatchObject({ from: d, to: TO, dates: later.length, rows: logs.filter((l) => l.gameDate >= d).length });

    const after = await storedRows(db.pool);
    expect(after.size).toBe(before.size);
    let rewritten = 0;
    let kept = 0;
    for (const [key, row] of before) {
      const current = after.get(key)!;
      if (row.gameDate < d || current.hex === row.hex) {
        expect(current).toEqual(row);
        if (row.gameDate >= d) kept++;
      } else {
        expect(current.id).not.toBe(row.id);
        rewritten++;
      }
    }
    // Only the player's later rows and those of his and his opponents' teams (pace, allowed points) changed.
    expect(result.rowsChanged).toBe(rewritten);
    expect(rewritten).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(rewritten);
    // Leakage at the storage level: the corrected game's own row is bit-identical, the next game's row changed.
    const own = `${player}:${game.gameId}`;
    const nextKey = `${player}:${next.gameId}`;
    expect(after.get(own)!.hex).toBe(before.get(own)!.hex);
    expect(after.get(nextKey)!.hex).not.toBe(before.get(nextKey)!.hex);
    // And the whole table equals the pure computation over the corrected box scores.
    for (const [key, hex] of pureFeatureHex(logs)) expect(after.get(key)?.hex).toBe(hex);

    expect(events.phaseCompletions()).toEqual(later.flatMap((date) => PROCESSORS.map((p) => `${date} ${p} ${logs.filter((l) => l.gameDate === date).length}`)));
    expect(events.events.every((e) => e.source === 'feature-store' && e.type === 'phase.completed' && e.data.featureSetId === 'player-props@v1')).toBe(true);
  });

  it('skips an event whose batch committed before every affected row was computed (a bulk import announces each date)', async () => {
    const d = dates()[2];
    const stamp = async (id: string, committed: string | null) =>
      db.pool.query(
        `INSERT INTO ingest_batches (id, kind, source, format, sha256, artifact_uri, status, rows_total, rows_accepted, rows_rejected, rows_inserted, rows_updated, rows_unchanged, created_at, finished_at, committed_at)
         VALUES ($1, 'BOX_SCORES', 't', 'csv', $1, 'file:///x', 'ACCEPTED', 1, 1, 0, 1, 0, 0, now(), now(), $2::timestamp)`,
        [id, committed],
      );
    // Committed long before the rows were computed: covered, nothing rewritten.
    await stamp('ib-early', '2000-01-01 00:00:00');
    const before = await storedRows(db.pool);
    expect(await pipeline.recompute.onIngestion({ gameDate: d, kind: 'BOX_SCORES', batchId: 'ib-early' })).toMatchObject({ dates: 0, skipped: true });
    expect(await storedRows(db.pool)).toEqual(before);
    // Committed after the rows were computed, never stamped, or unknown: recomputed.
    await stamp('ib-late', '2999-01-01 00:00:00');
    await stamp('ib-unstamped', null);
    for (const batchId of ['ib-late', 'ib-unstamped', 'no-such-batch']) {
      const result = await pipeline.recompute.onIngestion({ gameDate: d, kind: 'BOX_SCORES', batchId });
      expect(result.skipped).toBeUndefined();
      expect(result.dates).toBe(dates().filter((x) => x >= d).length);
    }
    // The rows just written carry their run's start: an early batch is covered again, from any later date too.
    expect((await pipeline.recompute.onIngestion({ gameDate: dates()[5], kind: 'BOX_SCORES', batchId: 'ib-early' })).skipped).toBe(true);
  });

  it('a correction of an earlier game changes the later game of the player', async () => {
    const d = dates()[Math.floor(dates().length / 2)];
    const { player, game } = pickPlayer(d);
    const earlier = logs.filter((l) => l.playerId === player && l.gameDate < d && isPlayed(l)).pop()!;
    const before = await storedRows(db.pool);
    await correctBoxScore(db.pool, player, earlier.gameId, { reb: (earlier.reb as number) + 9 });
    earlier.reb = (earlier.reb as number) + 9;
    await pipeline.recompute.onIngestion({ gameDate: earlier.gameDate, kind: 'BOX_SCORES' });
    const after = await storedRows(db.pool);
    const key = `${player}:${game.gameId}`;
    expect(after.get(`${player}:${earlier.gameId}`)!.hex).toBe(before.get(`${player}:${earlier.gameId}`)!.hex);
    expect(feature(after.get(key)!.hex, 'rebounds_avg_last10')).toBeGreaterThan(feature(before.get(key)!.hex, 'rebounds_avg_last10'));
  });

  it('new prop lines recompute only their date and rewrite only the row they change, using lines captured before tip-off', async () => {
    const d = dates()[3];
    const { player, game } = pickPlayer(d);
    const before = await storedRows(db.pool);
    await seedPropLines(db.pool, [
      { playerId: player, gameId: game.gameId, stat: 'POINTS', line: 21.5, book: 'a', capturedAt: `${d}T18:00:00Z` },
      { playerId: player, gameId: game.gameId, stat: 'POINTS', line: 23.5, book: 'b', capturedAt: `${d}T18:00:00Z` },
      { playerId: player, gameId: game.gameId, stat: 'POINTS', line: 30.5, book: 'a', capturedAt: `${d}T23:45:00Z` },
    ]);
    events.events.length = 0;
    await pipeline.recompute.onIngestion({ gameDate: d, kind: 'PROPS' });
    const after = await storedRows(db.pool);
    const withLines = `${player}:${game.gameId}`;
    for (const [key, row] of before) {
      if (key === withLines) expect(after.get(key)!.id).not.toBe(row.id);
      else expect(after.get(key)).toEqual(row);
    }
    expect(feature(after.get(`${player}:${game.gameId}`)!.hex, 'line_points')).toBe(22.5);
    expect(after.get(`${player}:${game.gameId}`)!.cutoffAt).toBe(`${d}T23:30:00.000`);
    expect(events.phaseCompletions().map((e) => e.split(' ')[0])).toEqual([d, d, d]);
  });

  it('scheduled games of tonight get rows for both recent rosters, cut off when computed', async () => {
    const tonight = GameDate.addDays(TO, 1);
    now = new Date(`${tonight}T15:00:00Z`);
    const last = logs.filter((l) => l.gameDate === TO);
    const [home, away] = [last[0].teamId, last[0].opponentTeamId];
    await seedGames(db.pool, [{ id: '0021800999', gameDate: tonight, season: '2018-19', homeTeamId: home, awayTeamId: away, tipoffAt: tipoff(tonight) }]);
    events.events.length = 0;
    await pipeline.recompute.onIngestion({ gameDate: tonight, kind: 'SCHEDULE' });

    const rows = [...(await storedRows(db.pool)).values()].filter((r) => r.gameDate === tonight);
    const roster = (team: number) => {
      const games = [...new Set(logs.filter((l) => l.teamId === team).map((l) => `${l.gameDate}:${l.gameId}`))]
        .sort()
        .slice(-5)
        .map((k) => k.split(':')[1]);
      const latestTeam = new Map(logs.filter(isPlayed).map((l) => [l.playerId, l.teamId]));
      return [...new Set(logs.filter((l) => games.includes(l.gameId) && l.teamId === team && isPlayed(l) && latestTeam.get(l.playerId) === team).map((l) => l.playerId))];
    };
    const expectedPlayers = [...roster(home), ...roster(away)].sort((a, b) => a - b);
    expect(rows.map((r) => Number(r.key.split(':')[0])).sort((a, b) => a - b)).toEqual(expectedPlayers);
    expect(new Set(rows.map((r) => r.cutoffAt))).toEqual(new Set([`${tonight}T15:00:00.000`]));

    const sample = rows[0];
    const playerId = Number(sample.key.split(':')[0]);
    const teamId = roster(home).includes(playerId) ? home : away;
    const [pure] = computeFeatures({ playerLogs: logs, teamLogs: buildTeamGameLogs(logs) }, [
      { playerId, gameId: '0021800999', gameDate: tonight, season: '2018-19', teamId, opponentTeamId: teamId === home ? away : home, isHome: teamId === home, cutoffAt: now },
    ]);
    expect(sample.hex).toBe(encodeFeatureValues(pure.values).toString('hex'));
    expect(events.phaseCompletions()).toEqual(PROCESSORS.map((p) => `${tonight} ${p} ${expectedPlayers.length}`));
  });

  it("tonight's box scores replace the roster rows with exactly the players who have a box score", async () => {
    const tonight = GameDate.addDays(TO, 1);
    const game = logs.filter((l) => l.gameDate === TO)[0];
    const boxScores = logs
      .filter((l) => l.gameId === game.gameId)
      .slice(0, 12)
      .map((l) => ({ ...l, gameId: '0021800999', gameDate: tonight }));
    await db.pool.query(`DELETE FROM games WHERE id = '0021800999'`);
    await seedBoxScores(db.pool, boxScores, { tipoffAt: (_id, date) => tipoff(date) });
    logs.push(...boxScores);
    await pipeline.recompute.onIngestion({ gameDate: tonight, kind: 'BOX_SCORES' });

    const rows = [...(await storedRows(db.pool)).values()].filter((r) => r.gameDate === tonight);
    expect(rows.map((r) => r.key).sort()).toEqual(boxScores.map((l) => `${l.playerId}:0021800999`).sort());
    expect(new Set(rows.map((r) => r.cutoffAt))).toEqual(new Set([`${tonight}T23:30:00.000`]));
    const expected = pureFeatureHex(logs);
    for (const r of rows) expect(r.hex).toBe(expected.get(r.key));
  });
});
