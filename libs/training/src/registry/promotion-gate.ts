/** MAE of the candidate, of each baseline and of the production model, all on the candidate's test rows. */
export interface GateInput {
  candidateMae: number;
  baselineMae: { seasonAvg: number; last10: number; ema: number };
  /**
   * Production PRIMARY scored on the same rows; null when the stat has none. When production trained on part of them,
   * both are scored on the `rows` it did not see and `candidateMae` is the candidate's MAE there.
   */
  production: { id: string; mae: number; candidateMae?: number; rows?: number } | null;
  /** Relative MAE improvement required over production, e.g. 0.005 = 0.5%. */
  minMaeImprovement: number;
}

/** The gate's verdict and the sentence recorded as the model's status_reason. */
export interface GateDecision {
  promote: boolean;
  reason: string;
}

const f = (x: number) => x.toFixed(4);

/**
 * Promotion gate: a candidate is promoted only if, on the same test rows, its MAE beats every baseline and
 * beats the production model's by at least `minMaeImprovement` (relative); otherwise it stays a candidate.
 */
export function decidePromotion(input: GateInput): GateDecision {
  const { candidateMae, baselineMae, production, minMaeImprovement } = input;
  const failures: string[] = [];
  for (const [name, mae] of Object.entries(baselineMae)) {
    if (!(candidateMae < mae)) failures.push(`MAE ${f(candidateMae)} does not beat the ${name} baseline (${f(mae)})`);
  }
  let versus = 'no production model';
  if (production) {
    const mine = production.candidateMae ?? candidateMae;
    const needed = production.mae * (1 - minMaeImprovement);
    const improvement = (production.mae - mine) / production.mae;
    const where = production.rows === undefined ? '' : ` on the ${production.rows} test rows it did not train on (candidate ${f(mine)})`;
    versus = `production ${production.id} MAE ${f(production.mae)}${where} (improvement ${(100 * improvement).toFixed(2)}%, needs ${(100 * minMaeImprovement).toFixed(2)}%)`;
    if (!(mine <= needed)) failures.push(`MAE ${f(mine)} does not beat ${versus}`);
  }
  if (failures.length > 0) return { promote: false, reason: `gate refused: ${failures.join('; ')}` };
  const best = Math.min(baselineMae.seasonAvg, baselineMae.last10, baselineMae.ema);
  return { promote: true, reason: `gate passed: MAE ${f(candidateMae)} beats every baseline (best ${f(best)}) and ${versus}` };
}
