import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { GradeDateUseCase } from '@propcast/grading';
import { seedSlate, type SeededSlate } from '@propcast/read-model/testing';
import { AppModule } from './app.module';
import { loadApiConfig } from './config';
import { installTestHttpPlatform, TEST_AUTH_ENV, TEST_KEYS, testAuthHeaders } from '@propcast/observability/testing';
import { API_HTTP } from './http-setup';
import { createGradingRepositories } from '@propcast/grading';

// Two seeded days ten days apart (no overlapping history): a final, graded day at two real books, and a
// scheduled day whose THREES props no book quotes (PROXY lines).
const FINAL_DAY = '2025-01-10';
const NEXT_DAY = '2025-01-20';
const BOOKS = ['draftkings', 'fanduel'];

describe('read API over a seeded Postgres', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;
  let final: SeededSlate;
  let next: SeededSlate;
  // A full key: the bet log writes; the read-key and no-key answers are tested on their own below.
  const http = () => request.agent(app.getHttpServer()).set(testAuthHeaders());

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-api-'));
    const store = createArtifactStore(artifacts);
    final = await seedSlate(db.pool, store, { date: FINAL_DAY, games: 2, playersPerTeam: 3, books: BOOKS, final: true, idOffset: 0, seed: 5 });
    next = await seedSlate(db.pool, store, { date: NEXT_DAY, games: 3, playersPerTeam: 3, books: BOOKS, proxyStats: ['THREES'], idOffset: 1, seed: 6 });
    await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(FINAL_DAY);
    const config = loadApiConfig({ ...process.env, ...TEST_AUTH_ENV, DATABASE_URL: db.url, ARTIFACT_STORE_URI: artifacts });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'api', API_HTTP);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('serves OpenAPI at /docs with every route and the responsible-gambling notice', async () => {
    const res = await http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/predictions', '/picks', '/games', '/players/{id}', '/grades', '/price', '/bets']));
    expect(res.body.info.description).toContain('1-800-GAMBLER');
    expect(res.body.info.description).toContain('BeGambleAware');
  });

  describe('GET /predictions', () => {
    it('pages a date by cursor: every prediction exactly once, in id order', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await http()
          .get('/predictions')
          .query({ date: NEXT_DAY, limit: 40, ...(cursor ? { cursor } : {}) })
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(40);
        seen.push(...res.body.items.map((p: { id: string }) => p.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toHaveLength(next.predictions);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));
      expect(pages).toBe(Math.ceil(next.predictions / 40));
    });

    it("shows the model's own P(over) and the combiner beside the priced one, and the combined row once a combiner priced it", async () => {
      const [first] = (await http().get('/predictions').query({ date: NEXT_DAY, limit: 1 }).expect(200)).body.items;
      // Seeded without a combiner: the priced P(over) is the model's own.
      expect(first).toMatchObject({ modelOverProbability: null, combinerId: null });
      await db.pool.query(`UPDATE predictions SET model_over_probability = 0.42 WHERE id = $1`, [first.id]);
      const [again] = (await http().get('/predictions').query({ date: NEXT_DAY, limit: 1 }).expect(200)).body.items;
      expect(again).toMatchObject({ id: first.id, overProbability: first.overProbability, modelOverProbability: 0.42 });
      await db.pool.query(`UPDATE predictions SET model_over_probability = NULL WHERE id = $1`, [first.id]);
    });

    it('filters by stat, player, team, game, book, recommendation, model and min edge', async () => {
      const player = next.playerIds[4];
      const byPlayer = await http().get('/predictions').query({ date: NEXT_DAY, player, stat: 'points' }).expect(200);
      expect(byPlayer.body.items).toHaveLength(BOOKS.length);
      for (const p of byPlayer.body.items) expect(p).toMatchObject({ playerId: player, stat: 'POINTS', lineSource: 'REAL' });

      const threes = await http().get('/predictions').query({ date: NEXT_DAY, stat: 'THREES', book: 'PROXY' }).expect(200);
      expect(threes.body.items).toHaveLength(next.playerIds.length);
      for (const p of threes.body.items) expect(p).toMatchObject({ book: 'PROXY', lineSource: 'PROXY' });

      const game = next.gameIds[1];
      const byGame = await http().get('/predictions').query({ game, limit: 1000 }).expect(200);
      expect(byGame.body.items.length).toBeGreaterThan(0);
      expect(new Set(byGame.body.items.map((p: { gameId: string }) => p.gameId))).toEqual(new Set([game]));

      const team = await http().get('/predictions').query({ date: NEXT_DAY, team: 'ATL', limit: 1000 }).expect(200);
      expect(team.body.items.length).toBe(3 * (4 * BOOKS.length + 1));
      for (const p of team.body.items) expect(p.team).toBe('ATL');

      const overs = await http().get('/predictions').query({ date: NEXT_DAY, recommendation: 'over', limit: 1000 }).expect(200);
      for (const p of overs.body.items) expect(p.recommendation).toBe('OVER');

      const edged = await http().get('/predictions').query({ date: NEXT_DAY, minEdge: 0.05, limit: 1000 }).expect(200);
      const all = await http().get('/predictions').query({ date: NEXT_DAY, limit: 1000 }).expect(200);
      expect(edged.body.items.length).toBe(all.body.items.filter((p: { edge: number | null }) => p.edge !== null && p.edge >= 0.05).length);
      expect(edged.body.items.length).toBeLessThan(all.body.items.length);

      const byModel = await http().get('/predictions').query({ model: next.modelIds.ASSISTS, limit: 1000 }).expect(200);
      expect(byModel.body.items).toHaveLength(next.playerIds.length * BOOKS.length);
    });

    it('answers an unknown date with an empty list', async () => {
      const res = await http().get('/predictions').query({ date: '2031-02-03' }).expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null, limit: 100 });
    });

    it('answers bad parameters with 400 naming the parameter', async () => {
      for (const [query, parameter] of [
        [{ date: '2025-13-01' }, 'date'],
        [{ stat: 'STEALS' }, 'stat'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '5000' }, 'limit'],
        [{ cursor: 'bm90LW91cnM' }, 'cursor'],
        [{ stats: 'POINTS' }, 'stats'],
        [{ minEdge: 'lots' }, 'minEdge'],
      ] as [Record<string, string>, string][]) {
        const res = await http().get('/predictions').query(query).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'INVALID_PARAMETER', details: { parameter } });
        expect(res.body.message).toContain(parameter);
        expect(res.body.message).not.toContain('is required');
      }
    });

    it('exports CSV on Accept: text/csv and on ?format=csv', async () => {
      const byHeader = await http().get('/predictions').query({ date: NEXT_DAY, stat: 'POINTS' }).set('Accept', 'text/csv').expect(200);
      expect(byHeader.headers['content-type']).toMatch(/^text\/csv/);
      const lines = byHeader.text.trim().split('\r\n');
      expect(lines).toHaveLength(1 + next.playerIds.length * BOOKS.length);
      const header = lines[0].split(',');
      expect(header).toEqual(expect.arrayContaining(['id', 'playerId', 'stat', 'book', 'lineSource', 'line', 'overPrice', 'edge', 'expectedValue']));
      const byQuery = await http().get('/predictions').query({ date: NEXT_DAY, stat: 'POINTS', format: 'csv' }).expect(200);
      expect(byQuery.text).toBe(byHeader.text);
    });
  });

  describe('GET /picks', () => {
    it("shows the model's own P(over) and P(side) beside the priced one", async () => {
      // as if a combiner had priced every row: the model's own P(over) is 0.9 of the priced one
      await db.pool.query(`UPDATE predictions SET model_over_probability = 0.9 * over_probability WHERE game_date = $1`, [NEXT_DAY]);
      try {
        const picks = (await http().get('/picks').query({ date: NEXT_DAY, call: 'all' }).expect(200)).body.picks as Array<Record<string, any>>;
        expect(picks.length).toBeGreaterThan(0);
        for (const p of picks) {
          expect(p.modelOverProbability).toBeCloseTo(0.9 * p.overProbability, 9); // half-point lines: no push
          expect(p.ownProbability).toBeCloseTo(p.side === 'OVER' ? 0.9 * p.overProbability : 1 - 0.9 * p.overProbability, 9);
          expect(p.modelProbability).toBeCloseTo(p.side === 'OVER' ? p.overProbability : 1 - p.overProbability, 9);
        }
      } finally {
        await db.pool.query(`UPDATE predictions SET model_over_probability = NULL WHERE game_date = $1`, [NEXT_DAY]);
      }
    });

    it('ranks the props by EV at the best price across books, naming the book, with probabilities, Kelly, history and lineSource', async () => {
      const res = await http().get('/picks').query({ date: NEXT_DAY, call: 'all' }).expect(200);
      const picks = res.body.picks as Array<Record<string, any>>;
      // One pick per player and stat (a prop), whatever the number of books.
      expect(picks).toHaveLength(next.playerIds.length * 5);
      const evs = picks.map((p) => p.expectedValue);
      expect(evs).toEqual([...evs].sort((a, b) => b - a));
      expect(res.body.lineSources).toEqual({ REAL: next.playerIds.length * 4, PROXY: next.playerIds.length });
      const { rows } = await db.pool.query<{ player_id: number; stat: string; book: string; line: number; over_price: number; under_price: number }>(
        `SELECT player_id, stat::text, book, line, over_price, under_price FROM predictions WHERE game_date = $1`,
        [NEXT_DAY],
      );
      for (const p of picks) {
        expect(p.lineSource).toBe(p.stat === 'THREES' ? 'PROXY' : 'REAL');
        expect(['OVER', 'UNDER', 'PASS']).toContain(p.call);
        expect(p.modelProbability).toBeGreaterThan(0);
        expect(p.marketProbability).toBeGreaterThan(0);
        expect(p.kellyFraction).toBeLessThanOrEqual(0.05);
        if (p.call === 'PASS') expect(p.kellyFraction).toBe(0);
        const best = p.side === 'OVER' ? p.bestOver : p.bestUnder;
        expect({ book: p.book, price: p.price, line: p.line }).toEqual({ book: best.book, price: best.price, line: best.line });
        const offers = rows.filter((r) => r.player_id === p.playerId && r.stat === p.stat && r.line === best.line);
        expect(offers.map((r) => r.book)).toContain(best.book);
        // No book quoting the same line pays more on that side.
        const prices = offers.map((r) => (p.side === 'OVER' ? r.over_price : r.under_price));
        expect(best.price).toBe(Math.max(...prices));
        expect(p.history.length).toBeGreaterThanOrEqual(2);
        for (const snapshot of p.history) expect(snapshot).toHaveProperty('lineSource');
      }
      // The seed moves every third real line by half a point during the day: the history shows the move.
      expect(picks.some((p) => new Set(p.history.map((h: { line: number }) => h.line)).size > 1)).toBe(true);
    });

    it('by default lists only the calls (OVER or UNDER), and filters by stat, min edge, book and game', async () => {
      const bets = await http().get('/picks').query({ date: NEXT_DAY }).expect(200);
      expect(bets.body.picks.length).toBeGreaterThan(0);
      for (const p of bets.body.picks) expect(p.call).not.toBe('PASS');
      const points = await http().get('/picks').query({ date: NEXT_DAY, stat: 'POINTS', minEdge: 0.04, book: 'fanduel', call: 'all' }).expect(200);
      for (const p of points.body.picks) expect(p).toMatchObject({ stat: 'POINTS', book: 'fanduel' });
      for (const p of points.body.picks) expect(p.edge).toBeGreaterThanOrEqual(0.04);
      const game = await http().get('/picks').query({ date: NEXT_DAY, game: next.gameIds[2], call: 'all' }).expect(200);
      expect(game.body.picks).toHaveLength(6 * 5);
    });

    it('shows the graded result of a final day and the distribution when asked', async () => {
      const res = await http().get('/picks').query({ date: FINAL_DAY, call: 'all', include: 'history,distribution' }).expect(200);
      expect(res.body.picks).toHaveLength(final.playerIds.length * 5);
      for (const p of res.body.picks) {
        expect(p.result).toMatchObject({ result: expect.stringMatching(/^(WIN|LOSS|PUSH|VOID|NO_BET)$/) });
        expect(typeof p.result.actual).toBe('number');
        expect(p.distribution.p.length).toBeGreaterThan(1);
        const mass = p.distribution.p.reduce((a: number, b: number) => a + b, 0);
        expect(mass).toBeGreaterThan(0.97);
      }
    });

    it('answers from its cache while the day is unchanged (ETag, 304) and recomputes when a line or a score changes', async () => {
      const first = await http().get('/picks').query({ date: NEXT_DAY, call: 'all', stat: 'ASSISTS' }).expect(200);
      const etag = first.headers['etag'];
      expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
      const again = await http().get('/picks').query({ date: NEXT_DAY, stat: 'assists', call: 'ALL' }).expect(200);
      expect(again.headers['etag']).toBe(etag);
      expect(again.body).toEqual(first.body);
      await http().get('/picks').query({ date: NEXT_DAY, call: 'all', stat: 'ASSISTS' }).set('If-None-Match', etag).expect(304);
      // Gzipped when the client accepts it, plain otherwise: the same list.
      expect(first.headers['content-encoding']).toBe('gzip');
      const plain = await http().get('/picks').query({ date: NEXT_DAY, call: 'all', stat: 'ASSISTS' }).set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toEqual(first.body);

      // A line snapshot re-imported in place with a new price (the ingestion upsert): a new version, the new price shown.
      const pick = first.body.picks[0];
      const snapshot = pick.history[pick.history.length - 1];
      await db.pool.query(`UPDATE prop_lines SET over_price = over_price - 7 WHERE player_id = $1 AND game_id = $2 AND stat = 'ASSISTS' AND book = $3 AND captured_at = $4`, [
        pick.playerId,
        pick.gameId,
        snapshot.book,
        snapshot.capturedAt,
      ]);
      const changed = await http().get('/picks').query({ date: NEXT_DAY, call: 'all', stat: 'ASSISTS' }).set('If-None-Match', etag).expect(200);
      expect(changed.headers['etag']).not.toBe(etag);
      const updated =
        changed.body.picks.find((p: { predictionId: string }) => p.predictionId === pick.predictionId) ?? changed.body.picks.find((p: { playerId: number }) => p.playerId === pick.playerId);
      const moved = updated.history.find((h: { book: string; capturedAt: string }) => h.book === snapshot.book && h.capturedAt === snapshot.capturedAt);
      expect(moved.overPrice).toBe(snapshot.overPrice - 7);

      // The day's box scores arriving: the results appear.
      expect(changed.body.picks.every((p: { result: unknown }) => p.result === null)).toBe(true);
      await db.pool.query(
        `INSERT INTO player_game_stats (player_id, game_id, game_date, team_id, opponent_team_id, is_home, minutes, pts, reb, ast, fg3m, batch_id, updated_at)
         SELECT $1, $2, $3::date, g.home_team_id, g.away_team_id, true, 30, 20, 5, 9, 2, 'test', now() FROM games g WHERE g.id = $2`,
        [pick.playerId, pick.gameId, NEXT_DAY],
      );
      const scored = await http().get('/picks').query({ date: NEXT_DAY, call: 'all', stat: 'ASSISTS' }).expect(200);
      expect(scored.headers['etag']).not.toBe(changed.headers['etag']);
      expect(scored.body.picks.find((p: { playerId: number }) => p.playerId === pick.playerId).result).toMatchObject({ actual: 9 });
      await db.pool.query(`DELETE FROM player_game_stats WHERE batch_id = 'test'`);
    });

    it('answers an unknown date with an empty list, a missing date with 400 naming it, and CSV on request', async () => {
      const empty = await http().get('/picks').query({ date: '2031-02-03' }).expect(200);
      expect(empty.body).toMatchObject({ date: '2031-02-03', picks: [], lineSources: { REAL: 0, PROXY: 0 } });
      const missing = await http().get('/picks').expect(400);
      expect(missing.body).toMatchObject({ details: { parameter: 'date' }, message: 'date: is required' });
      const badCall = await http().get('/picks').query({ date: NEXT_DAY, call: 'maybe' }).expect(400);
      expect(badCall.body.details.parameter).toBe('call');
      const csv = await http().get('/picks').query({ date: NEXT_DAY, format: 'csv' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain(`picks-${NEXT_DAY}.csv`);
      expect(csv.text.split('\r\n')[0].split(',')).toEqual(expect.arrayContaining(['lineSource', 'book', 'bestOver.book', 'bestUnder.price', 'kellyFraction']));
    });
  });

  describe('GET /games', () => {
    it("lists a date's games with teams, status and counts; an unknown date is empty; a bad date is 400", async () => {
      const res = await http().get('/games').query({ date: NEXT_DAY }).expect(200);
      expect(res.body.games.map((g: { id: string }) => g.id).sort()).toEqual([...next.gameIds].sort());
      for (const g of res.body.games) expect(g).toMatchObject({ status: 'SCHEDULED', pricedProps: 6 * 5, proxyLines: 6 * 2, boxScores: 0 });
      const sum = (key: string) => res.body.games.reduce((a: number, g: Record<string, number>) => a + g[key], 0);
      expect(sum('predictions')).toBe(next.predictions);
      expect(sum('realLines') + sum('proxyLines')).toBe(next.lines);
      const done = await http().get('/games').query({ date: FINAL_DAY }).expect(200);
      for (const g of done.body.games) expect(g).toMatchObject({ status: 'FINAL', boxScores: 6, proxyLines: 0 });
      await http().get('/games').query({ date: '2031-02-03' }).expect(200, { date: '2031-02-03', games: [] });
      const bad = await http().get('/games').query({ date: 'yesterday' }).expect(400);
      expect(bad.body.details.parameter).toBe('date');
      const csv = await http().get('/games').query({ date: NEXT_DAY }).set('Accept', 'text/csv').expect(200);
      expect(csv.text.trim().split('\r\n')).toHaveLength(1 + next.gameIds.length);
    });
  });

  describe('GET /players/:id', () => {
    it('shows recent form, the latest predictions newest first and graded figures', async () => {
      const id = final.playerIds[0];
      const res = await http().get(`/players/${id}`).query({ games: 3 }).expect(200);
      expect(res.body).toMatchObject({ id, name: expect.any(String) });
      expect(res.body.recentForm.games).toHaveLength(3);
      expect(res.body.recentForm.averages.games).toBe(3);
      expect(res.body.predictions.length).toBeGreaterThan(0);
      const dates = res.body.predictions.map((p: { gameDate: string }) => p.gameDate);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(res.body.grades.length).toBeGreaterThan(0);
    });

    it('answers an unknown player with 404 and a malformed id with 400', async () => {
      const missing = await http().get('/players/999999999').expect(404);
      expect(missing.body.message).toContain('999999999');
      const bad = await http().get('/players/abc').expect(400);
      expect(bad.body.details.parameter).toBe('id');
    });
  });

  describe('GET /grades', () => {
    it('summarises the graded range by stat and model, REAL and PROXY lines apart', async () => {
      const res = await http().get('/grades').query({ from: '2025-01-01', to: '2025-01-31' }).expect(200);
      expect(res.body.groups.map((g: { stat: string }) => g.stat).sort()).toEqual(['ASSISTS', 'POINTS', 'PRA', 'REBOUNDS', 'THREES']);
      for (const g of res.body.groups) {
        expect(g.n).toBe(final.playerIds.length);
        expect(g.real.props).toBeGreaterThan(0);
        expect(g.mae).toBeGreaterThan(0);
        expect(g.real.brier).toBeGreaterThan(0);
        expect(g.real.marketBrier).toBeGreaterThan(0);
      }
      const none = await http().get('/grades').query({ from: '2030-01-01', to: '2030-01-31' }).expect(200);
      expect(none.body.groups).toEqual([]);
    });

    it('rejects a reversed or missing range naming the parameter', async () => {
      expect((await http().get('/grades').query({ from: '2025-02-01', to: '2025-01-01' }).expect(400)).body.details.parameter).toBe('from');
      expect((await http().get('/grades').query({ from: '2025-02-01' }).expect(400)).body.details.parameter).toBe('to');
    });
  });

  describe('GET /price', () => {
    it("prices any line and odds against the serving model's distribution", async () => {
      const player = next.playerIds[2];
      const low = await http().get('/price').query({ player, stat: 'POINTS', line: 0.5, over: -110, under: -110, date: NEXT_DAY }).expect(200);
      const high = await http().get('/price').query({ player, stat: 'POINTS', line: 60.5, over: -110, under: -110, date: NEXT_DAY }).expect(200);
      expect(low.body).toMatchObject({ playerId: player, stat: 'POINTS', lineSource: 'USER', line: 0.5, recommendation: 'OVER' });
      expect(high.body.recommendation).toBe('UNDER');
      expect(low.body.probabilities.over).toBeGreaterThan(high.body.probabilities.over);
      const p = low.body.probabilities;
      expect(p.over + p.under + p.push).toBeCloseTo(1, 6);
      expect(low.body.kellyFraction).toBeLessThanOrEqual(0.05);
      const assumed = await http().get('/price').query({ player, stat: 'POINTS', line: 20.5, date: NEXT_DAY }).expect(200);
      expect(assumed.body.flags).toContain('assumed_price');
    });

    it('answers 404 without a prediction and 400 naming a bad parameter', async () => {
      await http().get('/price').query({ player: next.playerIds[0], stat: 'POINTS', line: 20.5, date: '2031-02-03' }).expect(404);
      expect((await http().get('/price').query({ player: next.playerIds[0], stat: 'POINTS', line: 20.5, over: 50, date: NEXT_DAY }).expect(400)).body.details.parameter).toBe('over');
      expect((await http().get('/price').query({ player: next.playerIds[0], stat: 'POINTS', date: NEXT_DAY }).expect(400)).body.details.parameter).toBe('line');
    });
  });

  describe('POST /bets and GET /bets', () => {
    it("records bets with the model's expectation and grades them once the game is final", async () => {
      const settledPlayer = final.playerIds[1];
      const openPlayer = next.playerIds[1];
      const a = await http()
        .post('/bets')
        .send({ playerId: settledPlayer, date: FINAL_DAY, stat: 'POINTS', side: 'OVER', line: 0.5, price: -110, stake: 10, book: 'draftkings', takenAt: `${FINAL_DAY}T18:00:00Z` })
        .expect(201);
      expect(a.body).toMatchObject({ playerId: settledPlayer, gameId: expect.stringMatching(/^\d{10}$/), status: 'SETTLED', modelId: final.modelIds.POINTS });
      expect(a.body.modelProbability).toBeGreaterThan(0.9);
      const b = await http().post('/bets').send({ playerId: openPlayer, gameId: next.gameIds[0], stat: 'REBOUNDS', side: 'UNDER', line: 6.5, price: 120, stake: 5, book: 'fanduel' }).expect(201);
      expect(b.body).toMatchObject({ status: 'OPEN', gameDate: NEXT_DAY });

      const log = await http().get('/bets').expect(200);
      expect(log.body.bets).toHaveLength(2);
      expect(log.body.totals).toMatchObject({ bets: 2, staked: 15, openStake: 5, settled: 1 });
      const day = await http().get('/bets').query({ date: FINAL_DAY }).expect(200);
      expect(day.body.bets.map((x: { id: string }) => x.id)).toEqual([a.body.id]);
      expect(day.body.days).toEqual([expect.objectContaining({ date: FINAL_DAY, bets: 1 })]);
      const csv = await http().get('/bets').query({ format: 'csv' }).expect(200);
      expect(csv.text.trim().split('\r\n')).toHaveLength(3);
    });

    it('rejects a bad bet with 400 naming the field and stores nothing', async () => {
      const before = await db.pool.query('SELECT count(*)::int AS n FROM bets');
      for (const [body, parameter] of [
        [{ playerId: final.playerIds[0], date: FINAL_DAY, stat: 'POINTS', side: 'SIDEWAYS', line: 10.5, price: -110, stake: 1, book: 'dk' }, 'side'],
        [{ playerId: final.playerIds[0], date: FINAL_DAY, stat: 'POINTS', side: 'OVER', line: 10.5, price: 50, stake: 1, book: 'dk' }, 'price'],
        [{ playerId: final.playerIds[0], date: FINAL_DAY, stat: 'POINTS', side: 'OVER', line: 10.5, price: -110, book: 'dk' }, 'stake'],
        [{ playerId: 999999999, date: FINAL_DAY, stat: 'POINTS', side: 'OVER', line: 10.5, price: -110, stake: 1, book: 'dk' }, 'playerId'],
        [{ playerId: final.playerIds[0], stat: 'POINTS', side: 'OVER', line: 10.5, price: -110, stake: 1, book: 'dk' }, 'gameId'],
      ] as [Record<string, unknown>, string][]) {
        const res = await http().post('/bets').send(body).expect(400);
        expect(res.body.details.parameter).toBe(parameter);
      }
      const after = await db.pool.query('SELECT count(*)::int AS n FROM bets');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });
  });

  describe('GET / (the slate board)', () => {
    it('renders the board of the latest date with the date menu and the notice', async () => {
      const res = await http().get('/').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain(`data-date="${NEXT_DAY}"`);
      expect(res.text).toContain(`<option value="${FINAL_DAY}"`);
      expect(res.text).toContain('1-800-GAMBLER');
      expect(res.text).toContain('data-key-required="true"');
      expect(res.text).toMatch(/<script>[\s\S]+<\/script>/);
      const older = await http().get('/').query({ date: FINAL_DAY }).expect(200);
      expect(older.text).toContain(`data-date="${FINAL_DAY}"`);
      expect((await http().get('/').query({ date: 'soon' }).expect(400)).body.details.parameter).toBe('date');
    });
  });

  describe('API keys (hardening issue)', () => {
    const bare = () => request(app.getHttpServer());
    it('answers 401 without a key, serves GETs to a read key, refuses a read key a write (403), and serves the board page to anyone', async () => {
      const none = await bare().get('/picks').query({ date: NEXT_DAY }).expect(401);
      expect(none.body).toMatchObject({ statusCode: 401, error: expect.any(String) });
      await bare().get('/picks').query({ date: NEXT_DAY }).set(testAuthHeaders('read')).expect(200);
      await bare().get('/predictions').query({ date: NEXT_DAY }).set('x-api-key', TEST_KEYS.read).expect(200);
      await bare().post('/bets').set(testAuthHeaders('read')).send({}).expect(403);
      const page = await bare().get('/').expect(200);
      expect(page.text).toContain('data-key-required="true"');
      await bare().get('/health').expect(200);
    });
  });
});
