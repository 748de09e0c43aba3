import { ProbabilityModel } from '@propcast/prediction';
import type { ServingModel, ServingSet } from '@propcast/model-registry';
import type { StatType } from '@propcast/contracts';
import { ModelArtifactError } from '../errors';
import { ModelCache } from './model-cache';
import type { LoadedModel, ModelLoader } from './model-loader';
import { ServingModels, type ModelRegistryReader } from './serving-models';

const probability = ProbabilityModel.fit(
  Array.from({ length: 400 }, (_, i) => ({ predicted: 5 + (i % 20), actual: 5 + ((i * 7) % 21), line: 10.5 })),
  { crossFitFolds: 2 },
);

function model(id: string, role: ServingModel['role'], trafficWeight = 0, sha = 'a'.repeat(64)): ServingModel {
  return {
    id,
    stat: 'POINTS',
    version: Number(id.split('v')[1] ?? 1),
    role,
    trafficWeight,
    artifactUri: `file:///m/${id}/model.onnx`,
    artifactSha256: sha,
    nativeUri: `file:///m/${id}/model.json`,
    metadataUri: `file:///m/${id}/metadata.json`,
    featureSetId: 'player-props@v1',
    featureNames: ['a'],
    objective: 'reg:squarederror',
    promotedAt: null,
  };
}

class FakeRegistry implements ModelRegistryReader {
  serving: Omit<ServingSet, 'stat'> = { primary: null, challengers: [], shadows: [] };
  former: ServingModel[] = [];
  async formerPrimaries(): Promise<ServingModel[]> {
    return this.former;
  }
  async resolveServing(stat: StatType): Promise<ServingSet> {
    return { stat, ...this.serving };
  }
}

class FakeLoader implements ModelLoader {
  loads: string[] = [];
  released: string[] = [];
  broken = new Set<string>();
  async load(info: ServingModel): Promise<LoadedModel> {
    this.loads.push(info.id);
    if (this.broken.has(info.id)) throw new ModelArtifactError(info.id, info.artifactUri, 'sha256 mismatch (expected x, got y)');
    const predictor = { numFeatures: 1, predict: async (f: Float32Array) => f, release: async () => void this.released.push(info.id) };
    return { info, probability, featureNames: ['a'], predictor };
  }
}

describe('ServingModels', () => {
  let registry: FakeRegistry;
  let loader: FakeLoader;
  let models: ServingModels;
  beforeEach(() => {
    registry = new FakeRegistry();
    loader = new FakeLoader();
    models = new ServingModels(registry, new ModelCache(loader, 4), { refreshIntervalMs: 60_000 });
  });

  it('fails a stat without a production model with that reason', async () => {
    const set = await models.forStat('POINTS');
    expect(set.primary).toBeNull();
    expect(set.unavailableReason).toBe('no production model for POINTS');
    expect(ServingModels.modelFor(set, 1)).toBeNull();
  });

  it('loads lazily once, then serves from the cache until a refresh', async () => {
    registry.serving.primary = model('points-v1', 'PRIMARY');
    const first = await models.forStat('POINTS');
    await models.forStat('POINTS');
    expect(loader.loads).toEqual(['points-v1']);
    expect(first.primary?.info.id).toBe('points-v1');
    registry.serving.primary = model('points-v2', 'PRIMARY', 0, 'b'.repeat(64));
    expect((await models.refresh('POINTS')).primary?.info.id).toBe('points-v2');
  });

  it('routes players to challengers by weight, adds shadows, and skips unloadable challengers', async () => {
    registry.serving = {
      primary: model('points-v1', 'PRIMARY'),
      challengers: [model('points-v2', 'CHALLENGER', 0.5), model('points-v3', 'CHALLENGER', 0.2)],
      shadows: [model('points-v4', 'SHADOW')],
    };
    loader.broken.add('points-v3');
    const set = await models.forStat('POINTS');
    expect(set.challengers.map((c) => c.model.info.id)).toEqual(['points-v2']);
    expect(set.shadows.map((s) => s.info.id)).toEqual(['points-v4']);
    expect(set.problems).toEqual([expect.stringContaining('points-v3')]);
    const served = new Set(Array.from({ length: 200 }, (_, i) => ServingModels.modelFor(set, i + 1)?.info.id));
    expect(served).toEqual(new Set(['points-v1', 'points-v2']));
  });

  it('keeps the previous primary serving when the promoted one has a bad artifact', async () => {
    registry.serving.primary = model('points-v1', 'PRIMARY');
    await models.forStat('POINTS');
    registry.serving.primary = model('points-v2', 'PRIMARY');
    loader.broken.add('points-v2');
    const set = await models.refresh('POINTS');
    expect(set.primary?.info.id).toBe('points-v1');
    expect(set.unavailableReason).toBeNull();
    expect(set.problems[0]).toMatch(/points-v2 .*sha256 mismatch/);
  });

  it('fails the stat with the artifact problem when there is no previous model to keep', async () => {
    registry.serving.primary = model('points-v2', 'PRIMARY');
    loader.broken.add('points-v2');
    const set = await models.forStat('POINTS');
    expect(set.primary).toBeNull();
    expect(set.unavailableReason).toMatch(/production model points-v2 \(POINTS v2\) is unusable: .*sha256 mismatch/);
  });
});

describe('ModelCache', () => {
  it('shares concurrent loads and releases the least recently used unheld models beyond its size', async () => {
    const loader = new FakeLoader();
    const cache = new ModelCache(loader, 2);
    const [v1] = await Promise.all([cache.acquire(model('m-v1', 'PRIMARY')), cache.acquire(model('m-v1', 'PRIMARY'))]);
    const v2 = await cache.acquire(model('m-v2', 'PRIMARY'));
    const v3 = await cache.acquire(model('m-v3', 'PRIMARY'));
    expect(cache.size).toBe(3);
    expect(loader.released).toEqual([]);
    cache.release(v2);
    await Promise.resolve();
    expect(loader.released).toEqual(['m-v2']);
    cache.release(v1);
    cache.release(v1);
    cache.release(v3);
    await cache.acquire(model('m-v1', 'PRIMARY'));
    await new Promise((r) => setImmediate(r));
    expect(loader.released).toEqual(['m-v2']);
    await cache.acquire(model('m-v4', 'PRIMARY'));
    await new Promise((r) => setImmediate(r));
    expect(loader.released).toEqual(['m-v2', 'm-v3']);
    expect(loader.loads).toEqual(['m-v1', 'm-v2', 'm-v3', 'm-v4']);
    await cache.close();
    expect(loader.released).toEqual(['m-v2', 'm-v3', 'm-v1', 'm-v4']);
  });

  it('does not keep failed loads', async () => {
    const loader = new FakeLoader();
    loader.broken.add('m-v1');
    const cache = new ModelCache(loader, 2);
    await expect(cache.acquire(model('m-v1', 'PRIMARY'))).rejects.toThrow(ModelArtifactError);
    loader.broken.clear();
    await expect(cache.acquire(model('m-v1', 'PRIMARY'))).resolves.toMatchObject({ info: { id: 'm-v1' } });
    expect(cache.size).toBe(1);
  });

  it('never frees a model a running job holds, even after a swap made it unused', async () => {
    const registry = new FakeRegistry();
    const loader = new FakeLoader();
    const models = new ServingModels(registry, new ModelCache(loader, 1));
    registry.serving.primary = model('points-v1', 'PRIMARY');
    const lease = await models.acquire('POINTS');
    registry.serving.primary = model('points-v2', 'PRIMARY');
    expect((await models.refresh('POINTS')).primary?.info.id).toBe('points-v2');
    await new Promise((r) => setImmediate(r));
    expect(loader.released).toEqual([]);
    expect(lease.models.primary?.info.id).toBe('points-v1');
    lease.release();
    lease.release();
    await new Promise((r) => setImmediate(r));
    expect(loader.released).toEqual(['points-v1']);
    await models.close();
    expect(loader.released).toEqual(['points-v1', 'points-v2']);
  });

  it('on a fresh start with a corrupt production artifact serves the most recent former primary that loads, and says so', async () => {
    const warnings: string[] = [];
    const registry = new FakeRegistry();
    const loader = new FakeLoader();
    const models = new ServingModels(registry, new ModelCache(loader, 4), { logger: { warn: (m) => void warnings.push(m) } });
    registry.serving.primary = model('points-v3', 'PRIMARY');
    registry.former = [model('points-v2', 'PRIMARY'), model('points-v1', 'PRIMARY')];
    loader.broken.add('points-v3').add('points-v2');
    const set = await models.forStat('POINTS');
    expect(set.primary?.info.id).toBe('points-v1');
    expect(set.fallbackFrom).toBe('points-v3');
    expect(set.unavailableReason).toBeNull();
    expect(loader.loads).toEqual(['points-v3', 'points-v2', 'points-v1']);
    expect(warnings).toEqual([expect.stringMatching(/^POINTS: production model points-v3 is unusable .*serving points-v1, the previous production model$/)]);
    loader.broken.add('points-v1');
    const none = await new ServingModels(registry, new ModelCache(loader, 4)).forStat('POINTS');
    expect(none.primary).toBeNull();
    expect(none.unavailableReason).toMatch(/^production model points-v3 \(POINTS v3\) is unusable/);
  });
});
