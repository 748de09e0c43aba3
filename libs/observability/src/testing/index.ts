import type { INestApplication } from '@nestjs/common';
import type { ApiAuthenticator } from '../auth/api-authenticator';
import { installHttpPlatform, type HttpPlatformOptions } from '../http/install-http-platform';

/** Keys of tests: `tester` (API_KEYS, full access) and `reader` (READ_API_KEYS). */
export const TEST_KEYS = { full: 'test-full-key-0123456789abcdef', read: 'test-read-key-0123456789abcdef' } as const;

/** The auth variables of a service under test: the env a test process needs, or the config of an in-process app. */
export const TEST_AUTH_ENV = {
  API_KEYS: `tester:${TEST_KEYS.full}`,
  READ_API_KEYS: `reader:${TEST_KEYS.read}`,
} as const;

/** Headers carrying a test key (full access unless `read`). */
export function testAuthHeaders(kind: 'full' | 'read' = 'full'): { authorization: string } {
  return { authorization: `Bearer ${TEST_KEYS[kind]}` };
}

/** Installs the shared HTTP platform (API-key guard, error filter, OpenAPI) on an in-process app, with the test keys. */
export function installTestHttpPlatform(
  app: INestApplication,
  service: string,
  options: Omit<HttpPlatformOptions, 'service' | 'auth'> & { auth?: Partial<HttpPlatformOptions['auth']> } = {},
): ApiAuthenticator {
  return installHttpPlatform(app, {
    ...options,
    service,
    auth: { ...TEST_AUTH_ENV, AUTH_DISABLED: false, AUTH_FAILURES_PER_MINUTE: 10, ...options.auth },
  });
}
