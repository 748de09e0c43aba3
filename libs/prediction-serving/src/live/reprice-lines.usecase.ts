import { createEvent, ServiceNames, type ChangedProp, type EventEnvelope, type PredictionRequest, type StatType } from '@propcast/contracts';
import { withPgTransaction } from '@propcast/db';
import type { TransactionalEvents } from '@propcast/messaging';
import { PredictionError, type BookQuote } from '@propcast/prediction';
import type { Pool } from 'pg';
import { quoteKey, type BookQuoteSource } from '../pricing/book-quote.repository';
import type { Queryable } from '../sql';
import type { MarketCombinerRepository, MarketCombinerSource, StoredCombiner } from '../pricing/market-combiner.repository';
import { NO_LINE_FLAG, pricePrediction, type CombinerForDate, type PricedPrediction, type PricingOptions } from '../pricing/price-prediction';
import { LivePricingRepository, type CurrentLine, type NewBookPrediction, type PriceRow, type PricedPredictionRow } from './live-pricing.repository';
import type { ModelProbabilitySource } from './model-probabilities';

/** Re-price a date's predictions against the lines an ingest batch stored. */
export interface RepriceLinesCommand {
  gameDate: string;
  /** The PROPS ingest batch (ingestion.completed's batchId). */
  causeBatchId: string;
}

/** What one re-pricing wrote. */
export interface RepriceLinesResult {
  /** Price rows appended. */
  prices: number;
  /** Prediction rows added for books that had none. */
  predictions: number;
  /** Props whose price changed. */
  changed: ChangedProp[];
  /** The predictions.updated event written with the rows (null when nothing changed). */
  event: EventEnvelope<'predictions.updated'> | null;
}

/** Flags that come from the features (kept from the prediction); the line's own flags are derived again. */
const FEATURE_FLAGS = new Set(['few_games', 'minutes_volatile']);

/** The repositories RepriceLinesUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface RepriceLinesRepositories {
  livePricing: Pick<LivePricingRepository, 'currentLinesOfBatch' | 'insertNewBookPredictions' | 'insertPrices' | 'lockDate' | 'predictionsOf'>;
  bookQuotes: BookQuoteSource;
  marketCombiners: Pick<MarketCombinerRepository, 'forModel'>;
}

/**
 * Live re-pricing: when prop lines are stored for a date that has predictions, each affected prediction of the newest
 * batch attempt is priced again from its stored mean with its own model's probability model (no inference; the model
 * version never changes) against the latest main line captured before the game's tip-off. Each new price is a row
 * appended to prediction_prices; a book that had no row gets one (the same model's mean). A prop whose current price
 * already has those numbers is left alone, so redelivered and out-of-order snapshots change nothing twice. Runs under
 * a per-date lock and always reads the latest snapshot, so concurrent imports of one prop end in the newest one. The
 * rows and predictions.updated (the changed props) commit together through the outbox.
 */
export class RepriceLinesUseCase {
  private readonly combiners: MarketCombinerSource;

  constructor(
    private readonly pool: Pool,
    private readonly repositories: RepriceLinesRepositories,
    private readonly probabilities: ModelProbabilitySource,
    private readonly events: TransactionalEvents,
    private readonly pricing: PricingOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.combiners = new CachedCombiners({ forModel: (modelId, stat, gameDate) => repositories.marketCombiners.forModel(pool, modelId, stat, gameDate) });
  }

  async execute(command: RepriceLinesCommand): Promise<RepriceLinesResult> {
    const result = await withPgTransaction(this.pool, async (client) => {
      await this.repositories.livePricing.lockDate(client, command.gameDate);
      const lines = await this.repositories.livePricing.currentLinesOfBatch(client, command.gameDate, command.causeBatchId);
      if (lines.length === 0) return empty();
      const predictions = await this.repositories.livePricing.predictionsOf(client, command.gameDate, lines);
      if (predictions.length === 0) return empty();
      const plan = await this.plan(command, lines, predictions, await this.quotesOf(client, command.gameDate, lines));
      const newIds = await this.repositories.livePricing.insertNewBookPredictions(client, plan.newBooks);
      const prices = [...plan.prices];
      for (const row of plan.newBooks) {
        const id = newIds.get(`${row.modelId}|${row.playerId}|${row.gameId}|${row.stat}|${row.book}`);
        if (id)
          prices.push({ ...row.price, predictionId: id, gameDate: command.gameDate, lineCapturedAt: plan.capturedAt.get(propKey(row)) as string, reason: 'line', causeBatchId: command.causeBatchId });
      }
      if (prices.length === 0) return empty();
      await this.repositories.livePricing.insertPrices(client, prices);
      const { changed } = plan;
      const event = createEvent(
        'predictions.updated',
        { gameDate: command.gameDate, reason: 'line', causeBatchId: command.causeBatchId, changed, counts: { prices: prices.length, predictions: newIds.size } },
        ServiceNames.predictionWorker,
      );
      await this.events.enqueue(client, [event]);
      return { prices: prices.length, predictions: newIds.size, changed, event };
    });
    if (result.event) await this.events.flush();
    return result;
  }

  /** Prices every prediction whose current price differs from its prop's latest line, and the books without a row. */
  private async plan(command: RepriceLinesCommand, lines: readonly CurrentLine[], predictions: readonly PricedPredictionRow[], quotes: OtherQuotes) {
    const byProp = new Map<string, PricedPredictionRow[]>();
    for (const p of predictions) {
      const key = `${p.playerId}|${p.gameId}|${p.stat}`;
      const list = byProp.get(key);
      if (list) list.push(p);
      else byProp.set(key, [p]);
    }
    const prices: PriceRow[] = [];
    const newBooks: NewBookPrediction[] = [];
    const changed: ChangedProp[] = [];
    const capturedAt = new Map<string, string>();
    const combiners = new Map<string, Promise<CombinerForDate | null>>();
    for (const line of lines) {
      const own = byProp.get(`${line.playerId}|${line.gameId}|${line.stat}`);
      if (!own) continue;
      const key = propKey(line);
      capturedAt.set(key, line.capturedAt);
      const atBook = own.filter((p) => p.book === line.book);
      const request: PredictionRequest = {
        playerId: line.playerId,
        gameId: line.gameId,
        line: line.line,
        overPrice: line.overPrice,
        underPrice: line.underPrice,
        book: line.book,
        capturedAt: line.capturedAt,
      };
      let any = false;
      if (atBook.length > 0) {
        for (const p of atBook) {
          if (p.line === line.line && p.overPrice === line.overPrice && p.underPrice === line.underPrice) continue;
          const priced = await this.price(p, request, command.gameDate, combiners, quotes);
          if (!priced) continue;
          prices.push({ ...priceColumns(request, priced), predictionId: p.id, gameDate: command.gameDate, lineCapturedAt: line.capturedAt, reason: 'line', causeBatchId: command.causeBatchId });
          any = true;
        }
      } else {
        // The book is new for this prop: one row per model that predicted it, from that model's mean.
        const models = new Map<string, PricedPredictionRow>();
        for (const p of own) if (!models.has(p.modelId)) models.set(p.modelId, p);
        for (const p of models.values()) {
          const priced = await this.price(p, request, command.gameDate, combiners, quotes);
          if (!priced) continue;
          newBooks.push({
            batchId: p.batchId,
            playerId: p.playerId,
            gameId: p.gameId,
            gameDate: command.gameDate,
            stat: p.stat,
            modelId: p.modelId,
            modelVersion: p.modelVersion,
            role: p.role,
            book: line.book,
            predictedMean: p.predictedMean,
            price: priceColumns(request, priced),
          });
          any = true;
        }
      }
      if (any) {
        changed.push({ playerId: line.playerId, gameId: line.gameId, stat: line.stat, book: line.book });
      }
    }
    return { prices, newBooks, changed, capturedAt };
  }

  /** The prediction's mean priced by its own model against the request; null when the line cannot be priced. */
  /** Every book's main quotes of the re-priced props captured before now (the other books' consensus, by stat). */
  private async quotesOf(db: Queryable, gameDate: string, lines: readonly CurrentLine[]): Promise<OtherQuotes> {
    const pricedAt = this.now();
    const byStat = new Map<StatType, Map<string, BookQuote[]>>();
    for (const stat of new Set(lines.map((l) => l.stat))) {
      const players = [...new Set(lines.filter((l) => l.stat === stat).map((l) => l.playerId))];
      byStat.set(stat, await this.repositories.bookQuotes.forProps(db, gameDate, stat, players, pricedAt));
    }
    return { pricedAt, byStat };
  }

  private async price(
    p: PricedPredictionRow,
    request: PredictionRequest,
    gameDate: string,
    combiners: Map<string, Promise<CombinerForDate | null>>,
    quotes: OtherQuotes,
  ): Promise<PricedPrediction | null> {
    const probability = await this.probabilities.forModel(p.modelId);
    let combiner = combiners.get(p.modelId);
    if (!combiner) {
      combiner = this.combiners.forModel(p.modelId, p.stat, gameDate).then((c) => (c ? { ...c, gameDate } : null));
      combiners.set(p.modelId, combiner);
    }
    const capturedMs = Date.parse(request.capturedAt as string);
    const quality = { gamesThisSeason: null, minutesStd: null, lineAgeMinutes: Math.max(0, (this.now().getTime() - capturedMs) / 60_000) };
    try {
      const otherBooks = { quotes: quotes.byStat.get(p.stat)?.get(quoteKey(p.playerId, p.gameId)) ?? [], pricedAt: quotes.pricedAt };
      const priced = pricePrediction(p.predictedMean, request, probability, p.role, quality, this.pricing, await combiner, otherBooks);
      const kept = p.flags.filter((f) => FEATURE_FLAGS.has(f));
      return { ...priced, flags: [...kept, ...priced.flags.filter((f) => f !== NO_LINE_FLAG && !kept.includes(f))] };
    } catch (error) {
      if (error instanceof PredictionError) return null;
      throw error;
    }
  }
}

/** Quotes of every book by stat and prop, read once per re-pricing at `pricedAt`. */
interface OtherQuotes {
  pricedAt: Date;
  byStat: Map<StatType, Map<string, BookQuote[]>>;
}

/**
 * A model's market combination for a date, kept for a minute: re-pricing asks for the same few on every snapshot, and
 * a refit (nightly) is picked up within the minute, as a worker picks up a promotion.
 */
class CachedCombiners implements MarketCombinerSource {
  private readonly kept = new Map<string, { at: number; value: Promise<StoredCombiner | null> }>();

  constructor(
    private readonly inner: MarketCombinerSource,
    private readonly ttlMs = 60_000,
  ) {}

  forModel(modelId: string, stat: StatType, gameDate: string): Promise<StoredCombiner | null> {
    const key = `${modelId}|${stat}|${gameDate}`;
    const hit = this.kept.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.inner.forModel(modelId, stat, gameDate);
    value.catch(() => this.kept.delete(key));
    if (this.kept.size > 256) this.kept.clear();
    this.kept.set(key, { at: Date.now(), value });
    return value;
  }
}

function propKey(p: { playerId: number; gameId: string; stat: string; book: string }): string {
  return `${p.playerId}|${p.gameId}|${p.stat}|${p.book}`;
}

function priceColumns(request: PredictionRequest, priced: PricedPrediction): NewBookPrediction['price'] {
  return {
    line: request.line as number,
    overPrice: request.overPrice,
    underPrice: request.underPrice,
    overProbability: priced.overProbability,
    modelOverProbability: priced.modelOverProbability,
    marketOverProbability: priced.marketOverProbability,
    consensusOverProbability: priced.consensusOverProbability,
    combinerId: priced.combinerId,
    edge: priced.edge,
    expectedValue: priced.expectedValue,
    kellyFraction: priced.kellyFraction,
    confidence: priced.confidence,
    recommendation: priced.recommendation,
    flags: priced.flags,
  };
}

function empty(): RepriceLinesResult {
  return { prices: 0, predictions: 0, changed: [], event: null };
}
