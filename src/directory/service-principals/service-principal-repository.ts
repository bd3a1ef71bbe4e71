import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import type { ServicePrincipal } from './service-principal.js';

export function servicePrincipalToRow(sp: ServicePrincipal) {
  return {
    id: sp.id,
    app_id: sp.appId,
    display_name: sp.displayName,
    display_name_lower: sp.displayName?.toLowerCase() ?? null,
    account_enabled: sp.accountEnabled ? 1 : 0,
    app_role_assignment_required: sp.appRoleAssignmentRequired ? 1 : 0,
    service_principal_type: sp.servicePrincipalType,
    application_template_id: sp.applicationTemplateId,
    tags: JSON.stringify(sp.tags),
    service_principal_names: JSON.stringify(sp.servicePrincipalNames),
    created_at: sp.createdDateTime,
    deleted_at: sp.deletedDateTime,
    data: JSON.stringify(sp),
  };
}

export function servicePrincipalFromData(data: string): ServicePrincipal {
  return JSON.parse(data) as ServicePrincipal;
}

export async function insertServicePrincipal(db: Kysely<Database>, sp: ServicePrincipal): Promise<void> {
  await db.insertInto('service_principals').values(servicePrincipalToRow(sp)).execute();
  await appendChange(db, { objectType: 'servicePrincipal', objectId: sp.id, changeType: 'created' });
}

export async function findServicePrincipalByAppId(db: Kysely<Database>, appId: string): Promise<ServicePrincipal | undefined> {
  const row = await db
    .selectFrom('service_principals')
    .select('data')
    .where('app_id', '=', appId.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? servicePrincipalFromData(row.data) : undefined;
}

export async function findServicePrincipalById(db: Kysely<Database>, id: string): Promise<ServicePrincipal | undefined> {
  const row = await db
    .selectFrom('service_principals')
    .select('data')
    .where('id', '=', id.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? servicePrincipalFromData(row.data) : undefined;
}

/** Replaces the stored service principal (same id) and records the change. */
export async function updateServicePrincipal(db: Kysely<Database>, sp: ServicePrincipal, changed: readonly string[]): Promise<void> {
  const { id, ...row } = servicePrincipalToRow(sp);
  await db.updateTable('service_principals').set(row).where('id', '=', id).execute();
  await appendChange(db, { objectType: 'servicePrincipal', objectId: id, changeType: 'updated', details: { changed } });
}

/** Deletes a service principal; its app role assignments and synchronization state go with it. */
export async function deleteServicePrincipal(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('app_role_assignments').where((eb) => eb.or([eb('principal_id', '=', id), eb('resource_id', '=', id)])).execute();
  await db.deleteFrom('service_principals').where('id', '=', id).execute();
  await appendChange(db, { objectType: 'servicePrincipal', objectId: id, changeType: 'purged' });
}
