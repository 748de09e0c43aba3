import { Logger, type Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Pool } from 'pg';
import { PG_POOL } from '@propcast/db';
import { ChallengerEvidenceRepository, EvaluateChallengersUseCase, gradingMetrics, promotionSettings, type ModelPromoter } from '@propcast/grading';
import type { TrainingServices } from '@propcast/training';
import { TRAINING_SERVICES } from '../trainer.tokens';
import { GRADING_OPTIONS, type GradingModuleOptions } from './grading.tokens';

/**
 * Promotes through the registry's own promotion (PromoteModelUseCase of the trainer's training services, looked up when
 * needed), so an automatic promotion is audited, emits model.promoted and can be rolled back like any other.
 */
class RegistryPromoter implements ModelPromoter {
  constructor(private readonly moduleRef: ModuleRef) {}

  async promote(modelId: string, reason: string): Promise<void> {
    const services = this.moduleRef.get<TrainingServices>(TRAINING_SERVICES, { strict: false });
    await services.promote.execute({ modelId, actor: 'grading:evidence', reason });
  }
}

/** EvaluateChallengersUseCase wired with PROMOTION_* settings, the registry's promotion, the proposals metric and the log. */
export const evaluateChallengersProvider: Provider = {
  provide: EvaluateChallengersUseCase,
  inject: [PG_POOL, GRADING_OPTIONS, ModuleRef],
  useFactory: (pool: Pool, options: GradingModuleOptions, moduleRef: ModuleRef) => {
    const logger = new Logger('Promotion');
    const metrics = gradingMetrics();
    return new EvaluateChallengersUseCase(
      new ChallengerEvidenceRepository(pool),
      promotionSettings(options.config),
      new RegistryPromoter(moduleRef),
      { proposed: (stat, _id, promoted) => metrics.promotionProposals.inc({ stat, outcome: promoted ? 'promoted' : 'proposed' }) },
      (message) => logger.log(message),
    );
  },
};
