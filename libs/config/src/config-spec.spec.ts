import { z } from 'zod';
import { ConfigError, envVar, loadConfig, renderConfigTable } from './config-spec';
import { CommonEnv } from './common-env';

describe('loadConfig', () => {
  const spec = {
    PORT: envVar(z.coerce.number().int().min(1), 'port', { default: '3000' }),
    API_KEY: envVar(z.string().min(8), 'api key', { sensitive: true }),
  };

  it('applies defaults and parses values', () => {
    expect(loadConfig(spec, { API_KEY: 'abcdefgh' })).toEqual({ PORT: 3000, API_KEY: 'abcdefgh' });
  });

  it('names a missing variable in one line', () => {
    expect(() => loadConfig(spec, {})).toThrow(new ConfigError('API_KEY', 'is required but not set', 'api key'));
  });

  it('names a malformed variable and hides sensitive values', () => {
    try {
      loadConfig(spec, { API_KEY: 'short', PORT: '80' });
      throw new Error('expected failure');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('API_KEY is malformed: <hidden>');
      expect((err as Error).message).not.toContain('\n');
    }
    expect(() => loadConfig(spec, { API_KEY: 'abcdefgh', PORT: 'eighty' })).toThrow(/PORT is malformed: "eighty"/);
  });

  it('rejects a database URL of the wrong protocol', () => {
    expect(() => loadConfig({ DATABASE_URL: CommonEnv.DATABASE_URL }, { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL is malformed/);
  });

  it('renders README table rows', () => {
    expect(renderConfigTable(spec)).toEqual(['| `PORT` | `3000` | port |', '| `API_KEY` | (required) | api key |']);
  });
});
