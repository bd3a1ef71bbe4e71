import type { Kysely, Selectable } from 'kysely';
import type { AppRoleAssignmentsTable, Database } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import { newGuid } from '../guid.js';
import type { AppRoleAssignment } from './app-role-assignment.js';

export function appRoleAssignmentFromRow(row: Selectable<AppRoleAssignmentsTable>): AppRoleAssignment {
  return {
    id: row.id,
    appRoleId: row.app_role_id,
    createdDateTime: row.created_at,
    deletedDateTime: null,
    principalDisplayName: row.principal_display_name,
    principalId: row.principal_id,
    principalType: row.principal_type as AppRoleAssignment['principalType'],
    resourceDisplayName: row.resource_display_name,
    resourceId: row.resource_id,
  };
}

export type NewAppRoleAssignment = Omit<AppRoleAssignment, 'id' | 'createdDateTime' | 'deletedDateTime'>;

/** Grants an app role; granting one the principal already holds returns the existing assignment. */
export async function assignAppRole(db: Kysely<Database>, input: NewAppRoleAssignment): Promise<AppRoleAssignment> {
  const existing = await db
    .selectFrom('app_role_assignments')
    .selectAll()
    .where('resource_id', '=', input.resourceId)
    .where('principal_id', '=', input.principalId)
    .where('app_role_id', '=', input.appRoleId)
    .executeTakeFirst();
  if (existing) return appRoleAssignmentFromRow(existing);
  const row = {
    id: newGuid(),
    app_role_id: input.appRoleId,
    principal_id: input.principalId,
    principal_type: input.principalType,
    principal_display_name: input.principalDisplayName,
    resource_id: input.resourceId,
    resource_display_name: input.resourceDisplayName,
    created_at: new Date().toISOString(),
  };
  await db.insertInto('app_role_assignments').values(row).execute();
  await appendChange(db, { objectType: 'appRoleAssignment', objectId: row.id, changeType: 'created', details: { principalId: row.principal_id, resourceId: row.resource_id } });
  return appRoleAssignmentFromRow(row);
}

export async function removeAppRoleAssignment(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('app_role_assignments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return false;
  await db.deleteFrom('app_role_assignments').where('id', '=', id).execute();
  await appendChange(db, { objectType: 'appRoleAssignment', objectId: id, changeType: 'deleted', details: { principalId: row.principal_id, resourceId: row.resource_id } });
  return true;
}

export async function listAssignmentsOfPrincipal(db: Kysely<Database>, principalId: string, resourceId?: string): Promise<AppRoleAssignment[]> {
  let query = db.selectFrom('app_role_assignments').selectAll().where('principal_id', '=', principalId);
  if (resourceId !== undefined) query = query.where('resource_id', '=', resourceId);
  const rows = await query.orderBy('created_at').execute();
  return rows.map(appRoleAssignmentFromRow);
}
