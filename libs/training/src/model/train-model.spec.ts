import { splitByDate } from '../dataset/split-by-date';
import { selectRows, toStatDataset } from '../dataset/stat-dataset';
import { leagueRows, simulateLeague } from '../testing';
import { fitFixedRounds, predictBest, toMatrix } from './fit-booster';
import { trainModel, type ModelTrainingOptions, type TrainingData } from './train-model';

describe('trainModel: selection fit, recency decay and refit on every row', () => {
  const all = toStatDataset(leagueRows(simulateLeague({ seed: 8, teams: 6, playersPerTeam: 8, seasons: 3, datesPerSeason: 40 })), 'POINTS');
  const splits = splitByDate(all);
  const data: TrainingData = { ...splits, all };
  const options: ModelTrainingOptions = {
    budgetMinutes: 0,
    objectives: ['reg:squarederror'],
    subsampleRows: 100_000,
    maxTrials: 1,
    maxRounds: 60,
    earlyStoppingRounds: 8,
    nthread: 1,
    seed: 3,
    refit: true,
    refitRounds: 'rows',
    recencyDecays: [],
    minRecencyGain: 0.001,
  };
  const lastDate = splits.ranges.test.to;

  it('refits on every row up to the window’s end, with the rounds scaled by rows, and serves the refit', async () => {
    const trained = await trainModel(data, options);
    try {
      expect(trained.selection).toMatchObject({ from: splits.ranges.train.from, to: splits.ranges.train.to, rows: splits.train.size, recencyDecay: 1 });
      expect(trained.selection.rounds).toBe(trained.selection.bestIteration + 1);
      const scale = all.size / splits.train.size;
      expect(trained.refit).toEqual({ from: splits.ranges.train.from, to: lastDate, rows: all.size, rounds: Math.round(trained.selection.rounds * scale), recencyDecay: 1, roundScale: scale });
      expect(trained.bestIteration).toBe(trained.refit!.rounds - 1);
      expect(trained.trials.map((t) => t.phase)).toEqual(['objective', 'final', 'refit']);
      expect(trained.trials[2]).toMatchObject({ trainRows: all.size, rounds: trained.refit!.rounds });

      // The served booster is exactly the chosen config fitted on every row: refitting them reproduces it...
      const refit = async (rows: typeof all) => {
        const matrix = toMatrix(rows.features, rows.target, rows.featureNames);
        const booster = await fitFixedRounds({ config: trained.config, train: matrix, rounds: trained.refit!.rounds, nthread: 1, seed: options.seed });
        const predicted = predictBest(booster, trained.refit!.rounds - 1, splits.test.features);
        booster.dispose();
        matrix.matrix.dispose();
        return predicted;
      };
      expect(await refit(all)).toEqual(trained.testPredictions);
      // ...and leaving out the last date's rows changes it (they were in the fit).
      const beforeLast = selectRows(
        all,
        [...all.gameDates.keys()].filter((i) => all.gameDates[i] < lastDate),
      );
      expect(await refit(beforeLast)).not.toEqual(trained.testPredictions);
      // The selection fit's out-of-sample predictions differ from the served refit's (which saw the test dates).
      expect(trained.selection.testPredictions).not.toEqual(trained.testPredictions);
    } finally {
      trained.booster.dispose();
    }
  });

  it('keeps the selection fit’s round count with refitRounds same', async () => {
    const trained = await trainModel(data, { ...options, refitRounds: 'same' });
    trained.booster.dispose();
    expect(trained.refit).toMatchObject({ rows: all.size, rounds: trained.selection.rounds, roundScale: 1 });
  });

  it('serves the selection fit when refit is off', async () => {
    const trained = await trainModel(data, { ...options, refit: false });
    try {
      expect(trained.refit).toBeNull();
      expect(trained.bestIteration).toBe(trained.selection.bestIteration);
      expect(trained.testPredictions).toBe(trained.selection.testPredictions);
      expect(trained.trials.map((t) => t.phase)).toEqual(['objective', 'final']);
    } finally {
      trained.booster.dispose();
    }
  });

  it('tries each recency decay on validation and keeps it only where it lowers validation MAE by the minimum gain', async () => {
    const trained = await trainModel(data, { ...options, recencyDecays: [0.3, 1] });
    try {
      const [final, recency] = trained.trials.filter((t) => t.phase === 'final' || t.phase === 'recency');
      expect(final).toMatchObject({ phase: 'final', recencyDecay: 1 });
      expect(recency).toMatchObject({ phase: 'recency', recencyDecay: 0.3, trainRows: splits.train.size });
      // Weighting changes the fit.
      expect(recency.validationMae).not.toBe(final.validationMae);
      const kept = recency.validationMae <= final.validationMae * (1 - options.minRecencyGain);
      expect(trained.selection.recencyDecay).toBe(kept ? 0.3 : 1);
      expect(trained.refit!.recencyDecay).toBe(trained.selection.recencyDecay);
      expect(trained.selection.validationMae).toBe(kept ? recency.validationMae : final.validationMae);
      expect(trained.selection.unweightedValidationMae).toBe(final.validationMae);

      // A gain nobody can reach keeps the unweighted fit.
      const strict = await trainModel(data, { ...options, recencyDecays: [0.3], minRecencyGain: 0.99 });
      expect(strict.selection.recencyDecay).toBe(1);
      strict.booster.dispose();
    } finally {
      trained.booster.dispose();
    }
  });

  it('fits the search’s best configs on the whole training split and keeps the one of the lowest validation MAE', async () => {
    const trained = await trainModel(data, { ...options, objectives: ['reg:squarederror', 'count:poisson', 'reg:pseudohubererror'], budgetMinutes: 1, maxTrials: 5, finalists: 2, refit: false });
    try {
      const searched = trained.trials.filter((t) => t.phase === 'objective' || t.phase === 'random');
      expect(searched.filter((t) => t.phase === 'random')).toHaveLength(2);
      const finals = trained.trials.filter((t) => t.phase === 'final');
      expect(finals).toHaveLength(2);
      // The finalists are the two best of the search, best first...
      const ranked = [...searched].sort((a, b) => a.validationMae - b.validationMae);
      expect(finals.map((t) => t.config)).toEqual([ranked[0].config, ranked[1].config]);
      // ...and the served config is the finalist of the lowest validation MAE on the whole training split.
      const best = finals.reduce((a, b) => (b.validationMae < a.validationMae ? b : a));
      expect(trained.config).toBe(best.config);
      expect(trained.selection.validationMae).toBe(best.validationMae);
      expect(trained.chosenTrial).toBe(searched.findIndex((t) => t.config === best.config));
    } finally {
      trained.booster.dispose();
    }
  });

  it('keeps the best of a search of the objectives alone (no random trial) without further finalists', async () => {
    const trained = await trainModel(data, { ...options, objectives: ['reg:squarederror', 'count:poisson'], maxTrials: 2, finalists: 3, refit: false });
    try {
      expect(trained.trials.map((t) => t.phase)).toEqual(['objective', 'objective', 'final']);
    } finally {
      trained.booster.dispose();
    }
  });
});
