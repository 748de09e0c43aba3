import { summariseGrades, type GradedRow } from './summarise-grades';

const row = (over: number, model: number | null, outcome: 'OVER' | 'UNDER', book: string, playerId: number): GradedRow => ({
  playerId,
  gameId: 'G1',
  predictedMean: 10,
  actual: outcome === 'OVER' ? 12 : 8,
  outcome,
  result: 'NO_BET',
  profit: 0,
  overProbability: over,
  modelOverProbability: model,
  marketOverProbability: 0.5,
  book,
});

describe('summariseGrades against the market', () => {
  it("scores the priced (combined) P(over), the model's own and the market's on real-priced rows only, by Brier and log loss", () => {
    const s = summariseGrades([row(0.6, 0.7, 'OVER', 'draftkings', 1), row(0.4, 0.2, 'UNDER', 'fanduel', 2), row(0.9, null, 'OVER', 'PROXY', 3)]);
    expect(s.realProps).toBe(2);
    expect(s.brierReal).toBeCloseTo(0.16, 12); // (0.4² + 0.4²) / 2
    expect(s.modelBrierReal).toBeCloseTo(0.065, 12); // (0.3² + 0.2²) / 2
    expect(s.marketBrier).toBeCloseTo(0.25, 12);
    expect(s.logLossReal).toBeCloseTo(-Math.log(0.6), 12);
    expect(s.modelLogLossReal).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 12);
    expect(s.marketLogLoss).toBeCloseTo(Math.LN2, 12);
  });

  it("uses the priced P(over) as the model's own where no combiner priced the row, and has no market figures without real prices", () => {
    const s = summariseGrades([row(0.6, null, 'OVER', 'draftkings', 1)]);
    expect(s.modelBrierReal).toBeCloseTo(s.brierReal as number, 12);
    const none = summariseGrades([row(0.6, null, 'OVER', 'PROXY', 1)]);
    expect(none).toMatchObject({ realProps: 0, brierReal: null, marketBrier: null, logLossReal: null, marketLogLoss: null, modelBrierReal: null, modelLogLossReal: null });
  });
});
