import { ApiKeyConfigError, ApiKeyRing, parseApiKeyList } from './api-keys';

const SECRET_A = 'aaaaaaaaaaaaaaaa-1';
const SECRET_B = 'bbbbbbbbbbbbbbbb-2';

describe('API key lists', () => {
  it('reads name:secret entries and names bare secrets by position', () => {
    const keys = parseApiKeyList('API_KEYS', ` ops:${SECRET_A} , ${SECRET_B},`, 'full');
    expect(keys.map((k) => [k.name, k.access])).toEqual([
      ['ops', 'full'],
      ['key-2', 'full'],
    ]);
    expect(parseApiKeyList('READ_API_KEYS', SECRET_A, 'read').map((k) => k.name)).toEqual(['read-key-1']);
  });

  it('refuses short secrets and bad names without echoing the secret', () => {
    expect(() => parseApiKeyList('API_KEYS', 'ops:short', 'full')).toThrow(/API_KEYS entry 1 \(ops\): the secret must have at least 16 characters/);
    expect(() => parseApiKeyList('API_KEYS', `bad name:${SECRET_A}`, 'full')).toThrow(ApiKeyConfigError);
    try {
      parseApiKeyList('API_KEYS', `bad name:${SECRET_A}`, 'full');
    } catch (err) {
      expect((err as Error).message).not.toContain(SECRET_A);
    }
  });

  it('refuses a name or a secret used twice across both lists', () => {
    expect(() => ApiKeyRing.fromEnv(`ops:${SECRET_A}`, `ops:${SECRET_B}`)).toThrow(/name ops is used twice/);
    expect(() => ApiKeyRing.fromEnv(`ops:${SECRET_A}`, `reader:${SECRET_A}`)).toThrow(/reader has the same secret/);
  });

  it('matches a presented secret to its key, and nothing else', () => {
    const ring = ApiKeyRing.fromEnv(`ops:${SECRET_A}`, `reader:${SECRET_B}`);
    expect(ring.match(SECRET_A)).toEqual({ name: 'ops', access: 'full' });
    expect(ring.match(SECRET_B)).toEqual({ name: 'reader', access: 'read' });
    expect(ring.match(`${SECRET_A}x`)).toBeUndefined();
    expect(ring.match('')).toBeUndefined();
  });
});
