import { sql } from 'kysely';
import { contactCatalog } from '../../directory/contacts/contact-catalog.js';
import { deleteContact, findContact, insertContact, updateContact } from '../../directory/contacts/contact-repository.js';
import { newOrgContact, type OrgContact } from '../../directory/contacts/org-contact.js';
import { assertFreeSmtpAddresses, smtpAddresses } from '../../directory/directory-objects/mail-addresses.js';
import { newGuid } from '../../directory/guid.js';
import { applyAttributes, changedProperties, type DirectoryState } from './directory-documents.js';
import { changesBeyondStamp, stamped, type DirectoryObjects } from './directory-objects.js';

function stateOf(contact: OrgContact, anchor: string | null): DirectoryState {
  return { id: contact.id, document: contact as unknown as Record<string, unknown>, anchor, managerId: null };
}

/** Contacts: Graph's orgContact, the anchor beside it, deleted for good (Entra keeps no deleted contacts). */
export const directoryContacts: DirectoryObjects = {
  table: 'contacts',
  catalog: contactCatalog,
  liveRows: sql`1 = 1`,

  async load(db, id) {
    const stored = await findContact(db, id);
    return stored && stateOf(stored.contact, stored.sourceAnchor);
  },

  async create(db, values, stamp) {
    const base = newOrgContact({ id: newGuid() });
    const applied = applyAttributes('Contact', stateOf(base, null), values);
    const contact = stamped(applied.document, stamp, false) as unknown as OrgContact;
    await assertFreeSmtpAddresses(db, contact.id, smtpAddresses(contact));
    await insertContact(db, contact, applied.anchor, stamp.at);
    return stateOf(contact, applied.anchor);
  },

  async update(db, state, values, stamp) {
    const applied = applyAttributes('Contact', state, values);
    const contact = stamped(applied.document, stamp, false) as unknown as OrgContact;
    const changed = changedProperties(state.document, contact as unknown as Record<string, unknown>);
    if (!changesBeyondStamp(changed) && applied.anchor === state.anchor) return;
    if (changed.includes('mail') || changed.includes('proxyAddresses')) await assertFreeSmtpAddresses(db, contact.id, smtpAddresses(contact));
    await updateContact(db, contact, applied.anchor, changed);
  },

  async remove(db, id) {
    if (!(await findContact(db, id))) return false;
    await deleteContact(db, id);
    return true;
  },
};
