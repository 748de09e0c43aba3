import { createHash, timingSafeEqual } from 'node:crypto';

/** What a key may do: `full` every route, `read` GET and HEAD routes only. */
export type ApiKeyAccess = 'full' | 'read';

/** The caller a request was authenticated as; its name is the audit actor. */
export interface ApiPrincipal {
  name: string;
  access: ApiKeyAccess;
}

/** Raised at start-up for a malformed API_KEYS / READ_API_KEYS entry; the message names the variable and entry. */
export class ApiKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyConfigError';
  }
}

export const MIN_SECRET_LENGTH = 16;
const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

interface StoredKey extends ApiPrincipal {
  digest: Buffer;
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Parses one key list: comma-separated entries `name:secret` (split at the first colon) or a bare secret, which is
 * named `<prefix>-<position>`. Secrets are never part of an error message.
 */
export function parseApiKeyList(variable: string, value: string, access: ApiKeyAccess): StoredKey[] {
  const prefix = access === 'full' ? 'key' : 'read-key';
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, i) => {
      const colon = entry.indexOf(':');
      const name = colon >= 0 ? entry.slice(0, colon).trim() : `${prefix}-${i + 1}`;
      const secret = colon >= 0 ? entry.slice(colon + 1).trim() : entry;
      if (!NAME.test(name)) throw new ApiKeyConfigError(`${variable} entry ${i + 1}: the name must be 1-64 letters, digits, . _ @ - (format name:secret)`);
      if (secret.length < MIN_SECRET_LENGTH) throw new ApiKeyConfigError(`${variable} entry ${i + 1} (${name}): the secret must have at least ${MIN_SECRET_LENGTH} characters`);
      return { name, access, digest: sha256(secret) };
    });
}

/** The configured keys of a service; `match` compares a presented secret with every key in constant time. */
export class ApiKeyRing {
  private constructor(private readonly keys: StoredKey[]) {}

  /** Builds the ring from API_KEYS and READ_API_KEYS; throws ApiKeyConfigError for a bad entry, a reused name or secret. */
  static fromEnv(fullKeys: string, readKeys: string): ApiKeyRing {
    const keys = [...parseApiKeyList('API_KEYS', fullKeys, 'full'), ...parseApiKeyList('READ_API_KEYS', readKeys, 'read')];
    const names = new Set<string>();
    const digests = new Set<string>();
    for (const key of keys) {
      if (names.has(key.name)) throw new ApiKeyConfigError(`API key name ${key.name} is used twice (API_KEYS / READ_API_KEYS)`);
      const hex = key.digest.toString('hex');
      if (digests.has(hex)) throw new ApiKeyConfigError(`API key ${key.name} has the same secret as another key`);
      names.add(key.name);
      digests.add(hex);
    }
    return new ApiKeyRing(keys);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The principal whose secret equals `presented`, or undefined. Compares against every key (no early exit) over sha256 digests. */
  match(presented: string): ApiPrincipal | undefined {
    const digest = sha256(presented);
    let found: StoredKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest) && !found) found = key;
    }
    return found ? { name: found.name, access: found.access } : undefined;
  }
}
