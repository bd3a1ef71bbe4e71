import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessTokenClaims, AccessTokenVerifier } from '../../auth/access-tokens.js';
import { AuthorizationDeniedError, InvalidAuthenticationTokenError } from '../../errors/graph-error.js';
import { holdsAny, type Principal } from './principal.js';

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') throw new InvalidAuthenticationTokenError('Access token is empty.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new InvalidAuthenticationTokenError('Access token validation failure. Invalid audience or scheme.');
  return match[1];
}

function principalOf(claims: AccessTokenClaims): Principal {
  if (claims.idtyp === 'user') {
    return {
      kind: 'user',
      appId: claims.appid,
      objectId: claims.oid,
      permissions: new Set((claims.scp ?? '').split(' ').filter(Boolean)),
    };
  }
  return { kind: 'app', appId: claims.appid, objectId: claims.oid, permissions: new Set(claims.roles) };
}

/**
 * Guards every route registered in this encapsulation context: each must declare `config.permissions`
 * (a missing declaration fails at startup, not in production), and a request must carry a valid bearer
 * token holding one of them. Runs at onRequest so an unauthenticated caller never gets its body parsed.
 */
export function installBearerAuthentication(app: FastifyInstance, verifier: AccessTokenVerifier): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRoute', (route) => {
    if (route.config?.permissions === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare the permissions it requires`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const claims = await verifier.verify(bearerToken(request));
    const principal = principalOf(claims);
    request.principal = principal;
    const required = request.routeOptions.config.permissions ?? [];
    if (required.length > 0 && !holdsAny(principal, required)) {
      throw new AuthorizationDeniedError('Insufficient privileges to complete the operation.');
    }
  });
}
