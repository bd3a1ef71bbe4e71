import type { FastifyRequest } from 'fastify';
import { graphAudience, issueUserToken } from '../../auth/access-tokens.js';
import { findApplicationByAppId } from '../../directory/applications/application-repository.js';
import { verifyApplicationSecret } from '../../directory/applications/password-credentials.js';
import { findUser } from '../../directory/users/user-repository.js';
import { verifyUserPassword } from '../../directory/users/user-password.js';
import type { ServiceContext } from '../service-context.js';
import { delegatedScopesFor } from './delegated-scopes.js';
import { OAuthError, missingParameter } from './oauth-error.js';

/**
 * `grant_type=password` (resource-owner password credentials): a delegated token for a directory user whose
 * password Provisio can verify — set through passwordProfile, or synchronized from Active Directory. The
 * client is any app registration of the tenant; a confidential client must also prove its secret.
 */
export async function passwordGrant(
  _request: FastifyRequest,
  context: ServiceContext,
  form: Record<string, string>,
  baseUrl: string,
): Promise<string> {
  const { tenant, keys, store, config } = context;
  const clientId = form.client_id;
  if (!clientId) throw missingParameter('client_id');
  const username = form.username;
  if (!username) throw missingParameter('username');
  const password = form.password;
  if (password === undefined || password === '') throw missingParameter('password');
  const application = await findApplicationByAppId(store.db, clientId);
  if (!application) {
    throw new OAuthError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'.`);
  }
  if (form.client_secret !== undefined && !(await verifyApplicationSecret(store.db, application.id, form.client_secret))) {
    throw new OAuthError(401, 'invalid_client', 7000215, `Invalid client secret provided for app '${clientId}'.`);
  }
  const scopes = delegatedScopesFor(form.scope);
  const stored = await findUser(store.db, username);
  if (!stored) {
    throw new OAuthError(400, 'invalid_grant', 50034, `The user account ${username} does not exist in the ${tenant.defaultDomain} directory. To sign into this application, the account must be added to the directory.`);
  }
  // Verify before revealing the account state, so a wrong password never learns whether an account is disabled.
  if (!(await verifyUserPassword(password, stored.passwordHash))) {
    throw new OAuthError(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
  }
  if (!stored.user.accountEnabled) {
    throw new OAuthError(400, 'invalid_grant', 50057, 'The user account is disabled.');
  }
  return issueUserToken(keys, {
    issuer: `${baseUrl}/${tenant.id}/v2.0`,
    audience: graphAudience,
    tenantId: tenant.id,
    appId: clientId,
    appDisplayName: application.displayName,
    userId: stored.user.id,
    userPrincipalName: stored.user.userPrincipalName,
    name: stored.user.displayName,
    scopes,
    lifetimeSeconds: config.tokenLifetimeSeconds,
  });
}
