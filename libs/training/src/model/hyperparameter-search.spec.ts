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
    expect(logged).toEqual([0, 1, 2]);
    const best = Math.min(...result.trials.map((t) => t.validationMae));
    expect(result.trials.find((t) => t.config === result.best)?.validationMae).toBe(best);
    for (const t of result.trials) expect(t).toMatchObject({ phase: 'objective', trainRows: splits.train.size });
  });

  it('spends the budget on random trials, up to maxTrials', async () => {
    const result = await searchHyperparameters(dtrain, dvalid, { ...options, budgetMinutes: 1 });
    expect(result.trials).toHaveLength(6);
    expect(result.trials.slice(3).every((t) => t.phase === 'random')).toBe(true);
  });

  it('stops between rounds when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('lease lost'));
    await expect(searchHyperparameters(dtrain, dvalid, { ...options, budgetMinutes: 0 }, { signal: controller.signal })).rejects.toThrow('lease lost');
  });
});
