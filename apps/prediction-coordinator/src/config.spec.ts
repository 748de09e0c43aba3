import { ConfigError } from '@propcast/config';
import { loadPredictionCoordinatorConfig } from './config';

describe('prediction-coordinator configuration', () => {
  it('has working defaults', () => {
    expect(loadPredictionCoordinatorConfig({})).toMatchObject({
      PORT: 3004,
      TRIGGER_MODE: 'all_complete',
      FEATURE_PROCESSORS: 'team-defense,player-form,player-context',
      FEATURE_SET: 'player-props@v1',
      JOB_SIZE: 250,
      JOB_ATTEMPTS: 5,
      API_KEYS: '',
      AUTH_DISABLED: false,
      PUSH_AUDIENCE: '',
    });
  });

  it('names a bad trigger mode, processor list or job size in one line', () => {
    expect(() => loadPredictionCoordinatorConfig({ TRIGGER_MODE: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadPredictionCoordinatorConfig({ TRIGGER_MODE: 'sometimes' })).toThrow(/TRIGGER_MODE is malformed: "sometimes"/);
    expect(() => loadPredictionCoordinatorConfig({ FEATURE_PROCESSORS: 'player-form,nope' })).toThrow(/FEATURE_PROCESSORS is malformed: .*unknown processor "nope"/);
    expect(() => loadPredictionCoordinatorConfig({ JOB_SIZE: '0' })).toThrow(/JOB_SIZE is malformed/);
  });

  it('refuses the retired COORDINATOR_API_KEY, pointing at API_KEYS', () => {
    expect(() => loadPredictionCoordinatorConfig({ COORDINATOR_API_KEY: 'a-key-of-old' })).toThrow(/COORDINATOR_API_KEY is no longer read \(put the key in API_KEYS as coordinator:<key>/);
  });
});
