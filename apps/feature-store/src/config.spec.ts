import { ConfigError } from '@propcast/config';
import { loadFeatureStoreConfig } from './config';

describe('feature-store configuration', () => {
  it('defaults to every processor of player-props@v1', () => {
    expect(loadFeatureStoreConfig({})).toMatchObject({
      PORT: 3002,
      FEATURE_SET: 'player-props@v1',
      FEATURE_PROCESSORS: 'team-defense,player-form,player-context',
      FEATURE_CACHE_TTL_SECONDS: 86_400,
      FEATURE_UPCOMING_DAYS: 2,
      EVENT_TRANSPORT: 'redis-streams',
    });
  });

  it('rejects unknown processors and feature sets in one line naming the variable', () => {
    expect(() => loadFeatureStoreConfig({ FEATURE_PROCESSORS: 'player-form,injuries' })).toThrow(ConfigError);
    expect(() => loadFeatureStoreConfig({ FEATURE_PROCESSORS: 'player-form,injuries' })).toThrow(
      /^invalid configuration: FEATURE_PROCESSORS is malformed: "player-form,injuries": unknown processor "injuries"/,
    );
    expect(() => loadFeatureStoreConfig({ FEATURE_PROCESSORS: 'player-context' })).toThrow(/runs after "team-defense", which is not configured/);
    expect(() => loadFeatureStoreConfig({ FEATURE_SET: 'v9' })).toThrow(/FEATURE_SET is malformed: "v9": unknown feature set "v9" \(known: player-props@v1, player-props@v2, player-props@v3\)/);
  });
});
