import type { Expression, Kysely, SqlBool } from 'kysely';
import type { AppRole } from '../../directory/applications/application.js';
import { currentWatermark, readChanges } from '../../directory/change-feed.js';
import { groupFromData } from '../../directory/groups/group-repository.js';
import { userFromData } from '../../directory/users/user-repository.js';
import { goneObject, type IncrementalImport, type SourceConnector, type SourceObject } from '../../engine/connectors/source-connector.js';
import type { Database } from '../../store/database.js';
import { groupAttributes, userAttributes } from './directory-attributes.js';
import { reduceChanges } from './directory-changes.js';
import { readEntitlements, roleAssignments } from './directory-entitlements.js';

const chunk = 500;

export interface DirectorySourceOptions {
  /** The job's service principal: its app role assignments are the provisioning scope. */
  readonly servicePrincipalId: string;
  readonly appRoles: readonly AppRole[];
  /** `SyncAll`: every user and group is in scope, assigned or not. */
  readonly syncAll: boolean;
}

type UserRow = { id: string; data: string; manager_id: string | null; deleted_at: string | null };
type GroupRow = { id: string; data: string; deleted_at: string | null };

/**
 * The built-in directory as a job's source. Full imports stream users and groups in id order (keyset pages),
 * incremental imports read the ordered change feed, and entitlement comes from the app role assignments of
 * the job's service principal (or everything, with SyncAll).
 */
export class DirectorySource implements SourceConnector {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: DirectorySourceOptions,
  ) {}

  async currentWatermark(): Promise<string> {
    return String(await currentWatermark(this.db));
  }

  async *fullImport(objectType: string, pageSize: number): AsyncGenerator<readonly SourceObject[]> {
    let after = '';
    for (;;) {
      const rows = objectType === 'Group' ? await this.#groupPage(after, pageSize) : await this.#userPage(after, pageSize);
      if (rows.length === 0) return;
      yield objectType === 'Group' ? await this.#groups(rows as GroupRow[]) : await this.#users(rows as UserRow[]);
      after = rows.at(-1)!.id;
      if (rows.length < pageSize) return;
    }
  }

  async countInScope(objectType: string): Promise<number> {
    const sp = this.options.servicePrincipalId;
    if (objectType === 'Group') {
      let query = this.db.selectFrom('groups as g').select((eb) => eb.fn.countAll<number>().as('count')).where('g.deleted_at', 'is', null);
      if (!this.options.syncAll) query = query.where((eb) => this.#assigned(eb, 'g.id', sp));
      return Number((await query.executeTakeFirst())?.count ?? 0);
    }
    let query = this.db.selectFrom('users as u').select((eb) => eb.fn.countAll<number>().as('count')).where('u.deleted_at', 'is', null);
    if (!this.options.syncAll) query = query.where((eb) => eb.or([this.#assigned(eb, 'u.id', sp), this.#memberOfAssigned(eb, sp)]));
    return Number((await query.executeTakeFirst())?.count ?? 0);
  }

  async incrementalImport(watermark: string, limit: number): Promise<IncrementalImport> {
    const page = await readChanges(this.db, Number(watermark), limit);
    const reduced = reduceChanges(page.changes, this.options.servicePrincipalId);
    const objects = reduced.objects;
    const principals = [...reduced.assignedPrincipals];
    for (let start = 0; start < principals.length; start += chunk) {
      const ids = principals.slice(start, start + chunk);
      const groups = await this.db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
      const groupIds = new Set(groups.map((row) => row.id));
      for (const id of ids) objects.set(id, groupIds.has(id) ? 'Group' : 'User');
      for (const id of groupIds) reduced.groupsLosingOrRegainingMembers.add(id);
    }
    const widened = [...reduced.groupsLosingOrRegainingMembers];
    for (let start = 0; start < widened.length; start += chunk) {
      const rows = await this.db
        .selectFrom('group_members')
        .select('member_id')
        .where('group_id', 'in', widened.slice(start, start + chunk))
        .where('member_type', '=', 'user')
        .execute();
      for (const row of rows) objects.set(row.member_id, 'User');
    }
    return {
      changes: { objects, memberships: reduced.memberships, deltas: page.changes.length, referenceDeltas: reduced.referenceDeltas },
      watermark: String(page.watermark),
      hasMore: page.hasMore,
    };
  }

  async readObjects(objectType: string, ids: readonly string[]): Promise<SourceObject[]> {
    const result: SourceObject[] = [];
    for (let start = 0; start < ids.length; start += chunk) {
      const slice = ids.slice(start, start + chunk);
      const found =
        objectType === 'Group'
          ? await this.#groups(await this.db.selectFrom('groups').select(['id', 'data', 'deleted_at']).where('id', 'in', slice).execute())
          : await this.#users(await this.db.selectFrom('users').select(['id', 'data', 'manager_id', 'deleted_at']).where('id', 'in', slice).execute());
      const byId = new Map(found.map((object) => [object.id, object]));
      for (const id of slice) result.push(byId.get(id) ?? goneObject(id, objectType, { objectId: id }));
    }
    return result;
  }

  async groupsContaining(memberIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    for (let start = 0; start < memberIds.length; start += chunk) {
      const rows = await this.db
        .selectFrom('group_members as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select(['m.member_id', 'm.group_id'])
        .where('g.deleted_at', 'is', null)
        .where('m.member_id', 'in', memberIds.slice(start, start + chunk))
        .execute();
      for (const row of rows) {
        const groups = result.get(row.member_id);
        if (groups) groups.push(row.group_id);
        else result.set(row.member_id, [row.group_id]);
      }
    }
    return result;
  }

  #userPage(after: string, pageSize: number): Promise<UserRow[]> {
    const sp = this.options.servicePrincipalId;
    let query = this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.data', 'u.manager_id', 'u.deleted_at'])
      .where('u.deleted_at', 'is', null)
      .where('u.id', '>', after);
    if (!this.options.syncAll) query = query.where((eb) => eb.or([this.#assigned(eb, 'u.id', sp), this.#memberOfAssigned(eb, sp)]));
    return query.orderBy('u.id').limit(pageSize).execute();
  }

  #groupPage(after: string, pageSize: number): Promise<GroupRow[]> {
    const sp = this.options.servicePrincipalId;
    let query = this.db.selectFrom('groups as g').select(['g.id', 'g.data', 'g.deleted_at']).where('g.deleted_at', 'is', null).where('g.id', '>', after);
    if (!this.options.syncAll) query = query.where((eb) => this.#assigned(eb, 'g.id', sp));
    return query.orderBy('g.id').limit(pageSize).execute();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the expression builder of either outer query
  #assigned(eb: any, column: 'u.id' | 'g.id', sp: string): Expression<SqlBool> {
    return eb.exists(eb.selectFrom('app_role_assignments as a').select('a.id').whereRef('a.principal_id', '=', column).where('a.resource_id', '=', sp));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the expression builder of the users query
  #memberOfAssigned(eb: any, sp: string): Expression<SqlBool> {
    return eb.exists(
      eb
        .selectFrom('group_members as m')
        .innerJoin('app_role_assignments as a', (join: any) => join.onRef('a.principal_id', '=', 'm.group_id').on('a.resource_id', '=', sp)) // eslint-disable-line @typescript-eslint/no-explicit-any
        .innerJoin('groups as ag', 'ag.id', 'm.group_id')
        .select('m.group_id')
        .whereRef('m.member_id', '=', 'u.id')
        .where('ag.deleted_at', 'is', null),
    );
  }

  async #users(rows: readonly UserRow[]): Promise<SourceObject[]> {
    const entitlements = await readEntitlements(this.db, this.options.servicePrincipalId, rows.map((row) => row.id));
    return rows.map((row) => {
      const user = userFromData(row.data);
      const direct = entitlements.direct.get(row.id) ?? [];
      const inherited = entitlements.viaGroups.get(row.id) ?? [];
      return Object.freeze({
        id: row.id,
        objectType: 'User',
        state: row.deleted_at === null ? 'live' : 'softDeleted',
        displayName: user.displayName,
        entitled: this.options.syncAll || direct.length > 0 || inherited.length > 0,
        enabled: user.accountEnabled,
        attributes: Object.freeze(userAttributes(user, row.manager_id)),
        appRoleAssignments: Object.freeze(roleAssignments([...direct, ...inherited], this.options.appRoles)),
      });
    });
  }

  async #groups(rows: readonly GroupRow[]): Promise<SourceObject[]> {
    const ids = rows.map((row) => row.id);
    const entitlements = await readEntitlements(this.db, this.options.servicePrincipalId, ids);
    const members = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (let start = 0; start < ids.length; start += chunk) {
      const memberRows = await this.db
        .selectFrom('group_members as m')
        .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'm.member_id').on('m.member_type', '=', 'user').on('u.deleted_at', 'is', null))
        .leftJoin('groups as g', (join) => join.onRef('g.id', '=', 'm.member_id').on('m.member_type', '=', 'group').on('g.deleted_at', 'is', null))
        .select(['m.group_id', 'm.member_id'])
        .where('m.group_id', 'in', ids.slice(start, start + chunk))
        .where((eb) => eb.or([eb('u.id', 'is not', null), eb('g.id', 'is not', null)]))
        .orderBy('m.member_id')
        .execute();
      for (const row of memberRows) members.get(row.group_id)?.push(row.member_id);
    }
    return rows.map((row) => {
      const group = groupFromData(row.data);
      const direct = entitlements.direct.get(row.id) ?? [];
      return Object.freeze({
        id: row.id,
        objectType: 'Group',
        state: row.deleted_at === null ? 'live' : 'softDeleted',
        displayName: group.displayName,
        entitled: this.options.syncAll || direct.length > 0,
        enabled: true,
        attributes: Object.freeze(groupAttributes(group, members.get(row.id) ?? [])),
        appRoleAssignments: Object.freeze(roleAssignments(direct, this.options.appRoles)),
      });
    });
  }
}
