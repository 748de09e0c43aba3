import { ConfigError } from '@propcast/config';
import { loadApiConfig } from './config';

describe('api configuration', () => {
  it('listens on 3006 and calls picks with the worker gates by default', () => {
    expect(loadApiConfig({})).toMatchObject({ PORT: 3006, MIN_EDGE: 0.03, MIN_CONFIDENCE: 0.05, KELLY_FRACTION: 0.25, KELLY_CAP: 0.05, ARTIFACT_STORE_URI: './var/artifacts' });
  });

  it('reads neither Redis nor the event bus', () => {
    expect(Object.keys(loadApiConfig({}))).not.toEqual(expect.arrayContaining(['REDIS_URL']));
    expect(Object.keys(loadApiConfig({}))).not.toContain('EVENT_TRANSPORT');
  });

  it('rejects a malformed variable in one line naming it', () => {
    expect(() => loadApiConfig({ PORT: 'not-a-port' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ PORT: 'not-a-port' })).toThrow(/^invalid configuration: PORT is malformed/);
    expect(() => loadApiConfig({ KELLY_CAP: '2' })).toThrow(/KELLY_CAP/);
  });
});
