import { createIngestionRepositories } from '../composition/ingestion-repositories';
import { PlayersRepository } from '../identity/players.repository';
import { createHarness, type IngestHarness } from '../testing/ingest-harness';
import { MergePlayersUseCase, PlayerMergeRefusedError } from './merge-players.usecase';
import { findPlayersSharingNames } from './players-sharing-names';

/** A Propcast JSON box-score row of a BOS home game against MIA on 2018-10-(15 + n), game 00218000n. */
const row = (n: number, playerId: number, playerName: string, pts = 10) => ({
  playerId,
  playerName,
  gameId: `002180000${n}`,
  gameDate: `2018-10-${String(15 + n).padStart(2, '0')}`,
  team: 'BOS',
  opponent: 'MIA',
  isHome: true,
  minutes: 30,
  pts,
  reb: 5,
  ast: 2,
  fg3m: 1,
});
const boxScores = (rows: object[]) => Buffer.from(JSON.stringify({ rows }));
const props = (lines: string[]) => Buffer.from(`player_id,game_id,stat,line,over_price,under_price,book,captured_at\n${lines.join('\n')}\n`);

describe('merging one player stored under two ids', () => {
  let h: IngestHarness;
  let merge: MergePlayersUseCase;

  beforeAll(async () => {
    h = await createHarness();
    merge = new MergePlayersUseCase({ pool: h.db.pool, events: h.outbox, repositories: createIngestionRepositories() });
    // 1627777 played games 1 and 2; the same player appears as 162777 (a mistyped id) in game 3.
    const first = await h.ingest('BOX_SCORES', boxScores([row(1, 1627777, 'Georges Niang'), row(2, 1627777, 'Georges Niang'), row(3, 162777, 'Georges Niang'), row(3, 7, 'Other Player')]), 'a.json');
    expect(first.status).toBe('ACCEPTED');
    // A correction of the mistyped row, and lines under both ids (one of them posted twice, once per id).
    expect((await h.ingest('BOX_SCORES', boxScores([row(3, 162777, 'Georges Niang', 12)]), 'fix.json')).rows.updated).toBe(1);
    const lines = await h.ingest(
      'PROPS',
      props([
        '162777,0021800003,points,9.5,-110,-110,fanduel,2018-10-18T18:00:00Z',
        '1627777,0021800003,points,9.5,-110,-110,fanduel,2018-10-18T18:00:00Z',
        '162777,0021800003,threes,1.5,-110,-110,fanduel,2018-10-18T18:00:00Z',
        // An alternate line of the same snapshot under the mistyped id: kept by the merge, and not the main line then.
        '162777,0021800003,points,10.5,120,-150,fanduel,2018-10-18T18:00:00Z',
        // The kept id's only threes line of that snapshot, priced far from even: after the merge the 1.5 is the main one.
        '1627777,0021800003,threes,0.5,120,-150,fanduel,2018-10-18T18:00:00Z',
      ]),
      'lines.csv',
    );
    expect(lines.status).toBe('ACCEPTED');
    // Predictions under both ids: one per id for the same batch, stat, model and book (a duplicate), one of its own.
    const predict = (playerId: number, stat: string) =>
      h.db.pool.query<{ id: string }>(
        `INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, flags)
         VALUES ('b1', $1, '0021800003', '2018-10-18', $2::"StatType", 'points-v1', 1, 'PRIMARY', 'fanduel', 11, '{}') RETURNING id::text`,
        [playerId, stat],
      );
    const duplicate = (await predict(162777, 'POINTS')).rows[0].id;
    await h.db.pool.query(`INSERT INTO grades (prediction_id, actual, error, result, profit) VALUES ($1, 12, -1, 'NO_BET', 0)`, [duplicate]);
    await predict(1627777, 'POINTS');
    await predict(162777, 'THREES');
    await h.db.pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ('fs@v1', 'fs', 1, '{}', 'h')`);
    await h.db.pool.query(
      `INSERT INTO feature_rows (feature_set_id, player_id, game_id, game_date, team_id, opponent_team_id, cutoff_at, "values")
       SELECT 'fs@v1', 162777, '0021800003', '2018-10-18', 1610612738, 1610612748, '2018-10-18', '\\x00'`,
    );
  });
  afterAll(() => h.close());

  it('lists players sharing a name with what tells them apart', async () => {
    expect(await findPlayersSharingNames(new PlayersRepository(), h.db.pool)).toEqual([
      {
        name: 'Georges Niang',
        players: [
          { id: 162777, name: 'Georges Niang', games: 1, firstGame: '2018-10-18', lastGame: '2018-10-18', teams: ['BOS'] },
          { id: 1627777, name: 'Georges Niang', games: 2, firstGame: '2018-10-16', lastGame: '2018-10-17', teams: ['BOS'] },
        ],
      },
    ]);
  });

  it('refuses a merge that would be wrong, changing nothing', async () => {
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof PlayerMergeRefusedError ? [e.code, e.message] : e),
      );
    expect(await refusal(merge.execute({ fromId: 162777, intoId: 162777 }))).toEqual(['SAME_PLAYER', 'player 162777 cannot be merged into itself']);
    expect(await refusal(merge.execute({ fromId: 162777, intoId: 99 }))).toEqual(['PLAYER_NOT_FOUND', 'player 99 is not stored']);
    expect(await refusal(merge.execute({ fromId: 7, intoId: 1627777 }))).toEqual([
      'NAME_MISMATCH',
      'player 7 is "Other Player" and player 1627777 is "Georges Niang": give --force to merge different names',
    ]);
    expect(await refusal(merge.execute({ fromId: 7, intoId: 162777, force: true }))).toEqual(['SAME_GAME', 'players 7 and 162777 both played in game(s) 0021800003: they are two players']);
    expect((await h.db.pool.query(`SELECT count(*)::int AS n FROM players`)).rows[0].n).toBe(3);
  });

  it('counts in a dry run without changing anything', async () => {
    const dry = await merge.execute({ fromId: 162777, intoId: 1627777, dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      rows: { boxScores: 1, statCorrections: 1, propLines: 2, propLinesDropped: 1, predictions: 1, predictionsDropped: 1, featureRowsDeleted: 1 },
      gameDates: ['2018-10-18'],
    });
    expect((await h.db.pool.query(`SELECT count(*)::int AS n FROM player_game_stats WHERE player_id = 162777`)).rows[0].n).toBe(1);
    expect((await h.db.pool.query(`SELECT count(*)::int AS n FROM player_merges`)).rows[0].n).toBe(0);
  });

  it('moves box scores, corrections and lines to the kept id, drops duplicates and stale features, audits, and announces the dates', async () => {
    const eventsBefore = (await h.events()).length;
    const report = await merge.execute({ fromId: 162777, intoId: 1627777, reason: 'mistyped id in the main dataset' });
    expect(report).toMatchObject({
      dryRun: false,
      from: { id: 162777, name: 'Georges Niang' },
      into: { id: 1627777, name: 'Georges Niang' },
      rows: { boxScores: 1, statCorrections: 1, propLines: 2, propLinesDropped: 1, predictions: 1, predictionsDropped: 1, featureRowsDeleted: 1 },
      gameDates: ['2018-10-18'],
      events: { queued: 1, published: 1, pending: 0 },
    });
    const stats = await h.db.pool.query(`SELECT game_id, pts, revision FROM player_game_stats WHERE player_id = 1627777 ORDER BY game_id`);
    expect(stats.rows).toEqual([
      { game_id: '0021800001', pts: 10, revision: 1 },
      { game_id: '0021800002', pts: 10, revision: 1 },
      { game_id: '0021800003', pts: 12, revision: 2 },
    ]);
    const lines = await h.db.pool.query(`SELECT player_id, stat, line, is_main FROM prop_lines ORDER BY stat, line`);
    expect(lines.rows).toEqual([
      { player_id: 1627777, stat: 'POINTS', line: 9.5, is_main: true },
      { player_id: 1627777, stat: 'POINTS', line: 10.5, is_main: false },
      { player_id: 1627777, stat: 'THREES', line: 0.5, is_main: false },
      { player_id: 1627777, stat: 'THREES', line: 1.5, is_main: true },
    ]);
    const predictions = await h.db.pool.query(`SELECT player_id, stat, (SELECT count(*) FROM grades g WHERE g.prediction_id = p.id)::int AS grades FROM predictions p ORDER BY stat`);
    expect(predictions.rows).toEqual([
      { player_id: 1627777, stat: 'POINTS', grades: 0 },
      { player_id: 1627777, stat: 'THREES', grades: 0 },
    ]);
    const left = await h.db.pool.query(
      `SELECT (SELECT count(*) FROM players WHERE id = 162777)::int AS players, (SELECT count(*) FROM feature_rows WHERE player_id = 162777)::int AS features,
              (SELECT count(*) FROM stat_corrections WHERE player_id = 162777)::int AS corrections`,
    );
    expect(left.rows[0]).toEqual({ players: 0, features: 0, corrections: 0 });
    const audit = await h.db.pool.query(`SELECT id, from_player_id, into_player_id, from_name, reason, rows FROM player_merges`);
    expect(audit.rows).toEqual([{ id: report.mergeId, from_player_id: 162777, into_player_id: 1627777, from_name: 'Georges Niang', reason: 'mistyped id in the main dataset', rows: report.rows }]);
    const events = (await h.events()).slice(eventsBefore);
    expect(events).toEqual([{ gameDate: '2018-10-18', batchId: report.mergeId, kind: 'BOX_SCORES', counts: { inserted: 0, updated: 1, unchanged: 0 } }]);
    expect(await findPlayersSharingNames(new PlayersRepository(), h.db.pool)).toEqual([]);
  });
});
