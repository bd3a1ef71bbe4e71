import { sql, type RawBuilder } from 'kysely';

/**
 * FROM items (aliased `o`) for collections reached through links, in the shape DirectoryListing reads:
 * `id`, `object_type`, `data` and the catalog columns. Objects in deleted items never appear, and their
 * links are neither followed nor counted. Every walk starts from an indexed link column: the membership
 * primary key (group → members), `group_members_member` (member → groups), `users_manager` (reports).
 */

/** The mixed-type columns of a member row, from whichever table the member lives in. */
const memberColumns = sql`coalesce(u.display_name, g.display_name, c.display_name) as display_name,
  coalesce(u.display_name_lower, g.display_name_lower, c.display_name_lower) as display_name_lower,
  coalesce(u.mail_lower, g.mail_lower, c.mail_lower) as mail_lower,
  coalesce(u.data, g.data, c.data) as data`;

/**
 * The member's row, joined as `u`, `g` or `c` to the link rows aliased `link`: members are users, groups and
 * (synchronized) contacts; contacts are never in deleted items. With `liveMember`, what every reader of
 * memberships filters by.
 */
export const liveMemberJoins = (link: RawBuilder<unknown>) => sql`left join users u on u.id = ${link}.member_id and ${link}.member_type = 'user' and u.deleted_at is null
  left join groups g on g.id = ${link}.member_id and ${link}.member_type = 'group' and g.deleted_at is null
  left join contacts c on c.id = ${link}.member_id and ${link}.member_type = 'orgContact'`;

/** A link whose member is live (after `liveMemberJoins`). */
export const liveMember = sql`(u.id is not null or g.id is not null or c.id is not null)`;

/** Direct members (users, groups and contacts) of a group. */
export function membersOf(groupId: string): RawBuilder<unknown> {
  return sql`(select m.member_id as id, m.member_type as object_type, ${memberColumns}
    from group_members m ${liveMemberJoins(sql.raw('m'))}
    where m.group_id = ${groupId} and ${liveMember}) as o`;
}

/** Direct members of one type, with every column of that type's table (for `/members/microsoft.graph.user`). */
export function membersOfType(groupId: string, type: 'user' | 'group'): RawBuilder<unknown> {
  const table = sql.table(type === 'user' ? 'users' : 'groups');
  return sql`(select x.* from group_members m join ${table} x on x.id = m.member_id
    where m.group_id = ${groupId} and m.member_type = ${type} and x.deleted_at is null) as o`;
}

/** Members at any depth: nested groups themselves and everything under them, each once. */
export function transitiveMembersOf(groupId: string): RawBuilder<unknown> {
  return sql`(with recursive down(member_id, member_type) as (
      select member_id, member_type from group_members where group_id = ${groupId}
      union
      select m.member_id, m.member_type from down d
        join groups ng on ng.id = d.member_id and ng.deleted_at is null
        join group_members m on m.group_id = d.member_id
      where d.member_type = 'group'
    )
    select d.member_id as id, d.member_type as object_type, ${memberColumns}
    from down d ${liveMemberJoins(sql.raw('d'))}
    where ${liveMember}) as o`;
}

/** Members of one type at any depth, with every column of that type's table (`/transitiveMembers/microsoft.graph.user`). */
export function transitiveMembersOfType(groupId: string, type: 'user' | 'group'): RawBuilder<unknown> {
  const table = sql.table(type === 'user' ? 'users' : 'groups');
  return sql`(with recursive down(member_id, member_type) as (
      select member_id, member_type from group_members where group_id = ${groupId}
      union
      select m.member_id, m.member_type from down d
        join groups ng on ng.id = d.member_id and ng.deleted_at is null
        join group_members m on m.group_id = d.member_id
      where d.member_type = 'group'
    )
    select x.* from down d join ${table} x on x.id = d.member_id
    where d.member_type = ${type} and x.deleted_at is null) as o`;
}

/** Owners (users and service principals) of a group. */
export function ownersOf(groupId: string): RawBuilder<unknown> {
  return sql`(select w.owner_id as id, w.owner_type as object_type,
      coalesce(u.display_name, s.display_name) as display_name,
      coalesce(u.display_name_lower, s.display_name_lower) as display_name_lower,
      u.mail_lower as mail_lower,
      coalesce(u.data, s.data) as data
    from group_owners w
      left join users u on u.id = w.owner_id and w.owner_type = 'user' and u.deleted_at is null
      left join service_principals s on s.id = w.owner_id and w.owner_type = 'servicePrincipal' and s.deleted_at is null
    where w.group_id = ${groupId} and (u.id is not null or s.id is not null)) as o`;
}

/** The groups an object is a direct member of. */
export function groupsContaining(memberId: string): RawBuilder<unknown> {
  return sql`(select g.*, 'group' as object_type from group_members m join groups g on g.id = m.group_id
    where m.member_id = ${memberId} and g.deleted_at is null) as o`;
}

/** The groups an object is a member of at any depth, through live groups only. */
export function groupsContainingTransitively(memberId: string): RawBuilder<unknown> {
  return sql`(with recursive up(group_id) as (
      select m.group_id from group_members m join groups g on g.id = m.group_id
      where m.member_id = ${memberId} and g.deleted_at is null
      union
      select m.group_id from up join group_members m on m.member_id = up.group_id
        join groups g on g.id = m.group_id
      where g.deleted_at is null
    )
    select g.*, 'group' as object_type from up join groups g on g.id = up.group_id) as o`;
}

/** The users whose manager is `userId`. */
export function directReportsOf(userId: string): RawBuilder<unknown> {
  return sql`(select u.*, 'user' as object_type from users u where u.manager_id = ${userId} and u.deleted_at is null) as o`;
}
