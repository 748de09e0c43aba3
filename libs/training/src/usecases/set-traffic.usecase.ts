import { InvalidModelTransitionError } from '../errors';
import type { ModelPromotionNotifier } from '../registry/model-promotion.notifier';
import type { ModelChange, ModelRecord, ModelRegistry } from '@propcast/model-registry';

/** A serving role for a non-primary model; NONE takes it out of serving (back to STAGING). */
export type TrafficRole = 'CHALLENGER' | 'SHADOW' | 'NONE';

/** Change a model's share of a stat's traffic. */
export interface SetTrafficCommand {
  modelId: string;
  role: TrafficRole;
  /** Challenger share in (0, 1); ignored (0) for SHADOW and NONE. */
  weight: number;
  actor: string;
  reason: string;
}

/** The model after the change and the stat's primary (whose weight is 1 - the challengers'). */
export interface SetTrafficResult {
  model: ModelRecord;
  primary: ModelRecord | null;
  notified: boolean;
}

/**
 * Makes a model a traffic-split CHALLENGER (weight in (0, 1)), a SHADOW (predicts, never served), or withdraws it;
 * the primary's weight becomes 1 - the challengers' sum. One transaction, audited; emits `model.promoted` (action traffic).
 */
export class SetTrafficUseCase {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly notifier: ModelPromotionNotifier,
  ) {}

  /** Applies the traffic change; throws InvalidModelTransitionError for the primary itself or weights that leave it nothing. */
  async execute(command: SetTrafficCommand): Promise<SetTrafficResult> {
    const target = await this.registry.get(command.modelId);
    const weight = command.role === 'CHALLENGER' ? command.weight : 0;
    if (command.role === 'CHALLENGER' && !(weight > 0 && weight < 1)) {
      throw new InvalidModelTransitionError(`a challenger's weight must be in (0, 1), got ${command.weight}`);
    }
    let primaryId: string | null = null;
    await this.registry.change(target.stat, command.actor, (models) => {
      const primary = models.find((m) => m.status === 'PRODUCTION' && m.role === 'PRIMARY');
      if (primary?.id === target.id) throw new InvalidModelTransitionError(`${target.id} is the primary; promote another model first`);
      if (command.role === 'CHALLENGER' && !primary) throw new InvalidModelTransitionError(`${target.stat} has no production primary to split traffic with`);
      primaryId = primary?.id ?? null;
      const others = models.filter((m) => m.status === 'PRODUCTION' && m.role === 'CHALLENGER' && m.id !== target.id).reduce((s, m) => s + m.trafficWeight, 0);
      const primaryWeight = 1 - others - weight;
      if (!(primaryWeight > 0)) throw new InvalidModelTransitionError(`challenger weights would total ${(others + weight).toFixed(3)}, leaving the primary nothing`);
      const changes: ModelChange[] = [
        command.role === 'NONE'
          ? { modelId: target.id, action: 'traffic', status: 'STAGING', role: 'PRIMARY', trafficWeight: 0, reason: command.reason, statusReason: `withdrawn from serving: ${command.reason}` }
          : {
              modelId: target.id,
              action: command.role === 'SHADOW' ? 'shadow' : 'traffic',
              status: 'PRODUCTION',
              role: command.role,
              trafficWeight: weight,
              reason: command.reason,
              statusReason: command.reason,
            },
      ];
      if (primary && Math.abs(primary.trafficWeight - primaryWeight) > 1e-12) {
        changes.push({ modelId: primary.id, action: 'traffic', status: 'PRODUCTION', role: 'PRIMARY', trafficWeight: primaryWeight, reason: `rebalanced: ${target.id} ${command.role.toLowerCase()}` });
      }
      return changes;
    });
    const model = await this.registry.get(target.id);
    const primary = primaryId ? await this.registry.get(primaryId) : null;
    const notified = await this.notifier.notify({ stat: model.stat, modelId: model.id, version: model.version, fromModelId: null, action: 'traffic' });
    return { model, primary, notified };
  }
}
