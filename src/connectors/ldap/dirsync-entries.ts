import type { ValueDelta } from './change-batch.js';
import { dnBeforeDeletion } from './dn.js';
import type { LdapEntry } from './ldap-entry.js';

/** What one DirSync result entry says happened to its object. */
export type DirSyncEntryChange =
  | { readonly kind: 'deleted'; readonly guid: Buffer; readonly dn: string | undefined }
  | { readonly kind: 'changed'; readonly guid: Buffer; readonly dn: string; readonly valueDeltas: readonly ValueDelta[] };

/**
 * Reads a DirSync result entry. Deleted objects come back as tombstones (`isDeleted: TRUE`, DN under
 * CN=Deleted Objects, with lastKnownParent); with INCREMENTAL_VALUES, linked attributes come back as
 * `member;range=1-1` (values added) and `member;range=0-0` (values removed) instead of the full list.
 * Entries without an objectGUID (none seen in practice) are skipped.
 */
export function readDirSyncEntry(entry: LdapEntry): DirSyncEntryChange | undefined {
  const guid = entry.buffer('objectGUID');
  if (guid === undefined || guid.length !== 16) return undefined;
  if (entry.text('isDeleted')?.toUpperCase() === 'TRUE') {
    return Object.freeze({ kind: 'deleted', guid, dn: dnBeforeDeletion(entry.dn, entry.text('lastKnownParent')) });
  }
  const deltas = new Map<string, { attribute: string; added: string[]; removed: string[] }>();
  for (const name of entry.attributeNames) {
    const match = /^(.+);range=([01])-\2$/i.exec(name);
    if (!match) continue;
    const attribute = match[1] as string;
    const delta = deltas.get(attribute.toLowerCase()) ?? { attribute, added: [], removed: [] };
    (match[2] === '1' ? delta.added : delta.removed).push(...entry.strings(name));
    deltas.set(attribute.toLowerCase(), delta);
  }
  const valueDeltas = [...deltas.values()].map((d) =>
    Object.freeze({ attribute: d.attribute, added: Object.freeze(d.added), removed: Object.freeze(d.removed) }),
  );
  return Object.freeze({ kind: 'changed', guid, dn: entry.dn, valueDeltas: Object.freeze(valueDeltas) });
}
