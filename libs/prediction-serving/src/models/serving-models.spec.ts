import { ProbabilityModel } from '@propcast/prediction';
import type { ServingModel, ServingSet } from '@propcast/training';
import type { StatType } from '@propcast/contracts';
import { ModelArtifactError } from '../errors';
import { ModelCache } from './model-cache';
import type { LoadedModel, ModelLoader } from './model-loader';
import { ServingModels, type ModelRegistryReader } from './serving-models';

const probability = ProbabilityModel.fit(Array.from({ length: 400 }, (_, i) => ({ predicted: 5 + (i % 20), actual: 5 + ((i * 7) % 21), line: 10.5 })), { crossFitFolds: 2 });

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
  async resolveServing(stat: StatType): Promise<ServingSet> {
    return { stat, ...this.serving };
  }
}

class FakeLoader implements ModelLoader {
  loads: string[] = [];
  broken = new Set<string>();
  async load(info: ServingModel): Promise<LoadedModel> {
    this.loads.push(info.id);
    if (this.broken.has(info.id)) throw new ModelArtifactError(info.id, info.artifactUri, 'sha256 mismatch (expected x, got y)');
    return { info, probability, featureNames: ['a'], predictor: { numFeatures: 1, predict: async (f) => f } };
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
  it('evicts the least recently used model beyond its size and shares concurrent loads', async () => {
    const loader = new FakeLoader();
    const cache = new ModelCache(loader, 2);
    await Promise.all([cache.get(model('m-v1', 'PRIMARY')), cache.get(model('m-v1', 'PRIMARY'))]);
    await cache.get(model('m-v2', 'PRIMARY'));
    await cache.get(model('m-v1', 'PRIMARY'));
    await cache.get(model('m-v3', 'PRIMARY'));
    expect(cache.size).toBe(2);
    await cache.get(model('m-v2', 'PRIMARY'));
    expect(loader.loads).toEqual(['m-v1', 'm-v2', 'm-v3', 'm-v2']);
  });

  it('does not keep failed loads', async () => {
    const loader = new FakeLoader();
    loader.broken.add('m-v1');
    const cache = new ModelCache(loader, 2);
    await expect(cache.get(model('m-v1', 'PRIMARY'))).rejects.toThrow(ModelArtifactError);
    loader.broken.clear();
    await expect(cache.get(model('m-v1', 'PRIMARY'))).resolves.toMatchObject({ info: { id: 'm-v1' } });
  });
});
