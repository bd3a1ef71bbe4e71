import type { FastifyInstance, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../public-url.js';
import type { ServiceContext } from '../service-context.js';
import { clientCredentialsGrant } from './client-credentials-grant.js';
import { discoveryDocument } from './discovery-document.js';
import { OAuthError, oauthErrorBody } from './oauth-error.js';
import { assertTenantSegment } from './tenant-segment.js';
import { passwordGrant } from './password-grant.js';

type Grant = (request: FastifyRequest, context: ServiceContext, form: Record<string, string>, baseUrl: string) => Promise<string>;

const grants: Readonly<Record<string, Grant>> = {
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
};

type TenantParams = { tenant: string };

/**
 * The identity-platform endpoints real clients (MSAL, azure-identity) need: discovery, JWKS and the token
 * endpoint. Errors here use the OAuth 2.0 error body with AADSTS codes, not Graph's envelope.
 */
export function registerOAuthRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { config, tenant, keys } = context;

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
    const grant = Object.hasOwn(grants, grantType) ? grants[grantType] : undefined;
    if (grant === undefined) {
      throw new OAuthError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
    const baseUrl = publicBaseUrl(request, config.publicUrl);
    const accessToken = await grant(request, context, form, baseUrl);
    context.metrics.tokensIssued.inc({ grant_type: grantType });
    const lifetime = config.tokenLifetimeSeconds;
    void reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
    return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
  });
}
