import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { currentWatermark, linkDetailsOf, type ChangeType } from '../change-feed.js';
import { odataTypeOf, type DirectoryObjectKind } from '../directory-objects/object-renderer.js';
import { liveMember, liveMemberJoins } from '../links/link-sources.js';
import type { DeltaState } from './delta-token.js';

/** What a delta series tracks: users or groups, rendered the way the series' `$select` asks. */
export interface DeltaTarget {
  readonly kind: 'user' | 'group';
  /** Whether entries carry `members@delta` (groups, when `$select` is absent or names `members`). */
  readonly members: boolean;
  readonly render: (data: string) => Record<string, unknown>;
}

export interface DeltaPage {
  readonly entries: readonly Record<string, unknown>[];
  /** The state after this page: `next` ends the round (deltaLink), anything else continues it (nextLink). */
  readonly next: DeltaState;
}

/** Member references a group entry carries per page at most, so a huge group spans several pages. */
const memberBudget = 2000;

/** Reads one page of a delta series from where `state` stands; never more than `pageSize` objects. */
export async function readDeltaPage(db: Kysely<Database>, state: DeltaState, target: DeltaTarget, pageSize: number): Promise<DeltaPage> {
  switch (state.phase) {
    case 'initial':
      return target.kind === 'group' && target.members ? readInitialGroups(db, state, target, pageSize) : readInitial(db, state, target, pageSize);
    case 'changes':
      return readChanges(db, state, target, pageSize);
    case 'next': {
      const to = await currentWatermark(db);
      if (to <= state.watermark) return { entries: [], next: state };
      return readChanges(db, { phase: 'changes', from: state.watermark, to, after: state.watermark, select: state.select }, target, pageSize);
    }
  }
}

type InitialState = Extract<DeltaState, { phase: 'initial' }>;
type ChangesState = Extract<DeltaState, { phase: 'changes' }>;

const tableOf = (kind: 'user' | 'group') => (kind === 'user' ? 'users' : 'groups');

/** The first round: every live object, by id. */
async function readInitial(db: Kysely<Database>, state: InitialState, target: DeltaTarget, pageSize: number): Promise<DeltaPage> {
  let query = db
    .selectFrom(tableOf(target.kind))
    .select(['id', 'data'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(pageSize + 1);
  if (state.after !== null) query = query.where('id', '>', state.after);
  const rows = await query.execute();
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    entries: page.map((row) => target.render(row.data)),
    next:
      rows.length > pageSize && last !== undefined
        ? { ...state, after: last.id }
        : { phase: 'next', watermark: state.watermark, select: state.select },
  };
}

/**
 * The first round of groups with their members: each group with its live members as `members@delta`, at
 * most `memberBudget` references per page; a group with more continues on the next page.
 */
async function readInitialGroups(db: Kysely<Database>, state: InitialState, target: DeltaTarget, pageSize: number): Promise<DeltaPage> {
  let groupsQuery = db.selectFrom('groups').select(['id', 'data']).where('deleted_at', 'is', null).orderBy('id').limit(pageSize + 1);
  if (state.resume !== null) groupsQuery = groupsQuery.where('id', '>=', state.resume.groupId);
  else if (state.after !== null) groupsQuery = groupsQuery.where('id', '>', state.after);
  const groups = await groupsQuery.execute();
  const page = groups.slice(0, pageSize);
  if (page.length === 0) return { entries: [], next: { phase: 'next', watermark: state.watermark, select: state.select } };

  // A resumed page starts at the resumed group, so "another group, or this group after the last member sent"
  // is exactly the members still to send.
  const resume = state.resume;
  const memberRows = await sql<{ group_id: string; member_id: string; member_type: DirectoryObjectKind }>`
    select m.group_id, m.member_id, m.member_type from group_members m ${liveMemberJoins(sql.raw('m'))}
    where m.group_id in (${sql.join(page.map((group) => group.id))})
      and ${liveMember}
      ${resume?.memberAfter ? sql`and (m.group_id <> ${resume.groupId} or m.member_id > ${resume.memberAfter})` : sql``}
    order by m.group_id, m.member_id
    limit ${memberBudget + 1}`.execute(db);

  const members = memberRows.rows.slice(0, memberBudget);
  const overflow = memberRows.rows[memberBudget];
  const byGroup = new Map<string, Record<string, unknown>[]>();
  for (const row of members) {
    const list = byGroup.get(row.group_id) ?? [];
    list.push({ '@odata.type': odataTypeOf(row.member_type), id: row.member_id });
    byGroup.set(row.group_id, list);
  }
  // When the budget ran out, the page ends with the group whose members did not all fit.
  const cut = overflow === undefined ? page.length : page.findIndex((group) => group.id === overflow.group_id) + 1;
  const emitted = page.slice(0, cut).filter((group) => overflow === undefined || group.id !== overflow.group_id || byGroup.has(group.id));
  const entries = emitted.map((group) => ({ ...target.render(group.data), 'members@delta': byGroup.get(group.id) ?? [] }));

  let next: DeltaState;
  if (overflow !== undefined) {
    const lastMember = members.at(-1);
    next = { ...state, resume: { groupId: overflow.group_id, memberAfter: lastMember?.group_id === overflow.group_id ? lastMember.member_id : null } };
  } else if (groups.length > pageSize) {
    next = { ...state, after: page.at(-1)!.id, resume: null };
  } else {
    next = { phase: 'next', watermark: state.watermark, select: state.select };
  }
  return { entries, next };
}

interface FeedRow {
  seq: number;
  object_id: string;
  change_type: ChangeType;
  details: string | null;
}

/**
 * A later round: objects changed in (`from`, `to`], each at its last change in the round so it appears
 * once; for groups, membership changes are kept wherever they fall and become `members@delta`. An object
 * that is gone is `@removed` — `changed` while it is in deleted items (restorable), `deleted` once purged.
 */
async function readChanges(db: Kysely<Database>, state: ChangesState, target: DeltaTarget, pageSize: number): Promise<DeltaPage> {
  const keepLinks = target.kind === 'group' ? sql`c.change_type in ('linked', 'unlinked')` : sql`1 = 0`;
  const rows = await sql<FeedRow>`select c.seq, c.object_id, c.change_type, c.details from directory_changes c
    where c.object_type = ${target.kind} and c.seq > ${state.after} and c.seq <= ${state.to}
      and (${keepLinks} or not exists (
        select 1 from directory_changes d where d.object_id = c.object_id and d.seq > c.seq and d.seq <= ${state.to}))
    order by c.seq
    limit ${pageSize + 1}`.execute(db);
  const page = rows.rows.slice(0, pageSize);
  const last = page.at(-1);
  const next: DeltaState =
    rows.rows.length > pageSize && last !== undefined
      ? { ...state, after: Number(last.seq) }
      : { phase: 'next', watermark: state.to, select: state.select };
  if (page.length === 0) return { entries: [], next };

  const order: string[] = [];
  const memberChanges = new Map<string, Map<string, Record<string, unknown>>>();
  for (const row of page) {
    if (!memberChanges.has(row.object_id)) {
      order.push(row.object_id);
      memberChanges.set(row.object_id, new Map());
    }
    const link = linkDetailsOf({
      objectType: target.kind,
      objectId: row.object_id,
      changeType: row.change_type,
      ...(row.details === null ? {} : { details: JSON.parse(row.details) as Record<string, unknown> }),
    });
    if (link?.relation === 'members') {
      const reference: Record<string, unknown> = { '@odata.type': odataTypeOf(link.targetType as DirectoryObjectKind), id: link.targetId };
      if (row.change_type === 'unlinked') reference['@removed'] = { reason: 'deleted' };
      memberChanges.get(row.object_id)!.set(link.targetId, reference);
    }
  }

  const current = await db.selectFrom(tableOf(target.kind)).select(['id', 'data', 'deleted_at']).where('id', 'in', order).execute();
  const byId = new Map(current.map((row) => [row.id, row]));
  const entries = order.map((id): Record<string, unknown> => {
    const row = byId.get(id);
    if (row === undefined) return { id, '@removed': { reason: 'deleted' } };
    if (row.deleted_at !== null) return { id, '@removed': { reason: 'changed' } };
    const entity = target.render(row.data);
    const memberDelta = [...memberChanges.get(id)!.values()];
    return target.members && memberDelta.length > 0 ? { ...entity, 'members@delta': memberDelta } : entity;
  });
  return { entries, next };
}
