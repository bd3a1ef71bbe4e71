import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, UsersTable } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { locksRowsForWrite } from '../directory-objects/store-dialect.js';
import { isUniqueViolation, uniqueViolationTarget } from '../directory-objects/unique-violation.js';
import { isGuid } from '../guid.js';
import type { User } from './user.js';

/** The stored columns of a user; `manager_id` and `password_hash` are kept apart from the Graph document. */
export function userToRow(user: User, links: { managerId: string | null; passwordHash: string | null }): Insertable<UsersTable> {
  return {
    id: user.id,
    user_principal_name: user.userPrincipalName,
    user_principal_name_lower: user.userPrincipalName.toLowerCase(),
    display_name: user.displayName,
    display_name_lower: user.displayName?.toLowerCase() ?? null,
    given_name_lower: user.givenName?.toLowerCase() ?? null,
    surname_lower: user.surname?.toLowerCase() ?? null,
    mail_lower: user.mail?.toLowerCase() ?? null,
    mail_nickname_lower: user.mailNickname?.toLowerCase() ?? null,
    employee_id: user.employeeId,
    on_premises_immutable_id: user.onPremisesImmutableId,
    on_premises_sam_account_name_lower: user.onPremisesSamAccountName?.toLowerCase() ?? null,
    account_enabled: user.accountEnabled ? 1 : 0,
    user_type: user.userType,
    manager_id: links.managerId,
    password_hash: links.passwordHash,
    created_at: user.createdDateTime,
    deleted_at: user.deletedDateTime,
    data: JSON.stringify(user),
  };
}

export function userFromData(data: string): User {
  return JSON.parse(data) as User;
}

/** A user row as the repository reads it: the Graph document plus its links. */
export interface StoredUser {
  readonly user: User;
  readonly managerId: string | null;
  readonly passwordHash: string | null;
}

/**
 * Values Graph keeps unique among live users, checked before writing so the error names the property: one
 * statement for both (each part through its unique index); a clash on userPrincipalName is named first.
 */
export async function assertUniqueValues(db: Kysely<Database>, user: User): Promise<void> {
  const live = db.selectFrom('users').where('deleted_at', 'is', null).where('id', '!=', user.id);
  const byName = live.select(sql.lit('userPrincipalName').as('property')).where('user_principal_name_lower', '=', user.userPrincipalName.toLowerCase());
  const clashes =
    user.onPremisesImmutableId === null
      ? byName
      : byName.unionAll(live.select(sql.lit('onPremisesImmutableId').as('property')).where('on_premises_immutable_id', '=', user.onPremisesImmutableId));
  const properties = (await clashes.execute()).map((row) => row.property);
  const clash = properties.includes('userPrincipalName') ? 'userPrincipalName' : properties[0];
  if (clash !== undefined) throw new DuplicatePropertyValueError(clash);
}

/** Writes through the unique indexes; a concurrent writer that won the race gets Graph's duplicate error too. */
export async function guardUnique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DuplicatePropertyValueError(/immutable/.test(uniqueViolationTarget(error)) ? 'onPremisesImmutableId' : 'userPrincipalName');
  }
}

export async function insertUser(db: Kysely<Database>, user: User, links: { managerId: string | null; passwordHash: string | null }): Promise<void> {
  await assertUniqueValues(db, user);
  await guardUnique(() => db.insertInto('users').values(userToRow(user, links)).execute());
  await appendChange(db, { objectType: 'user', objectId: user.id, changeType: 'created' });
}

/** Replaces a live user's document (same id); a new password hash replaces the old one when given. */
export async function updateUser(db: Kysely<Database>, user: User, changed: readonly string[], passwordHash?: string): Promise<void> {
  await assertUniqueValues(db, user);
  const { id, manager_id: _manager, password_hash: _password, ...row } = userToRow(user, { managerId: null, passwordHash: null });
  await guardUnique(() =>
    db
      .updateTable('users')
      .set({ ...row, ...(passwordHash === undefined ? {} : { password_hash: passwordHash }) })
      .where('id', '=', id)
      .execute(),
  );
  await appendChange(db, { objectType: 'user', objectId: id, changeType: 'updated', details: { properties: [...changed] } });
}

/**
 * A user by object id, or by userPrincipalName as Graph's `/users/{id | userPrincipalName}` allows. Inside a
 * transaction on PostgreSQL the row is locked until commit, for the write that follows.
 */
export async function findUser(db: Kysely<Database>, key: string, options: { deleted?: boolean } = {}): Promise<StoredUser | undefined> {
  let query = db.selectFrom('users').select(['data', 'manager_id', 'password_hash']);
  query = isGuid(key) ? query.where('id', '=', key.toLowerCase()) : query.where('user_principal_name_lower', '=', key.toLowerCase());
  query = options.deleted ? query.where('deleted_at', 'is not', null) : query.where('deleted_at', 'is', null);
  if (locksRowsForWrite(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? Object.freeze({ user: userFromData(row.data), managerId: row.manager_id, passwordHash: row.password_hash }) : undefined;
}
