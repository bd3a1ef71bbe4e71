import type { Kysely } from 'kysely';
import { graphPermissions, permissionForAppRoleId, type Permission } from '../auth/permissions.js';
import type { Database } from '../store/database.js';
import { newApplication } from './applications/application.js';
import { findApplicationByAppId, insertApplication } from './applications/application-repository.js';
import { addPassword, verifyApplicationSecret } from './applications/password-credentials.js';
import { assignAppRole, listAssignmentsOfPrincipal, removeAppRoleAssignment } from './app-role-assignments/app-role-assignment-repository.js';
import { newGuid } from './guid.js';
import { ensureMicrosoftGraphServicePrincipal } from './microsoft-graph-resource.js';
import { newServicePrincipal, type ServicePrincipal } from './service-principals/service-principal.js';
import { findServicePrincipalByAppId, insertServicePrincipal } from './service-principals/service-principal-repository.js';

/**
 * API clients are ordinary app registrations with a service principal and a client secret; their permissions
 * are app role assignments to the Microsoft Graph service principal. This module is the CLI's and the
 * bootstrap's way in; Graph routes reach the same records through the directory.
 */
export interface ApiClient {
  appId: string;
  applicationId: string;
  servicePrincipalId: string;
  displayName: string | null;
  permissions: Permission[];
}

export interface CreateClientInput {
  displayName: string;
  permissions: readonly Permission[];
  appId?: string;
  secretText?: string;
  secretDisplayName?: string;
}

export async function createApiClient(db: Kysely<Database>, input: CreateClientInput): Promise<{ client: ApiClient; secretText: string }> {
  return db.transaction().execute(async (trx) => {
    const appId = input.appId ?? newGuid();
    const application = newApplication({ id: newGuid(), appId, displayName: input.displayName });
    await insertApplication(trx, application);
    const sp = newServicePrincipal({ id: newGuid(), appId, displayName: input.displayName });
    await insertServicePrincipal(trx, sp);
    const credential = await addPassword(trx, application.id, {
      displayName: input.secretDisplayName ?? 'Provisio client secret',
      ...(input.secretText === undefined ? {} : { secretText: input.secretText }),
    });
    await grant(trx, sp, input.permissions);
    const client: ApiClient = {
      appId,
      applicationId: application.id,
      servicePrincipalId: sp.id,
      displayName: input.displayName,
      permissions: [...input.permissions].sort(),
    };
    return { client, secretText: credential.secretText! };
  });
}

async function grant(db: Kysely<Database>, sp: ServicePrincipal, permissions: readonly Permission[]): Promise<void> {
  const graph = await ensureMicrosoftGraphServicePrincipal(db);
  for (const permission of permissions) {
    await assignAppRole(db, {
      appRoleId: graphPermissions[permission],
      principalId: sp.id,
      principalType: 'ServicePrincipal',
      principalDisplayName: sp.displayName,
      resourceId: graph.id,
      resourceDisplayName: graph.displayName,
    });
  }
}

export class UnknownClientError extends Error {
  readonly code = 'UnknownClient';
  constructor(appId: string) {
    super(`No application with appId ${appId} exists in this tenant.`);
  }
}

async function requireServicePrincipal(db: Kysely<Database>, appId: string): Promise<ServicePrincipal> {
  const sp = await findServicePrincipalByAppId(db, appId);
  if (!sp) throw new UnknownClientError(appId);
  return sp;
}

export async function grantPermissions(db: Kysely<Database>, appId: string, permissions: readonly Permission[]): Promise<void> {
  await db.transaction().execute(async (trx) => grant(trx, await requireServicePrincipal(trx, appId), permissions));
}

export async function revokePermissions(db: Kysely<Database>, appId: string, permissions: readonly Permission[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sp = await requireServicePrincipal(trx, appId);
    const graph = await ensureMicrosoftGraphServicePrincipal(trx);
    const revoked = new Set<string>(permissions.map((permission) => graphPermissions[permission]));
    for (const assignment of await listAssignmentsOfPrincipal(trx, sp.id, graph.id)) {
      if (revoked.has(assignment.appRoleId)) await removeAppRoleAssignment(trx, assignment.id);
    }
  });
}

/** The application permissions a service principal holds on Microsoft Graph: the token's `roles` claim. */
export async function permissionsOf(db: Kysely<Database>, servicePrincipalId: string): Promise<Permission[]> {
  const rows = await db
    .selectFrom('app_role_assignments as a')
    .innerJoin('service_principals as r', 'r.id', 'a.resource_id')
    .select('a.app_role_id')
    .where('a.principal_id', '=', servicePrincipalId)
    .where('r.app_id', '=', '00000003-0000-0000-c000-000000000000')
    .execute();
  const permissions = rows.map((row) => permissionForAppRoleId(row.app_role_id)).filter((p): p is Permission => p !== undefined);
  return [...new Set(permissions)].sort();
}

export async function listApiClients(db: Kysely<Database>): Promise<ApiClient[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('service_principals as s', 's.app_id', 'a.app_id')
    .select(['a.id as applicationId', 'a.app_id as appId', 's.id as servicePrincipalId', 'a.display_name as displayName'])
    .where('a.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('password_credentials as p').select('p.key_id').whereRef('p.application_id', '=', 'a.id')))
    .orderBy('a.display_name')
    .execute();
  return Promise.all(rows.map(async (row) => ({ ...row, permissions: await permissionsOf(db, row.servicePrincipalId) })));
}

export type ClientAuthenticationResult =
  | { ok: true; servicePrincipal: ServicePrincipal; permissions: Permission[] }
  | { ok: false; reason: 'unknown_client' | 'invalid_secret' | 'disabled' };

/** Checks client credentials the way the token endpoint needs: which client, is the secret right, is it enabled. */
export async function authenticateClient(db: Kysely<Database>, appId: string, secretText: string): Promise<ClientAuthenticationResult> {
  const application = await findApplicationByAppId(db, appId);
  if (!application) return { ok: false, reason: 'unknown_client' };
  if (!(await verifyApplicationSecret(db, application.id, secretText))) return { ok: false, reason: 'invalid_secret' };
  const sp = await findServicePrincipalByAppId(db, appId);
  if (!sp) return { ok: false, reason: 'unknown_client' };
  if (!sp.accountEnabled) return { ok: false, reason: 'disabled' };
  return { ok: true, servicePrincipal: sp, permissions: await permissionsOf(db, sp.id) };
}
