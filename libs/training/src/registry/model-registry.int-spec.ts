import type { StatType } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { InvalidModelTransitionError, NoRollbackTargetError } from '../errors';
import { RecordingPublisher } from '../testing';
import { PromoteModelUseCase } from '../usecases/promote-model.usecase';
import { RollbackModelUseCase } from '../usecases/rollback-model.usecase';
import { SetTrafficUseCase } from '../usecases/set-traffic.usecase';
import { ModelPromotionNotifier } from './model-promotion.notifier';
import { ModelRegistry } from '@propcast/model-registry';

describe('ModelRegistry with promote, rollback and traffic use cases', () => {
  let db: TestDatabase;
  let registry: ModelRegistry;
  let publisher: RecordingPublisher;
  let promote: PromoteModelUseCase;
  let rollback: RollbackModelUseCase;
  let traffic: SetTrafficUseCase;

  beforeAll(async () => {
    db = await createTestDatabase();
    registry = new ModelRegistry(db.prisma);
    publisher = new RecordingPublisher();
    const notifier = new ModelPromotionNotifier(publisher);
    promote = new PromoteModelUseCase(registry, notifier);
    rollback = new RollbackModelUseCase(registry, notifier);
    traffic = new SetTrafficUseCase(registry, notifier);
  });
  afterAll(() => db.drop());

  async function candidate(stat: StatType): Promise<string> {
    const version = await registry.nextVersion(stat);
    const id = `${stat.toLowerCase()}-v${version}`;
    await registry.register(
      {
        id,
        stat,
        version,
        featureSetId: 'player-props@v1',
        featureNames: ['a', 'b'],
        objective: 'reg:squarederror',
        params: {},
        artifactUri: `file:///models/${id}/model.onnx`,
        artifactSha256: 'a'.repeat(64),
        nativeUri: `file:///models/${id}/model.json`,
        metadataUri: `file:///models/${id}/metadata.json`,
        trainFrom: '2019-10-01',
        trainTo: '2020-03-01',
        datasetFingerprint: 'f'.repeat(64),
        metrics: {},
        baselines: {},
        trainingRunId: null,
      },
      'test',
    );
    return id;
  }

  it('registers candidates with increasing versions and a register event', async () => {
    const v1 = await candidate('POINTS');
    expect(await registry.get(v1)).toMatchObject({ status: 'CANDIDATE', role: 'PRIMARY', version: 1, trainFrom: '2019-10-01' });
    expect(await registry.nextVersion('POINTS')).toBe(2);
    expect((await registry.events(v1)).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([['register', null, 'CANDIDATE']]);
  });

  it('promotes: archives the previous primary in the same transaction, records both events and emits model.promoted', async () => {
    const v2 = await candidate('POINTS');
    const first = await promote.execute({ modelId: 'points-v1', actor: 'cli:alice', reason: 'first model' });
    expect(first).toMatchObject({ previous: null, notified: true, model: { status: 'PRODUCTION', role: 'PRIMARY', trafficWeight: 1 } });
    const second = await promote.execute({ modelId: v2, actor: 'gate', reason: 'better MAE' });
    expect(second.previous).toMatchObject({ id: 'points-v1', status: 'ARCHIVED', trafficWeight: 0 });
    expect((await registry.resolveServing('POINTS')).primary).toMatchObject({ id: v2, artifactSha256: 'a'.repeat(64), featureNames: ['a', 'b'] });
    expect((await registry.events('points-v1')).map((e) => e.action)).toEqual(['register', 'promote', 'archive']);
    expect(publisher.dataOf('model.promoted').slice(-1)).toEqual([{ stat: 'POINTS', modelId: v2, version: 2, fromModelId: 'points-v1', action: 'promote' }]);
    await expect(promote.execute({ modelId: v2, actor: 'x', reason: 'again' })).rejects.toBeInstanceOf(InvalidModelTransitionError);
  });

  it('rolls back: restores the previous production model and archives the current one in one transaction', async () => {
    const before = publisher.events.length;
    const result = await rollback.execute({ stat: 'POINTS', actor: 'api', reason: 'bad predictions' });
    expect(result.restored).toMatchObject({ id: 'points-v1', status: 'PRODUCTION', role: 'PRIMARY', trafficWeight: 1 });
    expect(result.rolledBack).toMatchObject({ id: 'points-v2', status: 'ARCHIVED', statusReason: 'rolled back: bad predictions' });
    const events = (await registry.events('points-v2')).slice(-1).concat((await registry.events('points-v1')).slice(-1));
    expect(events.map((e) => [e.modelId, e.action, e.fromStatus, e.toStatus, e.actor])).toEqual([
      ['points-v2', 'rollback', 'PRODUCTION', 'ARCHIVED', 'api'],
      ['points-v1', 'rollback', 'ARCHIVED', 'PRODUCTION', 'api'],
    ]);
    expect(events[0].occurredAt.getTime()).toBe(events[1].occurredAt.getTime());
    expect(publisher.events.slice(before).map((e) => e.data)).toEqual([{ stat: 'POINTS', modelId: 'points-v1', version: 1, fromModelId: 'points-v2', action: 'rollback' }]);
    // Nothing older than v1 was ever in production.
    await expect(rollback.execute({ stat: 'POINTS', actor: 'api', reason: 'again' })).rejects.toBeInstanceOf(NoRollbackTargetError);
    expect((await registry.resolveServing('POINTS')).primary?.id).toBe('points-v1');
  });

  it('leaves nothing half-done when a rollback is refused', async () => {
    await expect(rollback.execute({ stat: 'REBOUNDS', actor: 'api', reason: 'none' })).rejects.toBeInstanceOf(NoRollbackTargetError);
    expect(await db.prisma.modelEvent.count({ where: { stat: 'REBOUNDS' } })).toBe(0);
  });

  it('splits traffic with challengers, adds shadows, and rebalances the primary', async () => {
    const v3 = await candidate('POINTS');
    const v4 = await candidate('POINTS');
    await traffic.execute({ modelId: v3, role: 'CHALLENGER', weight: 0.2, actor: 'api', reason: 'A/B' });
    await traffic.execute({ modelId: v4, role: 'SHADOW', weight: 0.5, actor: 'api', reason: 'watch' });
    const serving = await registry.resolveServing('POINTS');
    expect(serving.primary).toMatchObject({ id: 'points-v1', trafficWeight: 0.8 });
    expect(serving.challengers).toEqual([expect.objectContaining({ id: v3, role: 'CHALLENGER', trafficWeight: 0.2 })]);
    expect(serving.shadows).toEqual([expect.objectContaining({ id: v4, role: 'SHADOW', trafficWeight: 0 })]);
    await expect(traffic.execute({ modelId: v4, role: 'CHALLENGER', weight: 0.8, actor: 'api', reason: 'too much' })).rejects.toBeInstanceOf(InvalidModelTransitionError);
    await expect(traffic.execute({ modelId: 'points-v1', role: 'SHADOW', weight: 0, actor: 'api', reason: 'primary' })).rejects.toBeInstanceOf(InvalidModelTransitionError);
    await traffic.execute({ modelId: v3, role: 'NONE', weight: 0, actor: 'api', reason: 'done' });
    const after = await registry.resolveServing('POINTS');
    expect(after.primary?.trafficWeight).toBe(1);
    expect(after.challengers).toEqual([]);
    expect(await registry.get(v3)).toMatchObject({ status: 'STAGING' });
    expect(publisher.dataOf('model.promoted').filter((d) => d.action === 'traffic')).toHaveLength(3);
  });

  it('answers which model served a stat at any instant from the append-only events', async () => {
    const events = await db.prisma.modelEvent.findMany({ where: { stat: 'POINTS' }, orderBy: { id: 'asc' } });
    const v2Promoted = events.find((e) => e.modelId === 'points-v2' && e.action === 'promote')!;
    const atV2 = await registry.history('POINTS', v2Promoted.occurredAt);
    expect(atV2.serving.primary?.id).toBe('points-v2');
    const beforeAny = await registry.history('POINTS', new Date(events[0].occurredAt.getTime() - 1));
    expect(beforeAny.serving.primary).toBeNull();
    expect(beforeAny.events).toEqual([]);
    const now = await registry.history('POINTS');
    expect(now.serving.primary?.id).toBe('points-v1');
    expect(now.serving.shadows.map((m) => m.id)).toEqual(['points-v4']);
    expect(now.events).toHaveLength(events.length);
  });
});
