import { formatGuid } from './guid.js';
import type { LdapEntry } from './ldap-entry.js';
import { LdapOperationError } from './ldap-errors.js';

/** The AD anchor: objectGUID in its text form. */
export function adAnchor(entry: LdapEntry): string {
  const guid = entry.buffer('objectGUID');
  if (guid === undefined || guid.length !== 16) throw new LdapOperationError(`Entry ${entry.dn} has no objectGUID`, { dn: entry.dn });
  return formatGuid(guid);
}

/** The OpenLDAP anchor: entryUUID, lower-cased. */
export function openLdapAnchor(entry: LdapEntry): string {
  const uuid = entry.text('entryUUID');
  if (uuid === undefined) throw new LdapOperationError(`Entry ${entry.dn} has no entryUUID`, { dn: entry.dn });
  return uuid.toLowerCase();
}
