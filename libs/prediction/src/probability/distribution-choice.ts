import { z } from 'zod';
import { InvalidInputError, ModelStateError } from '../errors';
import { brierScore, logLoss } from '../metrics/probabilistic';
import { COUNT_FAMILIES, CountDistributionSchema, countLogPmf, countOverUnder, type CountFamily } from './count-distribution';
import { CountModel, type CountFitRow, type CountModelJSON, type CountModelOptions } from './count-model';
import { conditionalOver, type OverUnder } from './line-probabilities';
import type { ProbabilityModel } from './probability-model';

/** Every way of turning a predicted mean into P(over): today's residual + isotonic model, or a count family. */
export const DISTRIBUTION_FAMILIES = ['residual', ...COUNT_FAMILIES] as const;
export type DistributionFamily = (typeof DISTRIBUTION_FAMILIES)[number];

/** What a predictions row stores to price any line again: a count distribution, or the residual model's mean. */
export const StoredDistributionSchema = z.union([z.object({ family: z.literal('residual'), mean: z.number() }), CountDistributionSchema]);
export type StoredDistribution = z.infer<typeof StoredDistributionSchema>;

/** A row the families are scored on: held-out prediction, outcome, and the line (real where scoring on real prices). */
export interface ScoringRow {
  predicted: number;
  actual: number;
  line: number;
}

/** One family's score on the selection rows (lower is better). */
export interface FamilyScore {
  family: DistributionFamily;
  rows: number;
  /** Brier and log loss of P(over | no push) on rows that ended over or under (null when scored by likelihood). */
  brier: number | null;
  logLoss: number | null;
  /** Mean negative log-likelihood of the realised counts. */
  outcomeNll: number | null;
}

/** How the family was chosen. */
export interface DistributionSelection {
  /**
   * `real-priced-props`: log loss of P(over) on real-priced props (walk-forward, held-out predictions);
   * `outcome-likelihood`: too few real-priced props, so the likelihood of the realised counts decided;
   * `configured`: the caller named the family.
   */
  method: 'real-priced-props' | 'outcome-likelihood' | 'configured';
  winner: DistributionFamily;
  scores: FamilyScore[];
  reason: string;
}

export const DISTRIBUTION_CHOICE_VERSION = 1;

const ScoreSchema = z.object({
  family: z.enum(DISTRIBUTION_FAMILIES),
  rows: z.number().int().nonnegative(),
  brier: z.number().nullable(),
  logLoss: z.number().nullable(),
  outcomeNll: z.number().nullable(),
});
const DistributionChoiceSchema = z.object({
  kind: z.literal('distribution-choice'),
  version: z.literal(DISTRIBUTION_CHOICE_VERSION),
  family: z.enum(DISTRIBUTION_FAMILIES),
  countModels: z.array(z.unknown()),
  selection: z.object({
    method: z.enum(['real-priced-props', 'outcome-likelihood', 'configured']),
    winner: z.enum(DISTRIBUTION_FAMILIES),
    scores: z.array(ScoreSchema),
    reason: z.string(),
  }),
});

/** Serialised {@link DistributionChoice} (metadata.json's `distribution`). */
export interface DistributionChoiceJSON {
  kind: 'distribution-choice';
  version: typeof DISTRIBUTION_CHOICE_VERSION;
  family: DistributionFamily;
  countModels: CountModelJSON[];
  selection: DistributionSelection;
}

/** Options of {@link DistributionChoice.fit}. */
export interface DistributionChoiceOptions {
  count?: CountModelOptions;
  /** Fewest real-priced props (ended over or under) to select by P(over) scores (default 500). */
  minRealProps?: number;
  /** Use this family whatever the scores say (method `configured`). */
  family?: DistributionFamily;
}

/**
 * The distribution a model prices with, chosen among today's residual + isotonic model and the count families fitted
 * on the same held-out predictions. Scores every candidate, keeps the winner and records the scores with it.
 */
export class DistributionChoice {
  private constructor(
    readonly family: DistributionFamily,
    private readonly countModels: ReadonlyMap<CountFamily, CountModel>,
    private readonly residual: ProbabilityModel,
    readonly selection: DistributionSelection,
  ) {}

  /**
   * Fits every count family on `fitRows` (held-out predictions and outcomes), scores all candidates on `realProps`
   * (props with a real book's line, scored by log loss of P(over)) when there are at least minRealProps of them,
   * otherwise by the likelihood of the realised counts of `fitRows`; keeps the lowest. A family that cannot be fitted
   * is left out. `residual` is today's model fitted on the same predictions.
   */
  static fit(fitRows: readonly CountFitRow[], realProps: readonly ScoringRow[], residual: ProbabilityModel, options: DistributionChoiceOptions = {}): DistributionChoice {
    const models = new Map<CountFamily, CountModel>();
    for (const family of COUNT_FAMILIES) models.set(family, CountModel.fit(family, fitRows, options.count));
    const candidates = candidatesOf(models, residual);
    const minReal = options.minRealProps ?? 500;
    const decided = realProps.filter((r) => r.actual !== r.line);
    let selection: DistributionSelection;
    if (options.family) {
      if (!(DISTRIBUTION_FAMILIES as readonly string[]).includes(options.family)) throw new InvalidInputError(`unknown distribution family ${options.family}`);
      const scores = decided.length > 0 ? scoreByLines(candidates, decided) : scoreByLikelihood(candidates, fitRows);
      selection = { method: 'configured', winner: options.family, scores, reason: `family ${options.family} configured` };
    } else if (decided.length >= minReal) {
      const scores = scoreByLines(candidates, decided);
      const winner = best(scores, (s) => s.logLoss as number);
      selection = { method: 'real-priced-props', winner, scores, reason: `lowest log loss of P(over) on ${decided.length} real-priced props` };
    } else {
      const scores = scoreByLikelihood(candidates, fitRows);
      const winner = best(scores, (s) => s.outcomeNll as number);
      selection = {
        method: 'outcome-likelihood',
        winner,
        scores,
        reason: `${decided.length} real-priced props (< ${minReal}): lowest negative log-likelihood of ${fitRows.length} held-out outcomes`,
      };
    }
    return new DistributionChoice(selection.winner, models, residual, selection);
  }

  /** Restores a choice from {@link DistributionChoice.toJSON}, with the model's residual probability model. */
  static fromJSON(json: unknown, residual: ProbabilityModel): DistributionChoice {
    const parsed = DistributionChoiceSchema.safeParse(json);
    if (!parsed.success) throw new ModelStateError(`invalid distribution choice state: ${z.prettifyError(parsed.error)}`);
    const models = new Map<CountFamily, CountModel>();
    for (const m of parsed.data.countModels) {
      const model = CountModel.fromJSON(m);
      models.set(model.family, model);
    }
    if (parsed.data.family !== 'residual' && !models.has(parsed.data.family)) throw new ModelStateError(`invalid distribution choice state: no count model for ${parsed.data.family}`);
    return new DistributionChoice(parsed.data.family, models, residual, parsed.data.selection);
  }

  /** A choice that prices with today's residual model only (models trained before distributions were stored). */
  static residualOnly(residual: ProbabilityModel): DistributionChoice {
    return new DistributionChoice('residual', new Map(), residual, { method: 'configured', winner: 'residual', scores: [], reason: 'model stored without count distributions' });
  }

  /** Over/under/push of `line` given the predicted mean, under the chosen family (or another fitted one). */
  overUnder(predicted: number, line: number, family: DistributionFamily = this.family): OverUnder {
    if (family === 'residual') return this.residual.overUnder(predicted, line);
    const model = this.countModels.get(family);
    if (!model) throw new InvalidInputError(`no ${family} distribution fitted`);
    return model.overUnder(predicted, line);
  }

  /** The chosen distribution at a predicted mean, as stored on a predictions row. */
  stored(predicted: number): StoredDistribution {
    if (this.family === 'residual') return { family: 'residual', mean: predicted };
    return (this.countModels.get(this.family) as CountModel).distribution(predicted);
  }

  /** Families fitted (residual included). */
  families(): DistributionFamily[] {
    return ['residual', ...this.countModels.keys()];
  }

  toJSON(): DistributionChoiceJSON {
    return {
      kind: 'distribution-choice',
      version: DISTRIBUTION_CHOICE_VERSION,
      family: this.family,
      countModels: [...this.countModels.values()].map((m) => m.toJSON()),
      selection: structuredClone(this.selection),
    };
  }
}

type Candidate = { family: DistributionFamily; overUnder: (m: number, line: number) => OverUnder; logPmf: (m: number, k: number) => number };

function candidatesOf(models: ReadonlyMap<CountFamily, CountModel>, residual: ProbabilityModel): Candidate[] {
  const out: Candidate[] = [
    {
      family: 'residual',
      overUnder: (m, line) => residual.overUnder(m, line),
      logPmf: (m, k) => Math.log(Math.max(1e-12, residual.residualModel.survival(m, k) - residual.residualModel.survival(m, k + 1))),
    },
  ];
  for (const [family, model] of models) out.push({ family, overUnder: (m, line) => model.overUnder(m, line), logPmf: (m, k) => countLogPmf(model.distribution(m), k) });
  return out;
}

/** P(over | no push) scores of every candidate on decided props. */
export function scoreByLines(candidates: readonly Candidate[], rows: readonly ScoringRow[]): FamilyScore[] {
  const outcomes = rows.map((r) => (r.actual > r.line ? 1 : 0));
  return candidates.map((c) => {
    const p = rows.map((r) => conditionalOver(c.overUnder(r.predicted, r.line)));
    return { family: c.family, rows: rows.length, brier: brierScore(p, outcomes), logLoss: logLoss(p, outcomes), outcomeNll: null };
  });
}

function scoreByLikelihood(candidates: readonly Candidate[], rows: readonly CountFitRow[]): FamilyScore[] {
  return candidates.map((c) => {
    let nll = 0;
    for (const r of rows) nll -= c.logPmf(r.predicted, r.actual);
    return { family: c.family, rows: rows.length, brier: null, logLoss: null, outcomeNll: nll / rows.length };
  });
}

function best(scores: readonly FamilyScore[], key: (s: FamilyScore) => number): DistributionFamily {
  return scores.reduce((a, b) => (key(b) < key(a) ? b : a)).family;
}

/**
 * Over/under/push of any line from a stored distribution: count families need nothing else; the residual family needs
 * the model's residual probability model (the worker has it loaded).
 */
export function storedOverUnder(stored: StoredDistribution, line: number, residual?: ProbabilityModel): OverUnder {
  if (stored.family !== 'residual') return countOverUnder(stored, line);
  if (!residual) throw new InvalidInputError('a residual distribution needs its model to price a line');
  return residual.overUnder(stored.mean, line);
}
