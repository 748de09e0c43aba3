import { DEFAULT_BOOSTER_SETTINGS, type BoosterConfig } from './booster-config';
import { fitFixedRounds, predictBest, toMatrix } from './fit-booster';

describe('instance weights in a fit', () => {
  // Two groups of identical rows with labels 0 and 10: the squared-error fit predicts their weighted mean.
  const n = 400;
  const features = new Float32Array(n * 2).fill(1);
  const target = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 10 : 0));
  const config: BoosterConfig = { objective: 'reg:squarederror', ...DEFAULT_BOOSTER_SETTINGS, eta: 0.5, subsample: 1, colsampleBytree: 1, lambda: 0 };
  const fit = async (weight?: Float32Array) => {
    const matrix = toMatrix(features, target, ['a', 'b'], undefined, weight);
    const booster = await fitFixedRounds({ config, train: matrix, rounds: 40, nthread: 1, seed: 1 });
    const [prediction] = predictBest(booster, 39, features.subarray(0, 2));
    booster.dispose();
    matrix.matrix.dispose();
    return prediction;
  };

  it('moves the fit towards the heavier rows', async () => {
    expect(await fit()).toBeCloseTo(5, 2);
    expect(await fit(Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 3 : 1)))).toBeCloseTo(7.5, 2);
  });

  it('boosts exactly the rounds asked for and refuses a round count below 1', async () => {
    const matrix = toMatrix(features, target, ['a', 'b']);
    const booster = await fitFixedRounds({ config, train: matrix, rounds: 7, nthread: 1, seed: 1 });
    expect(booster.boostedRounds).toBe(7);
    expect(booster.getAttribute('best_iteration')).toBe('6');
    booster.dispose();
    await expect(fitFixedRounds({ config, train: matrix, rounds: 0, nthread: 1, seed: 1 })).rejects.toThrow(/rounds must be a positive integer, got 0/);
    matrix.matrix.dispose();
  });
});
