import { InvalidModelTransitionError } from '../errors';
import type { ModelPromotionNotifier } from '../registry/model-promotion.notifier';
import type { ModelChange, ModelRecord, ModelRegistry } from '@propcast/model-registry';

/** Make a model the production PRIMARY of its stat. */
export interface PromoteModelCommand {
  modelId: string;
  /** Who asked: `gate`, `api`, `cli:<user>`... */
  actor: string;
  reason: string;
}

/** The new primary, the one it replaced, and whether `model.promoted` went out. */
export interface PromoteModelResult {
  model: ModelRecord;
  previous: ModelRecord | null;
  notified: boolean;
}

/**
 * Promotes a model to production PRIMARY in one transaction: the previous primary is archived, challengers keep
 * their weights (the primary serves the rest), both changes are audited in model_events; then `model.promoted` is emitted.
 */
export class PromoteModelUseCase {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly notifier: ModelPromotionNotifier,
  ) {}

  /** Runs the promotion; throws InvalidModelTransitionError when the model already is the primary. */
  async execute(command: PromoteModelCommand): Promise<PromoteModelResult> {
    const target = await this.registry.get(command.modelId);
    let previousId: string | null = null;
    await this.registry.change(target.stat, command.actor, (models) => {
      const model = models.find((m) => m.id === target.id) ?? target;
      if (model.status === 'PRODUCTION' && model.role === 'PRIMARY') {
        throw new InvalidModelTransitionError(`${model.id} already is the production primary of ${model.stat}`);
      }
      const previous = models.find((m) => m.status === 'PRODUCTION' && m.role === 'PRIMARY');
      previousId = previous?.id ?? null;
      const challengerWeight = models.filter((m) => m.status === 'PRODUCTION' && m.role === 'CHALLENGER' && m.id !== model.id).reduce((sum, m) => sum + m.trafficWeight, 0);
      const changes: ModelChange[] = [];
      if (previous) {
        changes.push({
          modelId: previous.id,
          action: 'archive',
          status: 'ARCHIVED',
          role: 'PRIMARY',
          trafficWeight: 0,
          reason: `replaced by ${model.id}: ${command.reason}`,
          statusReason: `replaced by ${model.id}`,
        });
      }
      changes.push({
        modelId: model.id,
        action: 'promote',
        status: 'PRODUCTION',
        role: 'PRIMARY',
        trafficWeight: Math.max(0, 1 - challengerWeight),
        reason: command.reason,
        statusReason: command.reason,
        markPromoted: true,
      });
      return changes;
    });
    const model = await this.registry.get(target.id);
    const previous = previousId ? await this.registry.get(previousId) : null;
    const notified = await this.notifier.notify({ stat: model.stat, modelId: model.id, version: model.version, fromModelId: previousId, action: 'promote' });
    return { model, previous, notified };
  }
}
