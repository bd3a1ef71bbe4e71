import { graphAudience } from '../../auth/access-tokens.js';
import { OAuthError } from './oauth-error.js';

/** Delegated permissions a signed-in user's token can carry: reading their own profile. */
export const grantableDelegatedScopes: readonly string[] = ['User.Read'];

const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

/**
 * The delegated scopes for a password-grant token. `.default` and the OIDC scopes yield what users may
 * consent to here (User.Read); asking for anything else is a consent error, as for an unconsented permission.
 */
export function delegatedScopesFor(scope: string | undefined): string[] {
  const requested = (scope ?? '').split(/\s+/).filter((s) => s !== '' && !oidcScopes.has(s));
  const granted = new Set<string>();
  for (const item of requested) {
    const name = item.replace(/^https:\/\/graph\.microsoft\.com\//i, '').replace(/^00000003-0000-0000-c000-000000000000\//i, '');
    if (name === '.default' || name === '') {
      for (const s of grantableDelegatedScopes) granted.add(s);
      continue;
    }
    const known = grantableDelegatedScopes.find((s) => s.toLowerCase() === name.toLowerCase());
    if (!known) {
      throw new OAuthError(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with the requested permission '${item}' for resource '${graphAudience}'.`,
      );
    }
    granted.add(known);
  }
  if (granted.size === 0) for (const s of grantableDelegatedScopes) granted.add(s);
  return [...granted];
}
