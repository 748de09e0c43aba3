import { syntheticData } from '../testing/synthetic';
import { DMatrix } from './dmatrix';
import { train, type TrainProgress } from './train';

const COLS = 5;

function matrices(): { dtrain: DMatrix; dvalid: DMatrix } {
  const trainSet = syntheticData(800, COLS, { seed: 11 });
  const validSet = syntheticData(300, COLS, { seed: 12 });
  return {
    dtrain: DMatrix.fromDense(trainSet.features, { ncol: COLS, label: trainSet.labels }),
    dvalid: DMatrix.fromDense(validSet.features, { ncol: COLS, label: validSet.labels }),
  };
}

describe('train', () => {
  it('records history, reports progress and finds the best round without stopping early', () => {
    const { dtrain, dvalid } = matrices();
    const progress: TrainProgress[] = [];
    const result = train({
      params: { max_depth: 3, eta: 0.3, nthread: 1, eval_metric: 'rmse' },
      dtrain,
      evals: [
        { name: 'train', matrix: dtrain },
        { name: 'valid', matrix: dvalid },
      ],
      numBoostRound: 10,
      onIteration: (p) => progress.push(p),
    });
    expect(result.booster.boostedRounds).toBe(10);
    expect(result.stoppedEarly).toBe(false);
    expect(progress.map((p) => `${p.iteration}/${p.total}`)).toEqual(Array.from({ length: 10 }, (_, i) => `${i}/10`));
    expect(Object.keys(progress[0]?.evals ?? {})).toEqual(['train', 'valid']);
    const valid = result.history['valid']?.['rmse'] ?? [];
    expect(valid).toHaveLength(10);
    expect(result.history['train']?.['rmse']).toHaveLength(10);
    expect(result.bestScore).toBe(Math.min(...valid));
    expect(result.bestIteration).toBe(valid.indexOf(result.bestScore));
    expect(result.booster.getAttribute('best_iteration')).toBe(String(result.bestIteration));
    expect(Number(result.booster.getAttribute('best_score'))).toBeCloseTo(result.bestScore, 12);
    result.booster.dispose();
  });

  it('stops once the watched metric has not improved for earlyStoppingRounds', () => {
    const { dtrain, dvalid } = matrices();
    // A huge learning rate overfits quickly, so validation error turns up early.
    const result = train({
      params: { max_depth: 6, eta: 1, min_child_weight: 0, nthread: 1, eval_metric: 'rmse' },
      dtrain,
      evals: [{ name: 'valid', matrix: dvalid }],
      numBoostRound: 200,
      earlyStoppingRounds: 3,
    });
    const valid = result.history['valid']?.['rmse'] ?? [];
    expect(result.stoppedEarly).toBe(true);
    expect(result.booster.boostedRounds).toBe(result.bestIteration + 4);
    expect(valid).toHaveLength(result.bestIteration + 4);
    expect(Math.min(...valid)).toBe(result.bestScore);
    result.booster.dispose();
  });

  it('maximizes metrics such as auc, by default and when told to', () => {
    const trainSet = syntheticData(800, COLS, { seed: 21, labels: 'binary' });
    const validSet = syntheticData(300, COLS, { seed: 22, labels: 'binary' });
    const dtrain = DMatrix.fromDense(trainSet.features, { ncol: COLS, label: trainSet.labels });
    const dvalid = DMatrix.fromDense(validSet.features, { ncol: COLS, label: validSet.labels });
    const run = (maximize?: boolean) =>
      train({
        params: { objective: 'binary:logistic', max_depth: 4, nthread: 1, eval_metric: 'auc' },
        dtrain,
        evals: [{ name: 'valid', matrix: dvalid }],
        numBoostRound: 15,
        ...(maximize === undefined ? {} : { maximize }),
      });
    const inferred = run();
    const auc = inferred.history['valid']?.['auc'] ?? [];
    expect(inferred.bestScore).toBe(Math.max(...auc));
    const minimized = run(false);
    expect(minimized.bestScore).toBe(Math.min(...auc));
    inferred.booster.dispose();
    minimized.booster.dispose();
  });

  it('needs an eval set for early stopping and trains plainly without one', () => {
    const { dtrain } = matrices();
    expect(() => train({ params: {}, dtrain, numBoostRound: 2, earlyStoppingRounds: 1 })).toThrow(/eval set/);
    const result = train({ params: { nthread: 1 }, dtrain, numBoostRound: 3 });
    expect(result.bestIteration).toBe(2);
    expect(result.bestScore).toBeNaN();
    expect(result.booster.getAttribute('best_iteration')).toBeUndefined();
    result.booster.dispose();
  });
});
