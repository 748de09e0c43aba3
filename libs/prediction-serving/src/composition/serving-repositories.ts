import { BatchRepository } from '../batches/batch.repository';
import { BookQuoteRepository } from '../pricing/book-quote.repository';
import { MarketCombinerRepository } from '../pricing/market-combiner.repository';
import { LivePricingRepository } from '../live/live-pricing.repository';
import { NewsRepository } from '../live/news.repository';
import { PredictionRepository } from '../predictions/prediction.repository';
import { SlateRepository } from '../slate/slate.repository';
import { TipoffCoverageRepository } from '../slate/tipoff-coverage.repository';
import { TriggerRepository } from '../triggers/trigger.repository';

/**
 * The repositories of prediction serving. They are stateless (every method takes the pool or the transaction's
 * client), so one set serves a whole process. Use cases receive the narrow part they need through their
 * constructor; tests pass in-memory ones.
 */
export interface ServingRepositories {
  batches: BatchRepository;
  slate: SlateRepository;
  triggers: TriggerRepository;
  predictions: PredictionRepository;
  news: NewsRepository;
  livePricing: LivePricingRepository;
  tipoffs: TipoffCoverageRepository;
  bookQuotes: BookQuoteRepository;
  marketCombiners: MarketCombinerRepository;
}

/** The Postgres repositories (the composition root of the coordinator, the worker, the CLI and the tests). */
export function createServingRepositories(): ServingRepositories {
  return {
    batches: new BatchRepository(),
    slate: new SlateRepository(),
    triggers: new TriggerRepository(),
    predictions: new PredictionRepository(),
    news: new NewsRepository(),
    livePricing: new LivePricingRepository(),
    tipoffs: new TipoffCoverageRepository(),
    bookQuotes: new BookQuoteRepository(),
    marketCombiners: new MarketCombinerRepository(),
  };
}
