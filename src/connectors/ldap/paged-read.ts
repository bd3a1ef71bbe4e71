import type { ChangeBatch, DirectoryChange } from './change-batch.js';
import type { LdapConnection, LdapSearchRequest } from './ldap-connection.js';
import type { LdapEntry } from './ldap-entry.js';

export interface PagedUpsertOptions {
  readonly anchorOf: (entry: LdapEntry) => string;
  /** Watermark of every batch but the last (the position the read started from). */
  readonly interimWatermark: string;
  /** Sees every entry (e.g. to track the highest change number). */
  readonly observe?: (entry: LdapEntry) => void;
}

/**
 * A paged search as upsert batches, one per page, streamed (never the whole result in memory). The last
 * page is held back until the search ends so that it can say `more: false`; the caller appends its own
 * final batch(es) and watermark after this generator returns, so every batch here has `more: true`.
 */
export async function* pagedUpserts(
  connection: LdapConnection,
  request: LdapSearchRequest,
  options: PagedUpsertOptions,
): AsyncGenerator<ChangeBatch> {
  for await (const page of connection.searchPages(request)) {
    if (page.length === 0) continue;
    const changes: DirectoryChange[] = page.map((entry) => {
      options.observe?.(entry);
      return Object.freeze({ kind: 'upsert', anchor: options.anchorOf(entry), entry });
    });
    yield Object.freeze({ changes: Object.freeze(changes), watermark: options.interimWatermark, more: true });
  }
}

/**
 * Re-labels a stream of batches so that the last one carries `finalWatermark` and `more: false`
 * (one batch of lookahead). An empty stream yields one empty final batch.
 */
export async function* finishBatches(
  batches: AsyncIterable<ChangeBatch>,
  finalWatermark: () => string | Promise<string>,
): AsyncGenerator<ChangeBatch> {
  let held: ChangeBatch | undefined;
  for await (const batch of batches) {
    if (held !== undefined) yield held;
    held = batch;
  }
  yield Object.freeze({ changes: held?.changes ?? Object.freeze([]), watermark: await finalWatermark(), more: false });
}
