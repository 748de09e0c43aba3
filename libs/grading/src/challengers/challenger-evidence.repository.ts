import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import type { Recommendation } from '@propcast/prediction';
import { PROXY_BOOK } from '../grading/summarise-grades';

/** One graded prediction at a real book's line with both prices that ended over or under. */
export interface EvidenceRow {
  batchId: string;
  playerId: number;
  gameId: string;
  stat: StatType;
  book: string;
  gameDate: string;
  modelId: string;
  role: 'PRIMARY' | 'CHALLENGER' | 'SHADOW';
  /** The probability the model's call used (combined with the market where a combiner priced it). */
  overProbability: number;
  /** The model's own P(over) (before any market combination). */
  modelOverProbability: number;
  marketOverProbability: number;
  overPrice: number;
  underPrice: number;
  /** The model's own call at the price (a shadow's is never acted on); PASS for rows stored before the column existed. */
  wouldBe: Recommendation;
  over: 0 | 1;
}

/** A model serving now. */
export interface ServingModel {
  id: string;
  stat: StatType;
  role: 'PRIMARY' | 'CHALLENGER' | 'SHADOW';
}

/** A stored promotion proposal. */
export interface StoredProposal {
  id: string;
  stat: StatType;
  challengerModelId: string;
  productionModelId: string;
  status: 'PROPOSED' | 'PROMOTED';
  props: number;
  pValue: number;
  createdAt: string;
  promotedAt: string | null;
}

/** What a proposal records. */
export interface ProposalValues {
  stat: StatType;
  challengerModelId: string;
  productionModelId: string;
  periodFrom: string;
  periodTo: string;
  props: number;
  brierChallenger: number;
  brierProduction: number;
  brierMarket: number;
  pValue: number;
  alpha: number;
  minProps: number;
  report: unknown;
}

/** Reads graded real-priced predictions of every serving role, and stores promotion proposals. */
export class ChallengerEvidenceRepository {
  constructor(private readonly pool: Pool) {}

  /** Graded real-priced predictions (real book, both prices, over or under) of game dates from..to, optionally of one stat. */
  async realPricedRows(from: string, to: string, stat?: StatType): Promise<EvidenceRow[]> {
    const r = await this.pool.query<{
      batch_id: string;
      player_id: number;
      game_id: string;
      stat: StatType;
      book: string;
      game_date: string;
      model_id: string;
      role: EvidenceRow['role'];
      over_probability: number;
      model_over_probability: number;
      market_over_probability: number;
      over_price: number;
      under_price: number;
      would_be: Recommendation;
      outcome: 'OVER' | 'UNDER';
    }>(
      `SELECT p.batch_id, p.player_id, p.game_id, p.stat::text AS stat, p.book, p.game_date::text AS game_date, p.model_id,
              p.role::text AS role, p.over_probability, COALESCE(p.model_over_probability, p.over_probability) AS model_over_probability,
              p.market_over_probability, p.over_price, p.under_price,
              COALESCE(p.would_be_recommendation, CASE WHEN p.role = 'SHADOW' THEN 'PASS'::"Recommendation" ELSE p.recommendation END)::text AS would_be,
              g.outcome::text AS outcome
         FROM predictions p JOIN grades g ON g.prediction_id = p.id
        WHERE p.game_date BETWEEN $1::date AND $2::date AND ($3::"StatType" IS NULL OR p.stat = $3::"StatType")
          AND p.book <> '' AND upper(p.book) <> $4 AND p.line IS NOT NULL AND p.over_price IS NOT NULL AND p.under_price IS NOT NULL
          AND p.over_probability IS NOT NULL AND p.market_over_probability IS NOT NULL AND g.outcome IN ('OVER', 'UNDER')
        ORDER BY p.game_date, p.id`,
      [from, to, stat ?? null, PROXY_BOOK],
    );
    return r.rows.map((x) => ({
      batchId: x.batch_id,
      playerId: x.player_id,
      gameId: x.game_id,
      stat: x.stat,
      book: x.book,
      gameDate: x.game_date,
      modelId: x.model_id,
      role: x.role,
      overProbability: x.over_probability,
      modelOverProbability: x.model_over_probability,
      marketOverProbability: x.market_over_probability,
      overPrice: x.over_price,
      underPrice: x.under_price,
      wouldBe: x.would_be,
      over: x.outcome === 'OVER' ? 1 : 0,
    }));
  }

  /** Models serving now (status PRODUCTION). */
  async servingModels(): Promise<ServingModel[]> {
    const r = await this.pool.query<ServingModel>(`SELECT id, stat::text AS stat, role::text AS role FROM models WHERE status = 'PRODUCTION' ORDER BY stat, version`);
    return r.rows;
  }

  /** The proposal of a pair, if one was recorded. */
  async proposal(challengerModelId: string, productionModelId: string): Promise<StoredProposal | null> {
    const r = await this.pool.query<ProposalRow>(
      `SELECT ${PROPOSAL_COLUMNS}
         FROM promotion_proposals WHERE challenger_model_id = $1 AND production_model_id = $2`,
      [challengerModelId, productionModelId],
    );
    const x = r.rows[0];
    return x ? toStored(x) : null;
  }

  /** Records (or refreshes, while still PROPOSED) the proposal of a pair; returns it. */
  async propose(v: ProposalValues): Promise<StoredProposal> {
    const r = await this.pool.query<ProposalRow>(
      `INSERT INTO promotion_proposals (stat, challenger_model_id, production_model_id, period_from, period_to, props, brier_challenger,
                                        brier_production, brier_market, p_value, alpha, min_props, status, report)
       VALUES ($1::"StatType", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'PROPOSED', $13)
       ON CONFLICT (challenger_model_id, production_model_id) DO UPDATE SET period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to,
         props = EXCLUDED.props, brier_challenger = EXCLUDED.brier_challenger, brier_production = EXCLUDED.brier_production,
         brier_market = EXCLUDED.brier_market, p_value = EXCLUDED.p_value, alpha = EXCLUDED.alpha, min_props = EXCLUDED.min_props,
         report = EXCLUDED.report
         WHERE promotion_proposals.status = 'PROPOSED'
       RETURNING ${PROPOSAL_COLUMNS}`,
      [
        v.stat,
        v.challengerModelId,
        v.productionModelId,
        v.periodFrom,
        v.periodTo,
        v.props,
        v.brierChallenger,
        v.brierProduction,
        v.brierMarket,
        v.pValue,
        v.alpha,
        v.minProps,
        JSON.stringify(v.report),
      ],
    );
    return r.rows[0] ? toStored(r.rows[0]) : ((await this.proposal(v.challengerModelId, v.productionModelId)) as StoredProposal);
  }

  /** Marks a proposal promoted. */
  async markPromoted(id: string): Promise<void> {
    await this.pool.query(`UPDATE promotion_proposals SET status = 'PROMOTED', promoted_at = CURRENT_TIMESTAMP WHERE id = $1`, [id]);
  }

  /** Every recorded proposal, newest first. */
  async proposals(): Promise<StoredProposal[]> {
    const r = await this.pool.query<ProposalRow>(
      `SELECT ${PROPOSAL_COLUMNS}
         FROM promotion_proposals ORDER BY created_at DESC, id DESC`,
    );
    return r.rows.map(toStored);
  }
}

/** A promotion_proposals row as PROPOSAL_COLUMNS selects it. */
interface ProposalRow {
  id: string;
  stat: StatType;
  challenger_model_id: string;
  production_model_id: string;
  status: StoredProposal['status'];
  props: number;
  p_value: number;
  created_at: Date;
  promoted_at: Date | null;
}

const PROPOSAL_COLUMNS = 'id::text, stat::text AS stat, challenger_model_id, production_model_id, status, props, p_value, created_at, promoted_at';

/** The one mapping of a proposal row to what callers see. */
function toStored(x: ProposalRow): StoredProposal {
  return {
    id: x.id,
    stat: x.stat,
    challengerModelId: x.challenger_model_id,
    productionModelId: x.production_model_id,
    status: x.status,
    props: x.props,
    pValue: x.p_value,
    createdAt: x.created_at.toISOString(),
    promotedAt: x.promoted_at ? x.promoted_at.toISOString() : null,
  };
}
