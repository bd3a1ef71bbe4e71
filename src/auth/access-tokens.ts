import { randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, decodeProtectedHeader } from 'jose';
import { InvalidAuthenticationTokenError } from '../errors/graph-error.js';
import type { SigningKeyRing } from './signing-keys.js';

/** Audiences a Graph token may carry: Graph's URL, Graph's appId, or this server's own base URL. */
export const graphAudience = 'https://graph.microsoft.com';
export const graphAppIdAudience = '00000003-0000-0000-c000-000000000000';

export interface AccessTokenClaims {
  tid: string;
  /** Client application (appId) the token was issued to. */
  appid: string;
  /** Object id of the client's service principal (app-only) or of the signed-in user (delegated). */
  oid: string;
  sub: string;
  /** Application permissions (app-only tokens). */
  roles: string[];
  /** Delegated permissions, space separated (delegated tokens). */
  scp?: string;
  idtyp: 'app' | 'user';
  app_displayname?: string;
  aud: string;
  iss: string;
  exp: number;
  iat: number;
}

export interface IssueTokenInput {
  issuer: string;
  audience: string;
  tenantId: string;
  appId: string;
  appDisplayName: string | null;
  objectId: string;
  roles: string[];
  lifetimeSeconds: number;
}

/** Claims every access token carries, and the signature: one place for the token's envelope. */
interface TokenEnvelope {
  issuer: string;
  audience: string;
  tenantId: string;
  appId: string;
  appDisplayName: string | null;
  subject: string;
  lifetimeSeconds: number;
}

function signToken(keys: SigningKeyRing, envelope: TokenEnvelope, claims: Record<string, unknown>): Promise<string> {
  const { kid, key } = keys.signingKey();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: envelope.tenantId,
    appid: envelope.appId,
    azp: envelope.appId,
    app_displayname: envelope.appDisplayName ?? undefined,
    oid: envelope.subject,
    ...claims,
    ver: '2.0',
    uti: randomBytes(16).toString('base64url'),
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
    .setIssuer(envelope.issuer)
    .setAudience(envelope.audience)
    .setSubject(envelope.subject)
    .setIssuedAt(now)
    .setNotBefore(now - 300)
    .setExpirationTime(now + envelope.lifetimeSeconds)
    .sign(key);
}

/** An app-only token: the client's service principal, its application permissions in `roles`. */
export function issueAppToken(keys: SigningKeyRing, input: IssueTokenInput): Promise<string> {
  return signToken(keys, { ...input, subject: input.objectId }, { roles: input.roles, idtyp: 'app' });
}

export interface IssueUserTokenInput {
  issuer: string;
  audience: string;
  tenantId: string;
  appId: string;
  appDisplayName: string | null;
  userId: string;
  userPrincipalName: string;
  name: string | null;
  /** Delegated permissions granted, e.g. ["User.Read"]. */
  scopes: readonly string[];
  lifetimeSeconds: number;
}

/** A delegated (user) token, shaped like Microsoft's v2.0 access tokens for a signed-in user. */
export function issueUserToken(keys: SigningKeyRing, input: IssueUserTokenInput): Promise<string> {
  return signToken(keys, { ...input, subject: input.userId }, {
    upn: input.userPrincipalName,
    unique_name: input.userPrincipalName,
    name: input.name ?? undefined,
    scp: input.scopes.join(' '),
    idtyp: 'user',
  });
}

/**
 * Verifies a bearer token: signature by one of our keys, expiry, audience and tenant. Verified tokens are
 * cached until they expire, because clients reuse one token for an hour and RSA verification dominates the
 * cost of a small request.
 */
export class AccessTokenVerifier {
  private readonly cache = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly keys: SigningKeyRing,
    private readonly tenantId: string,
    private readonly acceptedAudiences: (audience: string) => boolean,
    private readonly maxCacheEntries = 10_000,
  ) {}

  async verify(token: string): Promise<AccessTokenClaims> {
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.exp * 1000 > Date.now()) return cached;
      this.cache.delete(token);
    }
    const claims = await this.verifyUncached(token);
    if (this.cache.size >= this.maxCacheEntries) this.cache.clear();
    this.cache.set(token, claims);
    return claims;
  }

  private async verifyUncached(token: string): Promise<AccessTokenClaims> {
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'RS256') throw new InvalidAuthenticationTokenError('Access token has an unsupported signing algorithm.');
      kid = header.kid;
    } catch (error) {
      if (error instanceof InvalidAuthenticationTokenError) throw error;
      throw new InvalidAuthenticationTokenError('IDX14100: JWT is not well formed.');
    }
    const key = kid === undefined ? undefined : await this.keys.verificationKey(kid);
    if (!key) throw new InvalidAuthenticationTokenError('Access token validation failure: the signing key is not known.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new InvalidAuthenticationTokenError('Lifetime validation failed, the token is expired.');
      }
      throw new InvalidAuthenticationTokenError('Access token validation failure. Invalid signature.');
    }
    if (payload.tid !== this.tenantId || typeof payload.iss !== 'string' || !payload.iss.endsWith(`/${this.tenantId}/v2.0`)) {
      throw new InvalidAuthenticationTokenError('Access token validation failure: the token was issued for another tenant.');
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.some((aud) => typeof aud === 'string' && this.acceptedAudiences(aud))) {
      throw new InvalidAuthenticationTokenError('Invalid audience.');
    }
    return payload as unknown as AccessTokenClaims;
  }
}
