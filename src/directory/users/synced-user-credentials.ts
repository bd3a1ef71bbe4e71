import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { appendChanges, type DirectoryChange } from '../change-feed.js';
import { locksRowsForWrite } from '../directory-objects/store-dialect.js';
import type { User } from './user.js';
import { userFromData } from './user-repository.js';

/** A live user as password hash sync sees it: found by the source anchor of the AD account it came from. */
export interface SyncedUserCredential {
  readonly id: string;
  /** onPremisesImmutableId: base64 of the AD account's objectGUID bytes. */
  readonly immutableId: string;
  readonly userPrincipalName: string;
  readonly displayName: string | null;
  /** Only users synchronized from on-premises take password hashes. */
  readonly onPremisesSyncEnabled: boolean;
  /** What users.password_hash holds: CredentialData, a passwordProfile hash, or null. */
  readonly passwordHash: string | null;
}

/** A credential to store for a live user; null removes it (the AD account has no password). */
export interface SyncedCredentialWrite {
  readonly userId: string;
  readonly credential: string | null;
  /** When the password was set in AD: the user's lastPasswordChangeDateTime. */
  readonly changedAt?: string | undefined;
}

/** What a write changed in the user's Graph document besides the credential (for provisioning logs). */
export interface SyncedCredentialResult {
  readonly userId: string;
  readonly passwordPolicies: { readonly oldValue: string | null; readonly newValue: string | null } | null;
}

const chunk = 500;

/** Live users by onPremisesImmutableId (the unique index on live users' immutable ids answers each chunk). */
export async function findUsersByImmutableIds(db: Kysely<Database>, immutableIds: readonly string[]): Promise<Map<string, SyncedUserCredential>> {
  const found = new Map<string, SyncedUserCredential>();
  const unique = [...new Set(immutableIds)];
  for (let start = 0; start < unique.length; start += chunk) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'on_premises_immutable_id', 'data', 'password_hash'])
      .where('deleted_at', 'is', null)
      .where('on_premises_immutable_id', 'in', unique.slice(start, start + chunk))
      .execute();
    for (const row of rows) {
      const user = userFromData(row.data);
      found.set(row.on_premises_immutable_id as string, {
        id: row.id,
        immutableId: row.on_premises_immutable_id as string,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        onPremisesSyncEnabled: user.onPremisesSyncEnabled === true,
        passwordHash: row.password_hash,
      });
    }
  }
  return found;
}

/**
 * Stores synchronized credentials in one transaction, rows locked in id order on PostgreSQL (so two writers
 * of the same users cannot deadlock), and as the hosted service does for every synchronized hash, adds
 * `DisablePasswordExpiration` to a stored credential's user's passwordPolicies (engine-behavior §5.4): the
 * password expires in AD, not here. Users deleted meanwhile are left out of the result.
 */
export async function storeSyncedCredentials(db: Kysely<Database>, writes: readonly SyncedCredentialWrite[]): Promise<SyncedCredentialResult[]> {
  if (writes.length === 0) return [];
  if (!db.isTransaction) return db.transaction().execute((trx) => storeSyncedCredentials(trx, writes));
  const byId = new Map(writes.map((write) => [write.userId, write]));
  const ids = [...byId.keys()].sort();
  const results: SyncedCredentialResult[] = [];
  const changes: DirectoryChange[] = [];
  for (let start = 0; start < ids.length; start += chunk) {
    let query = db.selectFrom('users').select(['id', 'data']).where('id', 'in', ids.slice(start, start + chunk)).where('deleted_at', 'is', null).orderBy('id');
    if (locksRowsForWrite(db)) query = query.forUpdate();
    for (const row of await query.execute()) {
      const write = byId.get(row.id) as SyncedCredentialWrite;
      const user = userFromData(row.data);
      const next = documentAfter(user, write);
      const changed = (['passwordPolicies', 'lastPasswordChangeDateTime'] as const).filter((key) => next[key] !== user[key]);
      await db
        .updateTable('users')
        .set({ password_hash: write.credential, ...(changed.length > 0 ? { data: JSON.stringify(next) } : {}) })
        .where('id', '=', row.id)
        .execute();
      if (changed.length > 0) changes.push({ objectType: 'user', objectId: row.id, changeType: 'updated', details: { properties: changed } });
      results.push({
        userId: row.id,
        passwordPolicies: next.passwordPolicies === user.passwordPolicies ? null : { oldValue: user.passwordPolicies, newValue: next.passwordPolicies },
      });
    }
  }
  await appendChanges(db, changes);
  return results;
}

function documentAfter(user: User, write: SyncedCredentialWrite): User {
  if (write.credential === null) return user;
  return {
    ...user,
    passwordPolicies: withPasswordExpirationDisabled(user.passwordPolicies),
    lastPasswordChangeDateTime: write.changedAt ?? user.lastPasswordChangeDateTime,
  };
}

/** passwordPolicies with DisablePasswordExpiration added; the other values (DisableStrongPassword) are kept. */
function withPasswordExpirationDisabled(policies: string | null): string {
  const values = (policies ?? '').split(',').map((value) => value.trim()).filter(Boolean);
  if (values.some((value) => value.toLowerCase() === 'disablepasswordexpiration')) return policies as string;
  return [...values, 'DisablePasswordExpiration'].join(', ');
}
