import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiActor } from '@propcast/observability';
import type { ModelEventRecord, ModelHistory, ModelRecord, ServingSet } from '@propcast/model-registry';
import type { PromoteModelResult, RollbackModelResult, SetTrafficResult, TrainingServices } from '@propcast/training';
import { TRAINING_SERVICES } from '../trainer.tokens';
import { HistoryQuerySchema, parseRequest, PromoteRequestSchema, RollbackRequestSchema, StatQuerySchema, TrafficRequestSchema } from './request-schemas.dto';

/** The model registry over HTTP: list, serving set, history, promote, rollback, traffic (actor: the API key's name). */
@Controller('models')
export class ModelsController {
  constructor(@Inject(TRAINING_SERVICES) private readonly training: TrainingServices) {}

  /** Models, newest version first; `?stat=points&status=PRODUCTION` filters. */
  @Get()
  async list(@Query() query: unknown): Promise<ModelRecord[]> {
    const { stat, status } = parseRequest(StatQuerySchema, query);
    return this.training.registry.list({ stat, status });
  }

  /** What the worker serves for a stat: primary, challengers and shadows with artifact URIs and sha256. */
  @Get('serving')
  async serving(@Query() query: unknown): Promise<ServingSet> {
    const { stat } = parseRequest(HistoryQuerySchema.pick({ stat: true }), query);
    return this.training.registry.resolveServing(stat);
  }

  /** Which models served `stat` at instant `at` (default now), and every registry event up to it. */
  @Get('history')
  async history(@Query() query: unknown): Promise<ModelHistory> {
    const { stat, at } = parseRequest(HistoryQuerySchema, query);
    return this.training.registry.history(stat, at ? new Date(at) : new Date());
  }

  /** One model with its audit events. */
  @Get(':id')
  async get(@Param('id') id: string): Promise<ModelRecord & { events: ModelEventRecord[] }> {
    const model = await this.training.registry.get(id);
    return { ...model, events: await this.training.registry.events(id) };
  }

  /** Makes the model its stat's production primary (the previous one is archived); emits model.promoted. */
  @Post(':id/promote')
  @HttpCode(200)
  async promote(@Param('id') id: string, @Body() body: unknown, @ApiActor() actor: string): Promise<PromoteModelResult> {
    const request = parseRequest(PromoteRequestSchema, body);
    return this.training.promote.execute({ modelId: id, actor, reason: request.reason });
  }

  /** Restores the previous production model of a stat in one transaction; emits model.promoted. */
  @Post('rollback')
  @HttpCode(200)
  async rollback(@Body() body: unknown, @ApiActor() actor: string): Promise<RollbackModelResult> {
    const request = parseRequest(RollbackRequestSchema, body);
    return this.training.rollback.execute({ stat: request.stat, actor, reason: request.reason });
  }

  /** Sets a non-primary model's role (CHALLENGER with weight, SHADOW, NONE); emits model.promoted. */
  @Post(':id/traffic')
  @HttpCode(200)
  async traffic(@Param('id') id: string, @Body() body: unknown, @ApiActor() actor: string): Promise<SetTrafficResult> {
    const request = parseRequest(TrafficRequestSchema, body);
    return this.training.setTraffic.execute({ modelId: id, role: request.role, weight: request.weight, actor, reason: request.reason });
  }
}
