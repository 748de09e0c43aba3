import { createIngestionRepositories } from '../composition/ingestion-repositories';
import { createHarness, type IngestHarness } from '../testing/ingest-harness';
import { PlayerAliasesUseCase, PlayerAliasRefusedError } from './player-aliases.usecase';

const HEADER = 'player_name,event_id,event_date,home_team,away_team,bookmaker,line,timestamp,over_price,under_price';
/** One PRA near-close row of the LAC at DEN game of 2023-10-20 (tip 2023-10-21 01:00 UTC). */
const praRow = (name: string, book: string, line = 20.5) => `${name},e1,2023-10-21,Denver Nuggets,LA Clippers,${book},${line},2023-10-21T00:55:00Z,-110.0,-110.0`;
const pra = (rows: string[]) => Buffer.from(`${HEADER}\n${rows.join('\n')}\n`);

const BONES = 1630538;
const JOKIC = 203999;
const NAMESAKE = 900001; // a "Big Fella" who never played with Jokic

describe('aliases users add for names feeds use', () => {
  let h: IngestHarness;
  let aliases: PlayerAliasesUseCase;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof PlayerAliasRefusedError ? [e.code, e.message] : e),
    );
  const storedLines = async () =>
    (await h.db.pool.query<{ player_id: number; book: string; match_reason: string; feed_player_name: string }>(`SELECT player_id, book, match_reason, feed_player_name FROM prop_lines ORDER BY id`))
      .rows;

  beforeAll(async () => {
    h = await createHarness();
    aliases = new PlayerAliasesUseCase({ pool: h.db.pool, repositories: createIngestionRepositories() });
    const player = (playerId: number, playerName: string, gameId: string, gameDate: string, team: string, opponent: string, isHome: boolean) => ({
      playerId,
      playerName,
      gameId,
      gameDate,
      team,
      opponent,
      isHome,
      minutes: 30,
      pts: 20,
      reb: 5,
      ast: 5,
      fg3m: 1,
    });
    const rows = [
      player(BONES, 'Bones Hyland', '0022300001', '2023-10-20', 'DEN', 'LAC', true),
      player(JOKIC, 'Nikola Jokic', '0022300001', '2023-10-20', 'DEN', 'LAC', true),
      player(NAMESAKE, 'Big Fella', '0022300002', '2023-10-20', 'BOS', 'MIA', true),
    ];
    expect((await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify({ rows })), 'games.json')).status).toBe('ACCEPTED');
  });
  afterAll(() => h.close());

  it('makes a name that matching cannot find match its player, with reason "alias" and the feed name kept', async () => {
    const before = await h.ingest('PROPS', pra([praRow("Nah'Shon Hyland", 'FanDuel')]), 'before.csv', { stat: 'PRA' });
    expect(before.status).toBe('REJECTED');
    expect(before.errors).toEqual(['row 2, field player: no stored player is named "Nah\'Shon Hyland"']);

    const added = await aliases.add({ name: "Nah'Shon Hyland", playerId: BONES, reason: 'his legal name', createdBy: 'test' });
    expect(added).toEqual({
      alias: { alias: 'nahshon hyland', book: '', playerId: BONES, playerName: 'Bones Hyland', createdBy: 'test', reason: 'his legal name', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      shadows: [],
    });

    const after = await h.ingest('PROPS', pra([praRow("Nah'Shon Hyland", 'FanDuel')]), 'after.csv', { stat: 'PRA' });
    expect(after.status).toBe('ACCEPTED');
    expect(await storedLines()).toEqual([{ player_id: BONES, book: 'fanduel', match_reason: 'alias', feed_player_name: "Nah'Shon Hyland" }]);
  });

  it("applies a book's alias to that book's lines only", async () => {
    await aliases.add({ name: 'The Joker', playerId: JOKIC, book: 'DraftKings', reason: 'DraftKings promo name', createdBy: 'test' });
    const report = await h.ingest('PROPS', pra([praRow('The Joker', 'DraftKings', 50.5), praRow('The Joker', 'FanDuel', 50.5)]), 'joker.csv', { stat: 'PRA', allowPartial: true });
    expect(report.status).toBe('PARTIAL');
    expect(report.errors).toEqual(['row 3, field player: no stored player is named "The Joker"']);
    expect((await storedLines()).filter((l) => l.player_id === JOKIC)).toEqual([{ player_id: JOKIC, book: 'draftkings', match_reason: 'alias', feed_player_name: 'The Joker' }]);
  });

  it('refuses a wrong alias with its reason, changing nothing', async () => {
    const before = await aliases.list();
    expect(await refusal(aliases.add({ name: '...', playerId: BONES, reason: 'r', createdBy: 'test' }))).toEqual(['INVALID', 'name "..." has no letters or digits']);
    expect(await refusal(aliases.add({ name: 'Bones', playerId: BONES, reason: '  ', createdBy: 'test' }))).toEqual(['INVALID', 'reason is required']);
    expect(await refusal(aliases.add({ name: 'Bones', playerId: 42, reason: 'r', createdBy: 'test' }))).toEqual(['PLAYER_NOT_FOUND', 'player 42 is not stored']);
    expect(await refusal(aliases.add({ name: 'Nahshon Hyland', playerId: JOKIC, reason: 'r', createdBy: 'test' }))).toEqual([
      'ALIAS_TAKEN',
      '"nahshon hyland" is already the alias of Bones Hyland (1630538): remove it first',
    ]);
    // Jokic played game 0022300001 with Hyland: the name cannot mean both.
    expect(await refusal(aliases.add({ name: 'Nikola Jokic', playerId: BONES, reason: 'r', createdBy: 'test' }))).toEqual([
      'SAME_GAME',
      '"nikola jokic" already means Nikola Jokic (203999), who played game 0022300001 on 2023-10-20 with Bones Hyland (1630538): they are two players',
    ]);
    expect(await refusal(aliases.remove({ name: 'Nobody' }))).toEqual(['NOT_FOUND', 'no alias "nobody" for every book']);
    expect(await refusal(aliases.remove({ name: 'The Joker' }))).toEqual(['NOT_FOUND', 'no alias "the joker" for every book']);
    expect(await aliases.list()).toEqual(before);
  });

  it('takes precedence over a namesake who never played with the player, and says so', async () => {
    const added = await aliases.add({ name: 'Big Fella', playerId: JOKIC, book: 'fanduel', reason: 'FanDuel nickname', createdBy: 'test' });
    expect(added.shadows).toEqual([{ playerId: NAMESAKE, playerName: 'Big Fella' }]);
    expect((await h.ingest('PROPS', pra([praRow('Big Fella', 'FanDuel', 49.5)]), 'fella.csv', { stat: 'PRA' })).status).toBe('ACCEPTED');
    const stored = await h.db.pool.query(`SELECT player_id FROM prop_lines WHERE feed_player_name = 'Big Fella'`);
    expect(stored.rows).toEqual([{ player_id: JOKIC }]);
  });

  it("rejects an aliased name's line when the namesake plays that game, naming both", async () => {
    // Big Fella (BOS) never played with Jokic when the alias was added; now DEN hosts BOS.
    expect((await h.ingest('SCHEDULE', Buffer.from('game_id,game_date,home_team,away_team\n0022300003,2023-10-22,DEN,BOS\n'), 'den-bos.csv')).status).toBe('ACCEPTED');
    const row = 'Big Fella,e9,2023-10-23,Denver Nuggets,Boston Celtics,FanDuel,48.5,2023-10-23T00:55:00Z,-110.0,-110.0';
    const report = await h.ingest('PROPS', pra([row]), 'den-bos-lines.csv', { stat: 'PRA' });
    expect(report.errors).toEqual([
      `row 2, field player: "Big Fella" matches 2 players (Nikola Jokic (${JOKIC}), Big Fella (${NAMESAKE})): the alias's player and a player of that name in the game; give player_id or remove the alias`,
    ]);
  });

  it('updates the reason when the same alias is added again for the same player', async () => {
    const again = await aliases.add({ name: 'NAHSHON HYLAND', playerId: BONES, reason: 'legal name (Bovada, FanDuel)', createdBy: 'ops' });
    expect(again.alias).toMatchObject({ alias: 'nahshon hyland', playerId: BONES, reason: 'legal name (Bovada, FanDuel)', createdBy: 'ops' });
    expect((await aliases.list({ playerId: BONES })).map((a) => [a.alias, a.book, a.reason])).toEqual([['nahshon hyland', '', 'legal name (Bovada, FanDuel)']]);
  });

  it('lists every alias, and removes one (lines already stored keep their player)', async () => {
    expect((await aliases.list()).map((a) => [a.alias, a.book, a.playerId])).toEqual([
      ['big fella', 'fanduel', JOKIC],
      ['nahshon hyland', '', BONES],
      ['the joker', 'draftkings', JOKIC],
    ]);
    expect((await aliases.list({ playerId: JOKIC })).map((a) => a.alias)).toEqual(['big fella', 'the joker']);

    const removed = await aliases.remove({ name: 'The Joker', book: 'DraftKings' });
    expect(removed).toMatchObject({ alias: 'the joker', book: 'draftkings', playerId: JOKIC });
    expect((await aliases.list({ playerId: JOKIC })).map((a) => a.alias)).toEqual(['big fella']);
    const rejected = await h.ingest('PROPS', pra([praRow('The Joker', 'DraftKings', 51.5)]), 'joker-again.csv', { stat: 'PRA' });
    expect(rejected.errors).toEqual(['row 2, field player: no stored player is named "The Joker"']);
    expect((await storedLines()).filter((l) => l.feed_player_name === 'The Joker')).toHaveLength(1);
  });
});
