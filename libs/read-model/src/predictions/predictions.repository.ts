import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import type { BetResult, LineOutcome, Recommendation } from '@propcast/prediction';
import { CURRENT_PREDICTIONS } from '../shared/current-predictions.sql';
import { lineSourceOf } from '../shared/line-source';
import { PLAYER_TEAM_LATERAL } from '../shared/teams.repository';

/** Filters of a predictions page; every field optional except the page size. */
export interface PredictionFilters {
  date?: string;
  stat?: StatType;
  playerId?: number;
  teamId?: number;
  gameId?: string;
  modelId?: string;
  modelVersion?: number;
  recommendation?: Recommendation;
  minEdge?: number;
  book?: string;
  /** Rows after this id in the list's order (the cursor). */
  afterId?: string;
  /** Newest first (the player page) instead of the list's oldest-first order. */
  newestFirst?: boolean;
  limit: number;
}

/** A stored prediction as the API returns it, with its game, team and grade. */
export interface PredictionView {
  id: string;
  batchId: string;
  gameDate: string;
  gameId: string;
  matchup: string;
  playerId: number;
  playerName: string | null;
  team: string | null;
  opponent: string | null;
  stat: StatType;
  modelId: string;
  modelVersion: number;
  role: string;
  book: string;
  /** REAL or PROXY for a priced line; null without a line. */
  lineSource: 'REAL' | 'PROXY' | null;
  predictedMean: number;
  line: number | null;
  overPrice: number | null;
  underPrice: number | null;
  /** P(over) as priced: combined with the market where the model's combiner priced the row, else the model's own. */
  overProbability: number | null;
  /** The model's own P(over) before the market combination (null: no combiner priced the row, so overProbability is the model's). */
  modelOverProbability: number | null;
  /** The market combination that priced the row (market_combiners.id), if any. */
  combinerId: string | null;
  marketOverProbability: number | null;
  edge: number | null;
  expectedValue: number | null;
  kellyFraction: number | null;
  confidence: number | null;
  recommendation: Recommendation;
  flags: string[];
  createdAt: string;
  grade: { actual: number | null; outcome: LineOutcome | null; result: BetResult; profit: number } | null;
}

type Cells = [
  string,
  string,
  string,
  string,
  number,
  string | null,
  StatType,
  string,
  number,
  string,
  string,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  Recommendation,
  string[],
  Date,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
  number | null,
  LineOutcome | null,
  BetResult | null,
  number | null,
  number | null,
  string | null,
];

/** SQL of the predictions list. */
export class PredictionsRepository {
  constructor(private readonly pool: Pool) {}

  /** One page of predictions matching `filters` at their latest price, in id order (stable across pages); `limit + 1` rows tell whether more follow. */
  async page(filters: PredictionFilters): Promise<PredictionView[]> {
    const [after, direction] = filters.newestFirst ? ['<', 'DESC'] : ['>', 'ASC'];
    const r = await this.pool.query<Cells>({
      text: `SELECT p.id::text, p.batch_id, p.game_date::text, p.game_id, p.player_id, pl.name, p.stat, p.model_id, p.model_version, p.role, p.book,
                    p.predicted_mean, p.line, p.over_price, p.under_price, p.over_probability, p.market_over_probability, p.edge, p.expected_value,
                    p.kelly_fraction, p.confidence, p.recommendation, p.flags, p.created_at,
                    ht.abbreviation, at.abbreviation, g.home_team_id, g.away_team_id, pt.team_id, gr.actual, gr.outcome, gr.result, gr.profit,
                    p.model_over_probability, p.combiner_id::text
               FROM ${CURRENT_PREDICTIONS} p
               LEFT JOIN games g ON g.id = p.game_id
               LEFT JOIN teams ht ON ht.id = g.home_team_id
               LEFT JOIN teams at ON at.id = g.away_team_id
               LEFT JOIN players pl ON pl.id = p.player_id
               LEFT JOIN grades gr ON gr.prediction_id = p.id
               ${PLAYER_TEAM_LATERAL}
              WHERE ($1::date IS NULL OR p.game_date = $1::date)
                AND ($2::"StatType" IS NULL OR p.stat = $2::"StatType")
                AND ($3::int IS NULL OR p.player_id = $3)
                AND ($4::int IS NULL OR pt.team_id = $4)
                AND ($5::text IS NULL OR p.game_id = $5)
                AND ($6::text IS NULL OR p.model_id = $6)
                AND ($7::int IS NULL OR p.model_version = $7)
                AND ($8::"Recommendation" IS NULL OR p.recommendation = $8::"Recommendation")
                AND ($9::float8 IS NULL OR p.edge >= $9)
                AND ($10::text IS NULL OR lower(p.book) = lower($10))
                AND ($11::bigint IS NULL OR p.id ${after} $11::bigint)
              ORDER BY p.id ${direction}
              LIMIT $12`,
      values: [
        filters.date ?? null,
        filters.stat ?? null,
        filters.playerId ?? null,
        filters.teamId ?? null,
        filters.gameId ?? null,
        filters.modelId ?? null,
        filters.modelVersion ?? null,
        filters.recommendation ?? null,
        filters.minEdge ?? null,
        filters.book ?? null,
        filters.afterId ?? null,
        filters.limit + 1,
      ],
      rowMode: 'array',
    });
    return r.rows.map(toView);
  }
}

function toView(c: Cells): PredictionView {
  const [id, batchId, gameDate, gameId, playerId, playerName, stat, modelId, modelVersion, role, book, predictedMean, line, overPrice, underPrice] = c;
  const [overProbability, marketOverProbability, edge, expectedValue, kellyFraction, confidence, recommendation, flags, createdAt] = c.slice(15, 24) as [
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
    Recommendation,
    string[],
    Date,
  ];
  const [home, away, homeId, _awayId, teamId, actual, outcome, result, profit] = c.slice(24) as [
    string | null,
    string | null,
    number | null,
    number | null,
    number | null,
    number | null,
    LineOutcome | null,
    BetResult | null,
    number | null,
  ];
  const team = teamId === null ? null : teamId === homeId ? home : away;
  const opponent = teamId === null ? null : teamId === homeId ? away : home;
  return {
    id,
    batchId,
    gameDate,
    gameId,
    matchup: `${away ?? '?'} @ ${home ?? '?'}`,
    playerId,
    playerName,
    team,
    opponent,
    stat,
    modelId,
    modelVersion,
    role,
    book,
    lineSource: line === null ? null : lineSourceOf(book),
    predictedMean,
    line,
    overPrice,
    underPrice,
    overProbability,
    modelOverProbability: c[33],
    combinerId: c[34],
    marketOverProbability,
    edge,
    expectedValue,
    kellyFraction,
    confidence,
    recommendation,
    flags,
    createdAt: createdAt.toISOString(),
    grade: result === null ? null : { actual, outcome, result, profit: profit ?? 0 },
  };
}
