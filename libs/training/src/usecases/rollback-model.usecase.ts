import type { ModelTarget } from '@propcast/contracts';
import { NoRollbackTargetError } from '../errors';
import type { ModelPromotionNotifier } from '../registry/model-promotion.notifier';
import type { ModelChange, ModelRecord, ModelRegistry } from '@propcast/model-registry';

/** Put the previous production model of a stat back. */
export interface RollbackModelCommand {
  stat: ModelTarget;
  actor: string;
  reason: string;
}

/** The restored primary, the one rolled back, and whether `model.promoted` went out. */
export interface RollbackModelResult {
  restored: ModelRecord;
  rolledBack: ModelRecord | null;
  notified: boolean;
}

/**
 * Restores the previous production primary (the archived model promoted most recently before the current one)
 * and archives the current one, in one transaction with both events; then emits `model.promoted` (action rollback).
 */
export class RollbackModelUseCase {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly notifier: ModelPromotionNotifier,
  ) {}

  /** Runs the rollback; throws NoRollbackTargetError when no earlier production model exists. */
  async execute(command: RollbackModelCommand): Promise<RollbackModelResult> {
    let restoredId = '';
    let rolledBackId: string | null = null;
    await this.registry.change(command.stat, command.actor, (models) => {
      const current = models.find((m) => m.status === 'PRODUCTION' && m.role === 'PRIMARY');
      const previous = previousProduction(models, current);
      if (!previous) throw new NoRollbackTargetError(`no earlier production model of ${command.stat} to roll back to`);
      restoredId = previous.id;
      rolledBackId = current?.id ?? null;
      const challengerWeight = models.filter((m) => m.status === 'PRODUCTION' && m.role === 'CHALLENGER').reduce((s, m) => s + m.trafficWeight, 0);
      const changes: ModelChange[] = [];
      if (current) {
        changes.push({ modelId: current.id, action: 'rollback', status: 'ARCHIVED', role: 'PRIMARY', trafficWeight: 0, reason: command.reason, statusReason: `rolled back: ${command.reason}` });
      }
      changes.push({
        modelId: previous.id,
        action: 'rollback',
        status: 'PRODUCTION',
        role: 'PRIMARY',
        trafficWeight: Math.max(0, 1 - challengerWeight),
        reason: command.reason,
        statusReason: `restored by rollback: ${command.reason}`,
      });
      return changes;
    });
    const restored = await this.registry.get(restoredId);
    const rolledBack = rolledBackId ? await this.registry.get(rolledBackId) : null;
    const notified = await this.notifier.notify({ stat: restored.stat, modelId: restored.id, version: restored.version, fromModelId: rolledBackId, action: 'rollback' });
    return { restored, rolledBack, notified };
  }
}

/** The archived model whose last promotion came most recently before the current primary's. */
function previousProduction(models: readonly ModelRecord[], current: ModelRecord | undefined): ModelRecord | undefined {
  const before = current?.promotedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const promotedAt = (m: ModelRecord) => m.promotedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return models
    .filter((m) => m.status === 'ARCHIVED' && m.promotedAt !== null && promotedAt(m) <= before && m.id !== current?.id)
    .sort((a, b) => promotedAt(b) - promotedAt(a) || b.version - a.version)[0];
}
