import type { Kysely } from 'kysely';
import type { AppRole } from '../../directory/applications/application.js';
import type { AppRoleAssignment } from '../../expressions/index.js';
import type { Database } from '../../store/database.js';

const chunk = 500;
const defaultAccessRoleId = '00000000-0000-0000-0000-000000000000';

/** App role ids each principal holds on the application: directly, or through a live group it is a direct member of. */
export interface Entitlements {
  readonly direct: ReadonlyMap<string, readonly string[]>;
  readonly viaGroups: ReadonlyMap<string, readonly string[]>;
}

/**
 * Who is assigned to the job's application (engine-behavior §1.10): principals with an app role assignment
 * to its service principal, and the direct members of assigned groups (nested groups are not expanded).
 */
export async function readEntitlements(db: Kysely<Database>, servicePrincipalId: string, principalIds: readonly string[]): Promise<Entitlements> {
  const direct = new Map<string, string[]>();
  const viaGroups = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, role: string) => {
    const roles = map.get(id);
    if (roles) roles.push(role);
    else map.set(id, [role]);
  };
  for (let start = 0; start < principalIds.length; start += chunk) {
    const ids = principalIds.slice(start, start + chunk);
    const assigned = await db
      .selectFrom('app_role_assignments')
      .select(['principal_id', 'app_role_id'])
      .where('resource_id', '=', servicePrincipalId)
      .where('principal_id', 'in', ids)
      .execute();
    for (const row of assigned) add(direct, row.principal_id, row.app_role_id);
    const inherited = await db
      .selectFrom('group_members as m')
      .innerJoin('app_role_assignments as a', (join) => join.onRef('a.principal_id', '=', 'm.group_id').on('a.resource_id', '=', servicePrincipalId))
      .innerJoin('groups as g', 'g.id', 'm.group_id')
      .select(['m.member_id', 'a.app_role_id'])
      .where('g.deleted_at', 'is', null)
      .where('m.member_id', 'in', ids)
      .execute();
    for (const row of inherited) add(viaGroups, row.member_id, row.app_role_id);
  }
  return { direct, viaGroups };
}

/** The assignments as role functions read them: the role's value and display name from the application. */
export function roleAssignments(roleIds: readonly string[], appRoles: readonly AppRole[]): AppRoleAssignment[] {
  const seen = new Set<string>();
  const result: AppRoleAssignment[] = [];
  for (const id of roleIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const role = appRoles.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
    result.push(
      Object.freeze({
        appRoleId: id,
        value: role?.value ?? null,
        displayName: role?.displayName ?? (id === defaultAccessRoleId ? 'Default Access' : null),
      }),
    );
  }
  return result;
}
