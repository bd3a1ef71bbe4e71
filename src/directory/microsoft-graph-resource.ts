import type { Kysely } from 'kysely';
import { allPermissions, describePermission, graphPermissions, microsoftGraphAppId } from '../auth/permissions.js';
import type { Database } from '../store/database.js';
import { newGuid } from './guid.js';
import { newServicePrincipal, type ServicePrincipal } from './service-principals/service-principal.js';
import { findServicePrincipalByAppId, insertServicePrincipal } from './service-principals/service-principal-repository.js';

/**
 * The built-in "Microsoft Graph" service principal. Its appRoles are the application permissions; granting
 * one to a client is an app role assignment to this service principal, as on Microsoft's platform.
 */
export async function ensureMicrosoftGraphServicePrincipal(db: Kysely<Database>): Promise<ServicePrincipal> {
  const existing = await findServicePrincipalByAppId(db, microsoftGraphAppId);
  if (existing) return existing;
  const sp = newServicePrincipal({
    id: newGuid(),
    appId: microsoftGraphAppId,
    displayName: 'Microsoft Graph',
    appDisplayName: 'Microsoft Graph',
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    servicePrincipalNames: [microsoftGraphAppId, 'https://graph.microsoft.com', 'https://graph.microsoft.com/'],
    signInAudience: 'AzureADMultipleOrgs',
    appRoles: allPermissions.map((permission) => ({
      allowedMemberTypes: ['Application'],
      description: `Allows the app to ${describePermission(permission).toLowerCase()} without a signed-in user.`,
      displayName: describePermission(permission),
      id: graphPermissions[permission],
      isEnabled: true,
      origin: 'Application',
      value: permission,
    })),
  });
  await insertServicePrincipal(db, sp);
  return sp;
}
