import type { FastifyRequest } from 'fastify';
import { issueAppToken } from '../../auth/access-tokens.js';
import { authenticateClient } from '../../directory/api-clients.js';
import type { ServiceContext } from '../service-context.js';
import { readClientCredentials } from './client-authentication.js';
import { OAuthError } from './oauth-error.js';
import { audienceForScope } from './token-audience.js';

/** `grant_type=client_credentials`: an app token whose roles are the client's Microsoft Graph app role assignments. */
export async function clientCredentialsGrant(
  request: FastifyRequest,
  context: ServiceContext,
  form: Record<string, string>,
  baseUrl: string,
): Promise<string> {
  const { tenant, keys, store, config } = context;
  const credentials = readClientCredentials(form, request.headers.authorization);
  const audience = audienceForScope(form.scope, baseUrl);
  const result = await authenticateClient(store.db, credentials.clientId, credentials.clientSecret);
  if (!result.ok) {
    switch (result.reason) {
      case 'unknown_client':
        throw new OAuthError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${credentials.clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        );
      case 'invalid_secret':
        throw new OAuthError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${credentials.clientId}'.`,
        );
      case 'disabled':
        throw new OAuthError(400, 'unauthorized_client', 7000112, `Application '${credentials.clientId}' is disabled.`);
    }
  }
  return issueAppToken(keys, {
    issuer: `${baseUrl}/${tenant.id}/v2.0`,
    audience,
    tenantId: tenant.id,
    appId: credentials.clientId,
    appDisplayName: result.servicePrincipal.displayName,
    objectId: result.servicePrincipal.id,
    roles: result.permissions,
    lifetimeSeconds: config.tokenLifetimeSeconds,
  });
}
