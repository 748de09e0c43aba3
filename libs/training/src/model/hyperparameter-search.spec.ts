import { splitByDate } from '../dataset/split-by-date';
import { toStatDataset } from '../dataset/stat-dataset';
import { leagueRows, simulateLeague } from '../testing';
import { TRAINING_OBJECTIVES } from './booster-config';
import { toMatrix } from './fit-booster';
import { searchHyperparameters } from './hyperparameter-search';

describe('searchHyperparameters', () => {
  const splits = splitByDate(toStatDataset(leagueRows(simulateLeague({ seed: 5, teams: 6, playersPerTeam: 8, seasons: 1, datesPerSeason: 50 })), 'REBOUNDS'));
  const dtrain = toMatrix(splits.train.features, splits.train.target, splits.train.featureNames);
  const dvalid = toMatrix(splits.validation.features, splits.validation.target, splits.train.featureNames);
  afterAll(() => {
    dtrain.matrix.dispose();
    dvalid.matrix.dispose();
  });
  const options = { objectives: TRAINING_OBJECTIVES, maxRounds: 20, earlyStoppingRounds: 5, maxTrials: 6, nthread: 2, seed: 1 };

  it('always compares every objective on validation MAE and logs each trial', async () => {
    const logged: number[] = [];
    const result = await searchHyperparameters(dtrain, dvalid, { ...options, budgetMinutes: 0 }, { onTrial: (t) => void logged.push(t.trial) });
    expect(result.trials.map((t) => t.config.objective)).toEqual([...TRAINING_OBJECTIVES]);
    expect(logged).toEqual(TRAINING_OBJECTIVES.map((_, i) => i));
    const best = Math.min(...result.trials.map((t) => t.validationMae));
    expect(result.trials.find((t) => t.config === result.best)?.validationMae).toBe(best);
    for (const t of result.trials) expect(t).toMatchObject({ phase: 'objective', trainRows: splits.train.size });
  });

  it('spends the budget on random trials, up to maxTrials', async () => {
    const result = await searchHyperparameters(dtrain, dvalid, { ...options, budgetMinutes: 1 });
    expect(result.trials).toHaveLength(6);
    expect(result.trials.slice(TRAINING_OBJECTIVES.length).every((t) => t.phase === 'random')).toBe(true);
  });

  it('starts pseudo-Huber at the training median with its δ, and leaves the other objectives without either', async () => {
    const result = await searchHyperparameters(dtrain, dvalid, { ...options, objectives: ['reg:pseudohubererror', 'reg:squarederror'], budgetMinutes: 1, maxTrials: 12, targetMedian: 4 });
    const huber = result.trials.filter((t) => t.config.objective === 'reg:pseudohubererror');
    expect(huber[0].config).toMatchObject({ huberSlope: 1, baseScore: 4 });
    const randomSlopes = huber.filter((t) => t.phase === 'random').map((t) => t.config.huberSlope ?? Number.NaN);
    expect(randomSlopes.length).toBeGreaterThan(0);
    for (const slope of randomSlopes) {
      expect(slope).toBeGreaterThanOrEqual(0.3);
      expect(slope).toBeLessThanOrEqual(3);
    }
    for (const t of result.trials.filter((t) => t.config.objective !== 'reg:pseudohubererror')) {
      expect(t.config).not.toHaveProperty('huberSlope');
      expect(t.config).not.toHaveProperty('baseScore');
    }
  });

  it('stops between rounds when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('lease lost'));
    await expect(searchHyperparameters(dtrain, dvalid, { ...options, budgetMinutes: 0 }, { signal: controller.signal })).rejects.toThrow('lease lost');
  });
});
