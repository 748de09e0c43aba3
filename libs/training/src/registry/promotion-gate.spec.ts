import { decidePromotion } from './promotion-gate';

describe('decidePromotion', () => {
  const baselineMae = { seasonAvg: 5.2, last10: 5.3, ema: 5.25 };

  it('promotes a candidate that beats every baseline when there is no production model', () => {
    const d = decidePromotion({ candidateMae: 5.0, baselineMae, production: null, minMaeImprovement: 0.005 });
    expect(d.promote).toBe(true);
    expect(d.reason).toMatch(/gate passed/);
  });

  it('refuses a candidate that does not beat a baseline, naming it', () => {
    const d = decidePromotion({ candidateMae: 5.21, baselineMae, production: null, minMaeImprovement: 0.005 });
    expect(d.promote).toBe(false);
    expect(d.reason).toMatch(/seasonAvg baseline/);
  });

  it('requires the relative margin over production', () => {
    const production = { id: 'points-v1', mae: 5.0 };
    expect(decidePromotion({ candidateMae: 4.99, baselineMae, production, minMaeImprovement: 0.005 }).promote).toBe(false);
    expect(decidePromotion({ candidateMae: 4.975, baselineMae, production, minMaeImprovement: 0.005 }).promote).toBe(true);
    const refused = decidePromotion({ candidateMae: 5.1, baselineMae, production, minMaeImprovement: 0.005 });
    expect(refused.reason).toMatch(/production points-v1 MAE 5\.0000/);
  });
});
