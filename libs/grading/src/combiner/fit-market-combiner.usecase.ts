import type { StatType } from '@propcast/contracts';
import type { RegisteredModelsRepository } from '@propcast/model-registry';
import { GameDate } from '@propcast/common';
import { fitMarketCombinerWalkForward, InsufficientDataError, MarketCombiner, type CombinerCoefficients, type MarketCombinerJSON } from '@propcast/prediction';
import { InsufficientHistoryError, InvalidGradingRequestError, ModelNotFoundError } from '../errors';
import type { MarketCombinerStore } from './market-combiner.repository';
import type { GradingRepositories } from '../composition/grading-repositories';

/** What to fit: the model, the first day the combination prices (default: today, UTC) and the fit's settings. */
export interface FitMarketCombinerRequest {
  modelId: string;
  asOf?: string;
  minRows?: number;
  /** Ridge penalty towards the market alone; absent: chosen walk-forward on the earlier graded props (recorded in the fit). */
  penalty?: number;
}

/** A stored combination: its id and fit. */
export interface FitMarketCombinerResult {
  id: string;
  modelId: string;
  fit: MarketCombinerJSON['fit'];
  coefficients: CombinerCoefficients;
}

/**
 * Fits the market combination of a model on its own graded real-priced predictions dated before `asOf` (never a prop
 * graded on or after the day it prices, never a PROXY line) and stores it with the model; the worker prices the
 * model's predictions of `asOf` and later with it.
 */
export class FitMarketCombinerUseCase {
  private readonly store: MarketCombinerStore;
  private readonly models: RegisteredModelsRepository;

  constructor(
    repositories: Pick<GradingRepositories, 'marketCombiners' | 'models'>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.store = repositories.marketCombiners;
    this.models = repositories.models;
  }

  /**
   * Fits every serving model's combination as of `asOf` (the nightly job). A model without enough graded real-priced
   * predictions yet is skipped with the reason: its predictions keep the model's own probability.
   */
  async executeForProduction(req: Omit<FitMarketCombinerRequest, 'modelId'>): Promise<{ fitted: FitMarketCombinerResult[]; skipped: { modelId: string; reason: string }[] }> {
    const fitted: FitMarketCombinerResult[] = [];
    const skipped: { modelId: string; reason: string }[] = [];
    for (const modelId of await this.models.productionIds()) {
      try {
        fitted.push(await this.execute({ ...req, modelId }));
      } catch (err) {
        if (!(err instanceof InsufficientHistoryError)) throw err;
        skipped.push({ modelId, reason: err.message });
      }
    }
    return { fitted, skipped };
  }

  async execute(req: FitMarketCombinerRequest): Promise<FitMarketCombinerResult> {
    const asOf = req.asOf ?? this.clock().toISOString().slice(0, 10);
    if (!GameDate.isValid(asOf)) throw new InvalidGradingRequestError(`asOf must be YYYY-MM-DD, got ${asOf}`);
    const stat = (await this.models.statOf(req.modelId)) as StatType | null;
    if (stat === null) throw new ModelNotFoundError(`no model ${req.modelId}`);
    const rows = await this.store.gradedRealPriced(req.modelId, asOf);
    let combiner: MarketCombiner;
    try {
      combiner = req.penalty === undefined ? fitMarketCombinerWalkForward(rows, { asOf, minRows: req.minRows }) : MarketCombiner.fit(rows, { asOf, minRows: req.minRows, penalty: req.penalty });
    } catch (err) {
      if (err instanceof InsufficientDataError) throw new InsufficientHistoryError(`model ${req.modelId}: ${err.message}`);
      throw err;
    }
    const id = await this.store.save(req.modelId, stat, combiner, 'grades');
    return { id, modelId: req.modelId, fit: combiner.fit, coefficients: combiner.coefficients };
  }
}
