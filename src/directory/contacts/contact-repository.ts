import type { Insertable, Kysely } from 'kysely';
import type { Database, ContactsTable } from '../../store/database.js';
import { appendChange, appendChanges } from '../change-feed.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { locksRowsForWrite } from '../directory-objects/store-dialect.js';
import { isUniqueViolation } from '../directory-objects/unique-violation.js';
import { inboundLinkChanges } from '../links/inbound-link-changes.js';
import type { OrgContact } from './org-contact.js';

/** A contact row as the repository reads it: the Graph document and the on-premises anchor kept beside it. */
export interface StoredContact {
  readonly contact: OrgContact;
  readonly sourceAnchor: string | null;
}

export function contactToRow(contact: OrgContact, sourceAnchor: string | null, createdAt: string): Insertable<ContactsTable> {
  return {
    id: contact.id,
    display_name: contact.displayName,
    display_name_lower: contact.displayName?.toLowerCase() ?? null,
    given_name_lower: contact.givenName?.toLowerCase() ?? null,
    surname_lower: contact.surname?.toLowerCase() ?? null,
    mail_lower: contact.mail?.toLowerCase() ?? null,
    mail_nickname_lower: contact.mailNickname?.toLowerCase() ?? null,
    source_anchor: sourceAnchor,
    created_at: createdAt,
    data: JSON.stringify(contact),
  };
}

export function contactFromData(data: string): OrgContact {
  return JSON.parse(data) as OrgContact;
}

/** The source anchor is unique among contacts; checked first so the error names it, and again by the index. */
async function assertUniqueAnchor(db: Kysely<Database>, id: string, sourceAnchor: string | null): Promise<void> {
  if (sourceAnchor === null) return;
  const clash = await db.selectFrom('contacts').select('id').where('source_anchor', '=', sourceAnchor).where('id', '!=', id).executeTakeFirst();
  if (clash) throw new DuplicatePropertyValueError('sourceAnchor');
}

async function guardUniqueAnchor<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePropertyValueError('sourceAnchor');
    throw error;
  }
}

export async function insertContact(db: Kysely<Database>, contact: OrgContact, sourceAnchor: string | null, now = new Date().toISOString()): Promise<void> {
  await assertUniqueAnchor(db, contact.id, sourceAnchor);
  await guardUniqueAnchor(() => db.insertInto('contacts').values(contactToRow(contact, sourceAnchor, now)).execute());
  await appendChange(db, { objectType: 'orgContact', objectId: contact.id, changeType: 'created' }, now);
}

/** Replaces a contact's document and anchor; `changed` names the Graph properties for the change feed. */
export async function updateContact(db: Kysely<Database>, contact: OrgContact, sourceAnchor: string | null, changed: readonly string[]): Promise<void> {
  await assertUniqueAnchor(db, contact.id, sourceAnchor);
  const { id, created_at: _created, ...row } = contactToRow(contact, sourceAnchor, '');
  await guardUniqueAnchor(() => db.updateTable('contacts').set(row).where('id', '=', id).execute());
  await appendChange(db, { objectType: 'orgContact', objectId: id, changeType: 'updated', details: { properties: [...changed] } });
}

/** A contact by id; inside a transaction on PostgreSQL the row is locked for the write that follows. */
export async function findContact(db: Kysely<Database>, id: string): Promise<StoredContact | undefined> {
  let query = db.selectFrom('contacts').select(['data', 'source_anchor']).where('id', '=', id.toLowerCase());
  if (locksRowsForWrite(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? Object.freeze({ contact: contactFromData(row.data), sourceAnchor: row.source_anchor }) : undefined;
}

/**
 * Deletes a contact for good, with its memberships: Entra keeps no deleted contacts. The groups it leaves
 * record the unlinked member, so delta readers see the membership go with it.
 */
export async function deleteContact(db: Kysely<Database>, id: string): Promise<void> {
  const unlinked = await inboundLinkChanges(db, id, 'orgContact', 'unlinked');
  await db.deleteFrom('group_members').where('member_id', '=', id).execute();
  await db.deleteFrom('contacts').where('id', '=', id).execute();
  await appendChanges(db, [...unlinked, { objectType: 'orgContact', objectId: id, changeType: 'purged' }]);
}
