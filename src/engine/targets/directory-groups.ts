import { sql, type Kysely } from 'kysely';
import { restoreGroup, softDeleteGroup } from '../../directory/deleted-items/object-lifecycle.js';
import { RequiredPropertyError } from '../../directory/directory-errors.js';
import { assertFreeSmtpAddresses, smtpAddresses } from '../../directory/directory-objects/mail-addresses.js';
import { deletedIdWithAnchor, groupSourceAnchor, setGroupSourceAnchor } from '../../directory/directory-objects/source-anchors.js';
import { groupCatalog } from '../../directory/groups/group-catalog.js';
import { findGroup, insertGroup, updateGroup } from '../../directory/groups/group-repository.js';
import { newGroup, type Group } from '../../directory/groups/group.js';
import { newGuid } from '../../directory/guid.js';
import type { Database } from '../../store/database.js';
import { applyAttributes, changedProperties, type DirectoryState } from './directory-documents.js';
import { changesBeyondStamp, stamped, type DirectoryObjects, type SyncStamp } from './directory-objects.js';

function stateOf(group: Group, anchor: string | null): DirectoryState {
  return { id: group.id, document: group as unknown as Record<string, unknown>, anchor, managerId: null };
}

/** A synchronized group as written: Graph requires a display name and a mail nickname; AD groups have both. */
function finished(document: Readonly<Record<string, unknown>>, stamp: SyncStamp): Group {
  for (const required of ['displayName', 'mailNickname']) {
    if (typeof document[required] !== 'string' || document[required] === '') throw new RequiredPropertyError(required);
  }
  return stamped(document, stamp, true) as unknown as Group;
}

async function writeChanges(db: Kysely<Database>, before: DirectoryState, after: Group, anchor: string | null): Promise<void> {
  const changed = changedProperties(before.document, after as unknown as Record<string, unknown>);
  if (changesBeyondStamp(changed)) {
    if (changed.includes('mail') || changed.includes('proxyAddresses')) await assertFreeSmtpAddresses(db, after.id, smtpAddresses(after));
    await updateGroup(db, after, changed);
  }
  if (anchor !== before.anchor) await setGroupSourceAnchor(db, after.id, anchor);
}

/** Groups: Graph's group document (security and mail-enabled groups from AD), the anchor beside it, soft delete. */
export const directoryGroups: DirectoryObjects = {
  table: 'groups',
  catalog: groupCatalog([]),
  liveRows: sql`deleted_at is null`,

  async load(db, id) {
    const group = await findGroup(db, id);
    return group && stateOf(group, await groupSourceAnchor(db, group.id));
  },

  async create(db, values, stamp) {
    const base = newGroup({ id: newGuid(), mailNickname: '', mailEnabled: false, securityEnabled: true }, stamp.tenantDomain, stamp.at);
    const applied = applyAttributes('Group', stateOf(base, null), values);
    const deletedId = applied.anchor === null ? undefined : await deletedIdWithAnchor(db, 'groups', applied.anchor);
    if (deletedId !== undefined) {
      // Back from deleted items with its memberships, then brought up to date.
      const restored = await restoreGroup(db, (await findGroup(db, deletedId, { deleted: true }))!);
      const state = stateOf(restored, applied.anchor);
      const group = finished(applyAttributes('Group', state, values).document, stamp);
      await writeChanges(db, state, group, applied.anchor);
      return stateOf(group, applied.anchor);
    }
    const group = finished(applied.document, stamp);
    await assertFreeSmtpAddresses(db, group.id, smtpAddresses(group));
    await insertGroup(db, group);
    if (applied.anchor !== null) await setGroupSourceAnchor(db, group.id, applied.anchor);
    return stateOf(group, applied.anchor);
  },

  async update(db, state, values, stamp) {
    const applied = applyAttributes('Group', state, values);
    await writeChanges(db, state, finished(applied.document, stamp), applied.anchor);
  },

  async remove(db, id) {
    const group = await findGroup(db, id);
    if (!group) return false;
    await softDeleteGroup(db, group);
    return true;
  },
};
