import type { FastifyInstance, FastifyRequest } from 'fastify';
import { issueAppToken } from '../../auth/access-tokens.js';
import { authenticateClient } from '../../directory/api-clients.js';
import { publicBaseUrl } from '../public-url.js';
import type { ServiceContext } from '../service-context.js';
import { readClientCredentials } from './client-authentication.js';
import { discoveryDocument } from './discovery-document.js';
import { OAuthError, oauthErrorBody } from './oauth-error.js';
import { assertTenantSegment } from './tenant-segment.js';
import { audienceForScope } from './token-audience.js';

type TenantParams = { tenant: string };

/**
 * The identity-platform endpoints real clients (MSAL, azure-identity) need: discovery, JWKS and the token
 * endpoint. Errors here use the OAuth 2.0 error body with AADSTS codes, not Graph's envelope.
 */
export function registerOAuthRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { config, tenant, keys, store } = context;

  app.setErrorHandler((error, request, reply) => {
    const oauthError =
      error instanceof OAuthError
        ? error
        : new OAuthError(400, 'invalid_request', 900144, 'The request body must be application/x-www-form-urlencoded.');
    if (!(error instanceof OAuthError) && (error as { statusCode?: number }).statusCode === undefined) {
      request.log.error({ err: error }, 'token endpoint failed');
    }
    return reply.status(oauthError.status).send(oauthErrorBody(oauthError, request.clientRequestId ?? request.id));
  });

  const sendDiscovery = async (request: FastifyRequest<{ Params: TenantParams }>) => {
    assertTenantSegment(request.params.tenant, tenant);
    return discoveryDocument(publicBaseUrl(request, config.publicUrl), tenant.id);
  };
  app.get<{ Params: TenantParams }>('/:tenant/v2.0/.well-known/openid-configuration', sendDiscovery);
  app.get<{ Params: TenantParams }>('/:tenant/.well-known/openid-configuration', sendDiscovery);

  app.get<{ Params: TenantParams }>('/:tenant/discovery/v2.0/keys', async (request) => {
    assertTenantSegment(request.params.tenant, tenant);
    return keys.jwks();
  });

  app.post<{ Params: TenantParams; Body: Record<string, string> | undefined }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    assertTenantSegment(request.params.tenant, tenant);
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new OAuthError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    }
    const form = request.body ?? {};
    const grantType = form.grant_type;
    if (grantType === undefined || grantType === '') {
      throw new OAuthError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    }
    if (grantType !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
    const baseUrl = publicBaseUrl(request, config.publicUrl);
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
    const lifetime = config.tokenLifetimeSeconds;
    const accessToken = await issueAppToken(keys, {
      issuer: `${baseUrl}/${tenant.id}/v2.0`,
      audience,
      tenantId: tenant.id,
      appId: credentials.clientId,
      appDisplayName: result.servicePrincipal.displayName,
      objectId: result.servicePrincipal.id,
      roles: result.permissions,
      lifetimeSeconds: lifetime,
    });
    void reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
    return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
  });
}
