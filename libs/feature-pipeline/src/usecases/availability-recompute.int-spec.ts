import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { FeatureSetV2, type PlayerGameLog } from '@propcast/features';
import { createFeaturePipeline, type FeaturePipeline } from '../feature-pipeline.factory';
import { GameDate } from '@propcast/common';
import { loadRealBoxScores, RecordingPublisher, seedBoxScores, seedGames, storedRows, type StoredRowSnapshot } from '../testing';

const FROM = '2018-10-16';
const TO = '2018-10-31';
const TONIGHT: string = GameDate.addDays(GameDate.parse(TO, 'TO'), 1);
const SET = FeatureSetV2.id;
const tipoff = (date: string) => new Date(`${date}T23:30:00Z`);
const feature = (row: StoredRowSnapshot, name: string) => Buffer.from(row.hex, 'hex').readFloatLE(4 * FeatureSetV2.featureNames.indexOf(name));

/** An availability import of tonight: reports of one batch. */
async function report(db: TestDatabase, batchId: string, rows: { playerId: number; teamId: number; gameId: string; status: string; reportedAt: string }[]): Promise<void> {
  for (const r of rows) {
    await db.pool.query(
      `INSERT INTO availability_reports (player_id, team_id, game_id, game_date, status, reported_at, source, batch_id)
       VALUES ($1, $2, $3, $4::date, $5::"AvailabilityStatus", $6::timestamptz AT TIME ZONE 'UTC', 'REPORT', $7)`,
      [r.playerId, r.teamId, r.gameId, TONIGHT, r.status, r.reportedAt, batchId],
    );
  }
}

describe('availability news recomputes only its games of the date (feature set v2)', () => {
  let logs: PlayerGameLog[];
  let db: TestDatabase;
  let events: RecordingPublisher;
  let pipeline: FeaturePipeline;
  const now = new Date(`${TONIGHT}T15:00:00Z`);
  const gameA = '0021800901';
  const gameB = '0021800902';
  let teams: { a: [number, number]; b: [number, number] };

  beforeAll(async () => {
    logs = loadRealBoxScores({ from: FROM, to: TO });
    db = await createTestDatabase();
    await seedBoxScores(db.pool, logs, { tipoffAt: (_id, date) => tipoff(date) });
    // Two games tonight between teams that played on the last date.
    const last = [...new Map(logs.filter((l) => l.gameDate === TO && l.isHome).map((l) => [l.gameId, [l.teamId, l.opponentTeamId] as [number, number]])).values()];
    teams = { a: last[0], b: last[1] };
    await seedGames(db.pool, [
      { id: gameA, gameDate: TONIGHT, season: '2018-19', homeTeamId: teams.a[0], awayTeamId: teams.a[1], tipoffAt: tipoff(TONIGHT) },
      { id: gameB, gameDate: TONIGHT, season: '2018-19', homeTeamId: teams.b[0], awayTeamId: teams.b[1], tipoffAt: tipoff(TONIGHT) },
    ]);
    events = new RecordingPublisher();
    pipeline = createFeaturePipeline({ pool: db.pool, publisher: events, progress: { quiet: true }, chunkDates: 4, clock: () => now, featureSet: 'v2' });
    await (
      await pipeline.backfill.start()
    ).done;
    // Tonight's roster rows (the schedule import), before any report.
    await pipeline.recompute.onIngestion({ gameDate: TONIGHT, kind: 'SCHEDULE' });
  }, 240_000);
  afterAll(async () => db?.drop());

  const tonightRows = async () => new Map([...(await storedRows(db.pool, SET))].filter(([, r]) => r.gameDate === TONIGHT));

  it('an OUT report rewrites its game from the checkpoint, counting only reports before the cutoff; the other game is untouched', async () => {
    const before = await tonightRows();
    const playersA = [...before.keys()].filter((k) => k.endsWith(`:${gameA}`)).map((k) => Number(k.split(':')[0]));
    expect(playersA.length).toBeGreaterThan(4);
    // Who plays for the home side of game A (their team from the box scores).
    const teamOf = new Map(logs.map((l) => [l.playerId, l.teamId]));
    const home = playersA.filter((p) => teamOf.get(p) === teams.a[0]);
    const [starter, late] = home;
    await report(db, 'news-1', [
      { playerId: starter, teamId: teams.a[0], gameId: gameA, status: 'OUT', reportedAt: `${TONIGHT}T14:00:00Z` },
      // After the cutoff (the rows are computed at 15:00): never read.
      { playerId: late, teamId: teams.a[0], gameId: gameA, status: 'DOUBTFUL', reportedAt: `${TONIGHT}T16:00:00Z` },
    ]);
    events.events.length = 0;

    const result = await pipeline.recompute.onIngestion({ gameDate: TONIGHT, kind: 'AVAILABILITY', batchId: 'news-1' });
    expect(result).toMatchObject({ games: [gameA], dates: 1, rows: playersA.length });
    expect(result.checkpoint).not.toBeNull();

    const after = await tonightRows();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, row] of before) if (key.endsWith(`:${gameB}`)) expect(after.get(key)).toEqual(row);
    const rowOf = (p: number) => after.get(`${p}:${gameA}`)!;
    expect(feature(rowOf(starter), 'own_status')).toBe(1);
    expect(feature(rowOf(late), 'own_status')).toBe(0);
    for (const p of home.slice(1)) expect(feature(rowOf(p), 'teammates_out')).toBe(1);
    expect(result.rowsChanged).toBeGreaterThanOrEqual(home.length);

    const stamp = await db.pool.query(`SELECT game_id FROM feature_game_runs WHERE feature_set_id = $1`, [SET]);
    expect(stamp.rows).toEqual([{ game_id: gameA }]);
    expect(events.phaseCompletions().map((e) => e.split(' ')[0])).toEqual([TONIGHT, TONIGHT, TONIGHT]);
  });

  it('equals a full recompute of the date with the same reports, byte for byte', async () => {
    const afterNews = await tonightRows();
    // A prop-line import recomputes the whole date (every game): it must find nothing to rewrite.
    const full = await pipeline.recompute.onIngestion({ gameDate: TONIGHT, kind: 'PROPS' });
    expect(full).toMatchObject({ dates: 1, rowsChanged: 0 });
    expect(await tonightRows()).toEqual(afterNews);
    // And from scratch, without checkpoints: the same bytes.
    await db.pool.query(`DELETE FROM feature_rows WHERE feature_set_id = $1 AND game_date = $2::date`, [SET, TONIGHT]);
    const scratch = createFeaturePipeline({ pool: db.pool, publisher: null, progress: { quiet: true }, clock: () => now, featureSet: 'v2', checkpoints: false });
    await scratch.recompute.onIngestion({ gameDate: TONIGHT, kind: 'PROPS' });
    const fresh = await tonightRows();
    expect([...fresh.keys()].sort()).toEqual([...afterNews.keys()].sort());
    for (const [key, row] of afterNews) expect({ hex: fresh.get(key)!.hex, cutoffAt: fresh.get(key)!.cutoffAt }).toEqual({ hex: row.hex, cutoffAt: row.cutoffAt });
  });

  it('an import that reported on no game of the date recomputes nothing', async () => {
    const result = await pipeline.recompute.onIngestion({ gameDate: TONIGHT, kind: 'AVAILABILITY', batchId: 'nothing' });
    expect(result).toMatchObject({ skipped: true, games: [], rows: 0 });
  });
});
