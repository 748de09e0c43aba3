import { Body, ConflictException, Controller, Get, HttpCode, Inject, Logger, Param, Post, Query } from '@nestjs/common';
import { StatTypeSchema } from '@propcast/contracts';
import type { TrainingRunRecord, TrainingServices } from '@propcast/training';
import { ApiActor } from '@propcast/observability';
import { TRAINING_SERVICES } from '../trainer.tokens';
import { parseRequest, TrainRequestSchema } from './request-schemas.dto';

/** POST /train starts runs (one per stat, in the background); GET /train/:runId follows one. */
@Controller('train')
export class TrainController {
  private readonly logger = new Logger(TrainController.name);

  constructor(@Inject(TRAINING_SERVICES) private readonly training: TrainingServices) {}

  /** Starts a run per stat; 202 with run ids (and the stats refused because a run holds their lease), 409 when all are refused. */
  @Post()
  @HttpCode(202)
  async start(@Body() body: unknown, @ApiActor() actor: string): Promise<{ runs: { runId: string; stat: string; url: string }[]; refused: { stat: string; reason: string; heldByRunId: string }[] }> {
    const request = parseRequest(TrainRequestSchema, body);
    const started = await this.training.startTraining.execute({ stats: request.stats, window: request.window, budgetMinutes: request.budget, trigger: 'manual', actor, reason: request.reason });
    void started.completion.then((outcomes) => {
      for (const o of outcomes) {
        if (o.ok) this.logger.log(`run ${o.runId} (${o.stat}) produced ${o.result.model.id}: ${o.result.gate.reason}`);
        else this.logger.error(`run ${o.runId} (${o.stat}) failed: ${o.error.message}`);
      }
    });
    if (started.runs.length === 0) throw new ConflictException({ error: 'LOCK_HELD', message: 'every requested stat already has a run in progress', details: { refused: started.refused } });
    return { runs: started.runs.map((r) => ({ ...r, url: `/train/${r.runId}` })), refused: started.refused };
  }

  /** Recent runs, newest first, optionally of one stat. */
  @Get()
  async list(@Query('stat') stat?: string): Promise<TrainingRunRecord[]> {
    return this.training.runs.list({ stat: stat ? parseRequest(StatTypeSchema, stat.toUpperCase()) : undefined });
  }

  /** A run's status, progress (0..1) and message, trials, error and model. */
  @Get(':runId')
  async get(@Param('runId') runId: string): Promise<TrainingRunRecord> {
    return this.training.runs.get(runId);
  }
}
