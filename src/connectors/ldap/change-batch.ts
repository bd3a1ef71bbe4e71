import type { LdapEntry } from './ldap-entry.js';

/** Values added to / removed from a multi-valued attribute since the last batch (DirSync incremental values). */
export interface ValueDelta {
  readonly attribute: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * One change seen in the directory. `anchor` is the object's immutable identity: the objectGUID as a GUID
 * string on AD, entryUUID on OpenLDAP (both lower case); renames and moves keep it.
 * An upsert carries the object's current state with the requested attributes (complete, not only the
 * changed ones); `valueDeltas`, when present, say exactly which member values came and went.
 */
export type DirectoryChange =
  | { readonly kind: 'upsert'; readonly anchor: string; readonly entry: LdapEntry; readonly valueDeltas?: readonly ValueDelta[] }
  | { readonly kind: 'delete'; readonly anchor: string; readonly dn?: string };

/**
 * A slice of a delta (or full) read. Store `watermark` once the changes are applied and pass it to the
 * next read; it is always safe to resume from: within a long read it stays at the previous position
 * ('' during a first, full read, meaning "start over"), so a crash re-reads rather than loses changes.
 * `more` says further batches of the same read follow.
 */
export interface ChangeBatch {
  readonly changes: readonly DirectoryChange[];
  readonly watermark: string;
  readonly more: boolean;
}

export type DeltaMethod = 'dirSync' | 'usnChanged' | 'entryCsn';

export interface DeltaReader {
  readonly method: DeltaMethod;
  /** Without a watermark (or with ''), a full read of every object in scope; otherwise the changes since it. */
  readChanges(watermark?: string): AsyncGenerator<ChangeBatch>;
  /**
   * The watermark of the directory as it is now, without a full read: the changes made after this call come
   * in `readChanges` from it (for a caller that reads the objects in scope itself, after taking it).
   */
  position(): Promise<string>;
}

/** What to read; shared by all delta methods. */
export interface DeltaScope {
  /** Objects of interest, e.g. `(|(objectClass=user)(objectClass=group)(objectClass=contact))`. */
  readonly filter: string;
  /** Attributes every upserted entry carries (the anchor attribute is added). */
  readonly attributes: readonly string[];
  /** Search base; default the connection's base DN. DirSync requires the naming context's root. */
  readonly base?: string;
  readonly pageSize?: number;
}
