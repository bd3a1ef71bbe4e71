import { sql, type Kysely } from 'kysely';
import { originalUserPrincipalName, restoreUser, softDeleteUser } from '../../directory/deleted-items/object-lifecycle.js';
import { assertFreeSmtpAddresses, smtpAddresses } from '../../directory/directory-objects/mail-addresses.js';
import { deletedIdWithAnchor } from '../../directory/directory-objects/source-anchors.js';
import { newGuid } from '../../directory/guid.js';
import { assignManager, removeManager } from '../../directory/links/manager-repository.js';
import { userCatalog } from '../../directory/users/user-catalog.js';
import { checkUserPrincipalName } from '../../directory/users/user-input.js';
import { findUser, insertUser, updateUser } from '../../directory/users/user-repository.js';
import { newUser, type User } from '../../directory/users/user.js';
import type { Database } from '../../store/database.js';
import { applyAttributes, changedProperties, type DirectoryState } from './directory-documents.js';
import { changesBeyondStamp, stamped, type AttributeValues, type DirectoryObjects, type SyncStamp } from './directory-objects.js';
import { syncedUserPrincipalName } from './synced-user-principal-name.js';

function stateOf(user: User, managerId: string | null): DirectoryState {
  return { id: user.id, document: user as unknown as Record<string, unknown>, anchor: user.onPremisesImmutableId, managerId };
}

/**
 * A synchronized user as written: the userPrincipalName Entra derives (suffix of the tenant, else the MOERA),
 * a mailNickname (the UPN prefix when AD has none), and the sync stamp. No password: password hash sync
 * fills the credential later, and nothing here touches it.
 */
function finished(document: Readonly<Record<string, unknown>>, stamp: SyncStamp): User {
  const text = (name: string) => (typeof document[name] === 'string' && document[name] !== '' ? (document[name] as string) : null);
  const upn = syncedUserPrincipalName(text('userPrincipalName'), text('mailNickname') ?? text('onPremisesSamAccountName'), stamp.tenantDomain);
  checkUserPrincipalName(upn, stamp.tenantDomain);
  const mailNickname = text('mailNickname') ?? upn.slice(0, upn.lastIndexOf('@'));
  return stamped({ ...document, userPrincipalName: upn, mailNickname }, stamp, true) as unknown as User;
}

async function writeChanges(db: Kysely<Database>, before: DirectoryState, after: User): Promise<void> {
  const changed = changedProperties(before.document, after as unknown as Record<string, unknown>);
  if (!changesBeyondStamp(changed)) return;
  if (changed.includes('mail') || changed.includes('proxyAddresses')) await assertFreeSmtpAddresses(db, after.id, smtpAddresses(after));
  await updateUser(db, after, changed);
}

/** A user back from deleted items under the anchor AD still has, with the values AD has now. */
async function restore(db: Kysely<Database>, id: string, values: AttributeValues, stamp: SyncStamp): Promise<DirectoryState> {
  const stored = (await findUser(db, id, { deleted: true }))!;
  const original: User = { ...stored.user, userPrincipalName: originalUserPrincipalName(stored.user), deletedDateTime: null };
  const state = stateOf(original, stored.managerId);
  const user = finished(applyAttributes('User', state, values).document, stamp);
  const restored = await restoreUser(db, stored.user, stamp.tenantDomain, user.userPrincipalName);
  await writeChanges(db, stateOf(restored, stored.managerId), user);
  return stateOf(user, stored.managerId);
}

/** Users: Graph's user document, the anchor in onPremisesImmutableId, soft delete and restore by anchor. */
export const directoryUsers: DirectoryObjects = {
  table: 'users',
  catalog: userCatalog([]),
  liveRows: sql`deleted_at is null`,

  async load(db, id) {
    const stored = await findUser(db, id);
    return stored && stateOf(stored.user, stored.managerId);
  },

  async create(db, values, stamp) {
    const base = newUser({ id: newGuid(), userPrincipalName: '' }, stamp.at);
    const applied = applyAttributes('User', stateOf(base, null), values);
    const deletedId = applied.anchor === null ? undefined : await deletedIdWithAnchor(db, 'users', applied.anchor);
    if (deletedId !== undefined) return restore(db, deletedId, values, stamp);
    const user = finished(applied.document, stamp);
    await assertFreeSmtpAddresses(db, user.id, smtpAddresses(user));
    await insertUser(db, user, { managerId: null, passwordHash: null });
    return stateOf(user, null);
  },

  async update(db, state, values, stamp) {
    const applied = applyAttributes('User', state, values);
    await writeChanges(db, state, finished(applied.document, stamp));
    if (applied.managerId === undefined || applied.managerId === state.managerId) return;
    if (applied.managerId === null) await removeManager(db, state.id, state.managerId!);
    else await assignManager(db, state.id, applied.managerId, state.managerId);
  },

  async remove(db, id) {
    const stored = await findUser(db, id);
    if (!stored) return false;
    await softDeleteUser(db, stored.user);
    return true;
  },
};
