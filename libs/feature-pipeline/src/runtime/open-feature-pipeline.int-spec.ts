import { openFeaturePipeline } from './open-feature-pipeline';

/** The CLI's `--feature-set` reaches the pipeline through openFeaturePipeline's override of FEATURE_SET. */
describe('openFeaturePipeline feature set', () => {
  const env = {
    DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgresql://propcast:propcast@127.0.0.1:5432/propcast',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  };

  async function featureSetOf(opts: { env: NodeJS.ProcessEnv; featureSet?: string }): Promise<string> {
    const { pipeline, close } = openFeaturePipeline({ withEvents: false, ...opts });
    try {
      return pipeline.featureSet.id;
    } finally {
      await close();
    }
  }

  it('computes FEATURE_SET (default v1) unless the caller names another set, which wins over the variable', async () => {
    expect(await featureSetOf({ env })).toBe('player-props@v1');
    expect(await featureSetOf({ env: { ...env, FEATURE_SET: 'v2' } })).toBe('player-props@v2');
    expect(await featureSetOf({ env, featureSet: 'v2' })).toBe('player-props@v2');
    expect(await featureSetOf({ env: { ...env, FEATURE_SET: 'v2' }, featureSet: 'player-props@v1' })).toBe('player-props@v1');
  });

  it('refuses an unknown set by name, listing the known ones', () => {
    expect(() => openFeaturePipeline({ withEvents: false, env, featureSet: 'v9' })).toThrow(/FEATURE_SET[\s\S]*v9[\s\S]*player-props@v1, player-props@v2/);
  });
});
