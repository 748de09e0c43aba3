import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import { PushAuthError } from '../errors';
import { GoogleIdTokenVerifier, verifyPushAuth } from './push-auth';

const AUDIENCE = 'https://coordinator.propcast.test/pubsub/push';
const SERVICE_ACCOUNT = 'pubsub-push@propcast.iam.gserviceaccount.com';
const KID = 'test-key';

const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A Google-style RS256 ID token signed with a local key. */
function idToken(key: KeyObject, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64url({
    iss: 'https://accounts.google.com',
    aud: AUDIENCE,
    sub: '1234',
    email: SERVICE_ACCOUNT,
    email_verified: true,
    iat: now,
    exp: now + 600,
    ...claims,
  })}`;
  return `${head}.${b64url(sign('RSA-SHA256', Buffer.from(head), key))}`;
}

describe('GoogleIdTokenVerifier + verifyPushAuth (locally signed tokens, Google certs stubbed)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = new OAuth2Client();
  jest.spyOn(client, 'getFederatedSignonCertsAsync').mockResolvedValue({ certs: { [KID]: publicKey.export({ type: 'spki', format: 'pem' }).toString() } } as never);
  const auth = { audience: AUDIENCE, serviceAccountEmail: SERVICE_ACCOUNT, verifier: new GoogleIdTokenVerifier(client) };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('accepts a valid token for the audience from the expected service account', async () => {
    await expect(verifyPushAuth(bearer(idToken(privateKey, {})), auth)).resolves.toBeUndefined();
  });

  it.each([
    ['another audience', () => idToken(privateKey, { aud: 'https://elsewhere.test' }), /invalid push token/],
    ['an expired token', () => idToken(privateKey, { iat: 1000, exp: 2000 }), /invalid push token/],
    ['a foreign signature', () => idToken(other.privateKey, {}), /invalid push token/],
    ['another service account', () => idToken(privateKey, { email: 'intruder@evil.test' }), /is not from/],
    ['an unverified email', () => idToken(privateKey, { email_verified: false }), /is not from/],
  ])('rejects %s with 403', async (_name, token, message) => {
    const error = await verifyPushAuth(bearer(token()), auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushAuthError);
    expect(error).toMatchObject({ status: 403, message: expect.stringMatching(message) });
  });
});
