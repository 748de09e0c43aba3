import { DEFAULT_RECOMMEND_OPTIONS } from '../pricing/betting-gates';
import { buildPicks, PROXY_LINE_FLAG, type PickContext } from './build-picks';
import type { GameView, Offer } from './pick.types';

const GAME: GameView = {
  id: '0022400001',
  gameDate: '2025-01-10',
  status: 'SCHEDULED',
  tipoffAt: null,
  homeTeam: 'BOS',
  awayTeam: 'ATL',
  homeTeamId: 2,
  awayTeamId: 1,
  homeScore: null,
  awayScore: null,
};

function offer(book: string, line: number, overPrice: number | null, underPrice: number | null, overProbability: number, extra: Partial<Offer> = {}): Offer {
  return {
    predictionId: `${book}-${line}`,
    playerId: 7,
    playerName: 'Some Player',
    gameId: GAME.id,
    stat: 'POINTS',
    modelId: 'points-v1',
    modelVersion: 1,
    book,
    predictedMean: 22,
    line,
    overPrice,
    underPrice,
    overProbability,
    modelOverProbability: overProbability,
    flags: [],
    ...extra,
  };
}

function context(extra: Partial<PickContext> = {}): PickContext {
  return {
    options: DEFAULT_RECOMMEND_OPTIONS,
    pushOf: () => null,
    games: new Map([[GAME.id, GAME]]),
    teams: new Map([['7:0022400001', 2]]),
    teamNames: new Map([
      [1, 'ATL'],
      [2, 'BOS'],
    ]),
    productionModels: new Set(['points-v1']),
    boxScores: new Map(),
    playedGames: new Set(),
    ...extra,
  };
}

describe('buildPicks', () => {
  it('prices each side at the book that pays best, names it, and ignores proxy lines when a real book priced the prop', () => {
    const [pick] = buildPicks([offer('draftkings', 21.5, -120, -100, 0.6), offer('fanduel', 21.5, -105, -115, 0.6), offer('PROXY', 21.5, 150, 150, 0.6)], context());
    expect(pick.bestOver).toMatchObject({ book: 'fanduel', price: -105, lineSource: 'REAL' });
    expect(pick.bestUnder).toMatchObject({ book: 'draftkings', price: -100, lineSource: 'REAL' });
    expect(pick).toMatchObject({ side: 'OVER', call: 'OVER', book: 'fanduel', price: -105, lineSource: 'REAL', books: 2, team: 'BOS', opponent: 'ATL', result: null });
    expect(pick.modelProbability).toBeCloseTo(0.6, 6);
    expect(pick.kellyFraction).toBeGreaterThan(0);
    expect(pick.kellyFraction).toBeLessThanOrEqual(0.05); // KELLY_CAP
    expect(pick.flags).not.toContain(PROXY_LINE_FLAG);
  });

  it("shows the model's own P(over) and P(side) beside the priced (combined) one", () => {
    // the worker combined the model's own 0.70 with the market into 0.58 at fanduel and 0.60 at draftkings
    const [pick] = buildPicks([offer('draftkings', 21.5, -110, -110, 0.6, { modelOverProbability: 0.7 }), offer('fanduel', 21.5, -110, -110, 0.58, { modelOverProbability: 0.7 })], context());
    expect(pick).toMatchObject({ side: 'OVER', book: 'draftkings', overProbability: 0.6, modelOverProbability: 0.7 });
    expect(pick.modelProbability).toBeCloseTo(0.6, 12);
    expect(pick.ownProbability as number).toBeCloseTo(0.7, 12);
    // the under side: the own probability of the under, and push taken out at a whole line
    const [under] = buildPicks([offer('dk', 22, -110, -110, 0.2, { modelOverProbability: 0.3 })], context({ pushOf: () => 0.1 }));
    expect(under.side).toBe('UNDER');
    expect(under.ownProbability as number).toBeCloseTo(0.6 / 0.9, 12);
    // rows stored before the column existed
    const [old] = buildPicks([offer('dk', 21.5, -110, -110, 0.6, { modelOverProbability: null })], context());
    expect(old).toMatchObject({ modelOverProbability: null, ownProbability: null });
  });

  it('prefers a better line over a better price when it is worth more', () => {
    // Over 19.5 at -130 beats over 21.5 at -110 when the model makes 19.5 much likelier.
    const [pick] = buildPicks([offer('a', 21.5, -110, -110, 0.55), offer('b', 19.5, -130, 110, 0.75, { predictionId: 'b' })], context());
    expect(pick.bestOver).toMatchObject({ book: 'b', line: 19.5 });
  });

  it('says PROXY and flags a prop only a proxy line priced; a PASS stakes nothing', () => {
    const [pick] = buildPicks([offer('PROXY', 21.5, -110, -110, 0.51)], context());
    expect(pick).toMatchObject({ lineSource: 'PROXY', call: 'PASS', kellyFraction: 0 });
    expect(pick.flags).toContain(PROXY_LINE_FLAG);
  });

  it('grades the call once the game is played, and ranks by EV', () => {
    const second = offer('dk', 30.5, -110, -110, 0.58, { playerId: 8, predictionId: 'p8' });
    const picks = buildPicks(
      [second, offer('dk', 21.5, -110, -110, 0.7)],
      context({
        playedGames: new Set([GAME.id]),
        boxScores: new Map([['7:0022400001', { dnp: false, minutes: 30, pts: 25, reb: 4, ast: 3, fg3m: 2 }]]),
      }),
    );
    expect(picks.map((p) => p.playerId)).toEqual([7, 8]);
    expect(picks[0].result).toMatchObject({ actual: 25, outcome: 'OVER', result: 'WIN' });
    expect(picks[0].result?.profitPerUnit).toBeCloseTo(100 / 110, 6);
    // No box score for player 8 in a played game: did not play, the bet is void.
    expect(picks[1].result).toMatchObject({ actual: null });
  });
});
