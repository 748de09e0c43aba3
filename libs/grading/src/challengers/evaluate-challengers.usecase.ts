import { GameDate } from '@propcast/common';
import type { StatType } from '@propcast/contracts';
import { num } from '@propcast/reporting';
import { InvalidGradingRequestError } from '../errors';
import { parseStat } from '../shared/stats';
import type { ChallengerEvidenceRepository, EvidenceRow, StoredProposal } from './challenger-evidence.repository';
import { comparePair, scoreModel, type ModelPriceScores, type PairComparison } from './challenger-scores';

/** When a challenger is proposed, and whether it is promoted automatically. */
export interface PromotionSettings {
  /** Fewest compared real-priced props (player-games). */
  minProps: number;
  /** Significance level of the one-sided test. */
  alpha: number;
  /** Promote a proposed challenger through the registry (default off). */
  autoPromote: boolean;
}

/** The registry's promotion path (PromoteModelUseCase of @propcast/training), so rollback keeps working. */
export interface ModelPromoter {
  promote(modelId: string, reason: string): Promise<void>;
}

/** Told of every proposal and automatic promotion (metrics, notifications). */
export interface PromotionObserver {
  proposed(stat: StatType, challengerModelId: string, promoted: boolean): void;
}

/** Why a pair was (not) proposed. */
export type PromotionVerdict = 'insufficient_props' | 'not_better' | 'not_significant' | 'proposed' | 'promoted';

/** One challenger (or shadow) against its stat's production primary. */
export interface ChallengerPairReport {
  stat: StatType;
  challengerModelId: string;
  challengerRole: 'CHALLENGER' | 'SHADOW';
  productionModelId: string;
  challenger: ModelPriceScores;
  production: ModelPriceScores;
  comparison: PairComparison;
  verdict: PromotionVerdict;
  /** The recorded proposal of the pair, if any. */
  proposal: StoredProposal | null;
}

export interface ChallengersReport {
  from: string;
  to: string;
  settings: PromotionSettings;
  pairs: ChallengerPairReport[];
}

export interface ChallengersRequest {
  from: string;
  to: string;
  stat?: string;
}

/** The verdict of a comparison under the settings (pure). */
export function promotionVerdict(c: PairComparison, settings: Pick<PromotionSettings, 'minProps' | 'alpha'>): Exclude<PromotionVerdict, 'promoted'> {
  if (c.method === 'none' || c.props < settings.minProps) return 'insufficient_props';
  if (!(c.meanGain !== null && c.meanGain > 0)) return 'not_better';
  if (!(c.pValue < settings.alpha)) return 'not_significant';
  return 'proposed';
}

/**
 * Judges every serving challenger and shadow on the same graded real-priced props as production: Brier and log loss
 * against the market and production, and the bets it would have made at the prices (its own call, stored apart from
 * production's picks). `report` only reads; `evaluate` also records a proposal for each pair that beats production on
 * at least minProps props with p < alpha (logged, observed), and promotes it through the registry when autoPromote.
 */
export class EvaluateChallengersUseCase {
  constructor(
    private readonly repo: ChallengerEvidenceRepository,
    private readonly settings: PromotionSettings,
    private readonly promoter: ModelPromoter | null = null,
    private readonly observer: PromotionObserver | null = null,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The per-pair report; writes nothing. */
  async report(req: ChallengersRequest): Promise<ChallengersReport> {
    const { from, to, stat } = this.validate(req);
    const rows = await this.repo.realPricedRows(from, to, stat);
    const models = await this.repo.servingModels();
    const byModel = new Map<string, EvidenceRow[]>();
    for (const r of rows) byModel.set(r.modelId, [...(byModel.get(r.modelId) ?? []), r]);
    const pairs: ChallengerPairReport[] = [];
    for (const primary of models.filter((m) => m.role === 'PRIMARY' && (!stat || m.stat === stat))) {
      const production = byModel.get(primary.id) ?? [];
      for (const c of models.filter((m) => m.stat === primary.stat && m.role !== 'PRIMARY')) {
        const challenger = byModel.get(c.id) ?? [];
        const comparison = comparePair(challenger, production);
        pairs.push({
          stat: primary.stat,
          challengerModelId: c.id,
          challengerRole: c.role as 'CHALLENGER' | 'SHADOW',
          productionModelId: primary.id,
          challenger: scoreModel(challenger),
          production: scoreModel(production),
          comparison,
          verdict: promotionVerdict(comparison, this.settings),
          proposal: await this.repo.proposal(c.id, primary.id),
        });
      }
    }
    return { from, to, settings: { ...this.settings }, pairs };
  }

  /** The report, with proposals recorded (and, where allowed, promotions made) for the pairs that earned them. */
  async evaluate(req: ChallengersRequest): Promise<ChallengersReport> {
    const report = await this.report(req);
    for (const pair of report.pairs) {
      if (pair.verdict !== 'proposed') continue;
      const c = pair.comparison;
      const proposal = await this.repo.propose({
        stat: pair.stat,
        challengerModelId: pair.challengerModelId,
        productionModelId: pair.productionModelId,
        periodFrom: report.from,
        periodTo: report.to,
        props: c.props,
        brierChallenger: c.brierChallenger as number,
        brierProduction: c.brierProduction as number,
        brierMarket: c.brierMarket ?? (pair.challenger.marketBrier as number),
        pValue: c.pValue,
        alpha: this.settings.alpha,
        minProps: this.settings.minProps,
        report: pair,
      });
      pair.proposal = proposal;
      const summary =
        `${pair.challengerRole.toLowerCase()} ${pair.challengerModelId} beats production ${pair.productionModelId} (${pair.stat}) on ${c.props} graded real-priced props: ` +
        `Brier ${fmt(c.brierChallenger)} vs ${fmt(c.brierProduction)}, one-sided ${c.method} test p = ${c.pValue.toExponential(2)} < ${this.settings.alpha}`;
      if (this.settings.autoPromote && this.promoter && proposal.status === 'PROPOSED') {
        await this.promoter.promote(pair.challengerModelId, `promotion by evidence: ${summary}`);
        await this.repo.markPromoted(proposal.id);
        pair.proposal = { ...proposal, status: 'PROMOTED', promotedAt: new Date().toISOString() };
        pair.verdict = 'promoted';
        this.log(`promoted ${summary}`);
      } else {
        this.log(`proposed for promotion: ${summary}${this.settings.autoPromote ? '' : ' (PROMOTION_AUTO=false: promote by hand)'}`);
      }
      this.observer?.proposed(pair.stat, pair.challengerModelId, pair.verdict === 'promoted');
    }
    return report;
  }

  private validate(req: ChallengersRequest): { from: string; to: string; stat?: StatType } {
    if (!GameDate.isValid(req.from)) throw new InvalidGradingRequestError(`from must be YYYY-MM-DD, got ${JSON.stringify(req.from)}`);
    if (!GameDate.isValid(req.to)) throw new InvalidGradingRequestError(`to must be YYYY-MM-DD, got ${JSON.stringify(req.to)}`);
    if (req.from > req.to) throw new InvalidGradingRequestError(`from (${req.from}) is after to (${req.to})`);
    return { from: req.from, to: req.to, stat: req.stat === undefined || req.stat === '' ? undefined : parseStat(req.stat) };
  }
}

function fmt(x: number | null): string {
  return num(x, 4);
}
