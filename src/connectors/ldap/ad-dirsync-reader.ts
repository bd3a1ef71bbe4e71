import { adAnchor } from './anchors.js';
import { withAttributes } from './attribute-list.js';
import type { ChangeBatch, DeltaReader, DeltaScope, DirectoryChange } from './change-batch.js';
import { DirSyncControl, DirSyncFlags } from './dirsync-control.js';
import { readDirSyncEntry, type DirSyncEntryChange } from './dirsync-entries.js';
import { anyOfFilter, parenthesized } from './filter-values.js';
import { formatGuid } from './guid.js';
import type { LdapConnection } from './ldap-connection.js';
import type { LdapEntry } from './ldap-entry.js';
import { LdapOperationError } from './ldap-errors.js';
import { finishBatches, pagedUpserts } from './paged-read.js';
import { encodeWatermark, expectWatermark } from './watermark.js';

/** Matches nothing: a DirSync with it returns no entries, only a cookie for "now". */
const nothingFilter = '(&(objectClass=top)(!(objectClass=top)))';
/** Objects re-read per search after a DirSync (one OR filter of objectGUIDs). */
const rereadBatch = 100;

/**
 * AD delta import with the DirSync control (needs "Replicating Directory Changes" on the domain).
 *
 * First read: a DirSync for a filter that matches nothing yields a cookie for the current state, then a
 * paged search reads everything (streamed; DirSync itself cannot page). Changes made during that read
 * come again in the next delta, which is harmless: upserts are idempotent.
 *
 * Deltas: DirSync with INCREMENTAL_VALUES returns the changed objects with only their changed attributes,
 * tombstones for deletions, and added/removed member values. Changed objects are then read again in
 * full (by objectGUID, with the caller's filter and attributes) so that every upsert carries the whole
 * object; the DirSync member deltas ride along as `valueDeltas`. An object gone by then is skipped: its
 * deletion comes in the next delta.
 */
export class AdDirSyncReader implements DeltaReader {
  readonly method = 'dirSync' as const;
  readonly #connection: LdapConnection;
  readonly #scope: DeltaScope;
  readonly #base: string;
  readonly #attributes: readonly string[];

  constructor(connection: LdapConnection, scope: DeltaScope) {
    this.#connection = connection;
    this.#scope = scope;
    this.#base = scope.base ?? connection.settings.baseDn;
    this.#attributes = Object.freeze(withAttributes(scope.attributes, ['objectGUID']));
  }

  async *readChanges(watermark?: string): AsyncGenerator<ChangeBatch> {
    const previous = expectWatermark(watermark, 'dirSync');
    if (previous === undefined) {
      const start = await this.position();
      const pages = pagedUpserts(
        this.#connection,
        { base: this.#base, filter: this.#scope.filter, attributes: this.#attributes, pageSize: this.#scope.pageSize },
        { anchorOf: adAnchor, interimWatermark: '' },
      );
      yield* finishBatches(pages, () => start);
      return;
    }
    let cookie = previous.cookie;
    for (;;) {
      // Renames and moves show up as a changed `name`; tombstones need isDeleted and lastKnownParent.
      const attributes = withAttributes(this.#attributes, ['name', 'isDeleted', 'lastKnownParent']);
      const result = await this.#dirSync(cookie, this.#scope.filter, attributes);
      cookie = result.cookie;
      const changes = await this.#changes(result.entries);
      yield Object.freeze({ changes, watermark: encodeWatermark({ method: 'dirSync', cookie }), more: result.moreResults });
      if (!result.moreResults) return;
    }
  }

  /** A DirSync for a filter that matches nothing: no entries, only the cookie for "now". */
  async position(): Promise<string> {
    const start = await this.#dirSync(Buffer.alloc(0), nothingFilter, ['objectGUID']);
    return encodeWatermark({ method: 'dirSync', cookie: start.cookie });
  }

  async #dirSync(cookie: Buffer, filter: string, attributes: readonly string[]): Promise<{ entries: readonly LdapEntry[]; cookie: Buffer; moreResults: boolean }> {
    const control = new DirSyncControl({ flags: DirSyncFlags.INCREMENTAL_VALUES, cookie });
    const entries = await this.#connection.searchOnce({ base: this.#base, scope: 'sub', filter, attributes }, [control]);
    if (control.response === undefined) {
      throw new LdapOperationError('The server answered a DirSync search without a DirSync response control', { server: this.#connection.server });
    }
    return { entries, cookie: control.response.cookie, moreResults: control.response.moreResults };
  }

  async #changes(entries: readonly LdapEntry[]): Promise<readonly DirectoryChange[]> {
    const seen = entries.map(readDirSyncEntry).filter((c): c is DirSyncEntryChange => c !== undefined);
    const changed = seen.filter((c) => c.kind === 'changed');
    const current = await this.#reread(changed.map((c) => c.guid));
    const changes: DirectoryChange[] = [];
    for (const change of seen) {
      const anchor = formatGuid(change.guid);
      if (change.kind === 'deleted') {
        changes.push(Object.freeze({ kind: 'delete', anchor, ...(change.dn === undefined ? {} : { dn: change.dn }) }));
        continue;
      }
      const entry = current.get(anchor);
      if (entry === undefined) continue;
      changes.push(
        Object.freeze({ kind: 'upsert', anchor, entry, ...(change.valueDeltas.length > 0 ? { valueDeltas: change.valueDeltas } : {}) }),
      );
    }
    return Object.freeze(changes);
  }

  async #reread(guids: readonly Buffer[]): Promise<ReadonlyMap<string, LdapEntry>> {
    const entries = new Map<string, LdapEntry>();
    for (let i = 0; i < guids.length; i += rereadBatch) {
      const filter = `(&${parenthesized(this.#scope.filter)}${anyOfFilter('objectGUID', guids.slice(i, i + rereadBatch))})`;
      for await (const entry of this.#connection.search({ base: this.#base, filter, attributes: this.#attributes, pageSize: this.#scope.pageSize })) {
        entries.set(adAnchor(entry), entry);
      }
    }
    return entries;
  }
}
