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
      COORDINATOR_API_KEY: '',
      PUSH_AUDIENCE: '',
    });
  });

  it('names a bad trigger mode, processor list or job size in one line', () => {
    expect(() => loadPredictionCoordinatorConfig({ TRIGGER_MODE: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadPredictionCoordinatorConfig({ TRIGGER_MODE: 'sometimes' })).toThrow(/TRIGGER_MODE is malformed: "sometimes"/);
    expect(() => loadPredictionCoordinatorConfig({ FEATURE_PROCESSORS: 'player-form,nope' })).toThrow(/FEATURE_PROCESSORS is malformed: .*unknown processor "nope"/);
    expect(() => loadPredictionCoordinatorConfig({ JOB_SIZE: '0' })).toThrow(/JOB_SIZE is malformed/);
  });
});
