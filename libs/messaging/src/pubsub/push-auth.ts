import { OAuth2Client } from 'google-auth-library';
import { describeError, PushAuthError } from '../errors';

/** Claims of a verified OIDC token that the push check looks at. */
export interface IdTokenClaims {
  email?: string;
  email_verified?: boolean;
}

/** Verifies a Google-signed ID token for an audience; throws when it is not valid. */
export interface IdTokenVerifier {
  verify(idToken: string, audience: string): Promise<IdTokenClaims>;
}

/** OIDC check of push requests. Without `audience` no check is made (emulator, local). */
export interface PushAuthOptions {
  /** The audience the push subscription puts in its tokens (usually the endpoint URL). */
  audience?: string;
  /** When set, the token must belong to this (verified) service account. */
  serviceAccountEmail?: string;
  /** Default: `GoogleIdTokenVerifier` (Google's public certs, cached). */
  verifier?: IdTokenVerifier;
}

/** Request headers as Node / Express give them. */
export type PushRequestHeaders = Record<string, string | string[] | undefined>;

/** Verifies Google-signed ID tokens with google-auth-library's `OAuth2Client.verifyIdToken`. */
export class GoogleIdTokenVerifier implements IdTokenVerifier {
  constructor(private readonly client: OAuth2Client = new OAuth2Client()) {}

  /** Checks signature, expiry, issuer and audience; returns the token's claims. */
  async verify(idToken: string, audience: string): Promise<IdTokenClaims> {
    const ticket = await this.client.verifyIdToken({ idToken, audience });
    const payload = ticket.getPayload();
    if (!payload) throw new Error('token has no payload');
    return payload;
  }
}

let sharedVerifier: GoogleIdTokenVerifier | undefined;

/** Throws `PushAuthError` (401 no bearer token, 403 bad token or wrong account) when `auth.audience` is set. */
export async function verifyPushAuth(headers: PushRequestHeaders, auth: PushAuthOptions | undefined): Promise<void> {
  if (!auth?.audience) return;
  const match = /^Bearer\s+(\S+)$/i.exec(headerValue(headers, 'authorization') ?? '');
  if (!match) throw new PushAuthError(401, 'missing bearer token');
  let claims: IdTokenClaims;
  try {
    claims = await (auth.verifier ?? (sharedVerifier ??= new GoogleIdTokenVerifier())).verify(match[1], auth.audience);
  } catch (error) {
    throw new PushAuthError(403, `invalid push token: ${describeError(error)}`);
  }
  if (auth.serviceAccountEmail && (claims.email !== auth.serviceAccountEmail || claims.email_verified !== true)) {
    throw new PushAuthError(403, `push token is not from ${auth.serviceAccountEmail}`);
  }
}

function headerValue(headers: PushRequestHeaders, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
