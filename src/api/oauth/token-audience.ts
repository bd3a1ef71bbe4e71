import { graphAppIdAudience, graphAudience } from '../../auth/access-tokens.js';
import { OAuthError } from './oauth-error.js';

const ignoredScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

/**
 * The audience of a client-credentials token from its `scope`: exactly one resource with `/.default`.
 * The resource is Microsoft Graph (by URL or appId) or this server's own base URL.
 */
export function audienceForScope(scope: string | undefined, baseUrl: string): string {
  if (scope === undefined || scope.trim() === '') {
    throw new OAuthError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  }
  const scopes = scope.split(/\s+/).filter((s) => s !== '' && !ignoredScopes.has(s));
  const [only] = scopes;
  if (scopes.length !== 1 || only === undefined || !only.endsWith('/.default')) {
    throw new OAuthError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const resource = only.slice(0, -'/.default'.length).replace(/\/+$/, '');
  const own = baseUrl.replace(/\/+$/, '');
  if (resource === graphAudience || resource.toLowerCase() === graphAppIdAudience) return resource.toLowerCase();
  if (resource.toLowerCase() === own.toLowerCase()) return own;
  throw new OAuthError(
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant. This server issues tokens for ${graphAudience} and ${own}.`,
  );
}
