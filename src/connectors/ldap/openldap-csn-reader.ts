import { openLdapAnchor } from './anchors.js';
import { withAttributes } from './attribute-list.js';
import type { ChangeBatch, DeltaReader, DeltaScope, DirectoryChange } from './change-batch.js';
import { escapeFilterValue, parenthesized } from './filter-values.js';
import type { LdapConnection } from './ldap-connection.js';
import type { LdapEntry } from './ldap-entry.js';
import { finishBatches, pagedUpserts } from './paged-read.js';
import { encodeWatermark, expectWatermark, type Watermark } from './watermark.js';

export interface OpenLdapDeltaOptions extends DeltaScope {
  /**
   * The anchors (entryUUIDs) the caller currently holds for this directory. With it, deletions (and moves
   * out of the base) are found by comparing them with the entryUUIDs still in scope; without it, a
   * delta never reports deletions.
   */
  readonly knownAnchors?: () => AsyncIterable<string> | Iterable<string>;
  /** Minimum time between two full comparisons; default 10 minutes; 0 compares on every read. */
  readonly fullComparisonIntervalMs?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

const defaultComparisonIntervalMs = 10 * 60_000;

/** Highest entryCSN seen and the entries carrying exactly that CSN. */
class CsnTracker {
  csn: string | undefined;
  boundary: Set<string>;

  constructor(csn: string | undefined, boundary: readonly string[]) {
    this.csn = csn;
    this.boundary = new Set(boundary);
  }

  observe(csn: string | undefined, anchor: string): void {
    if (csn === undefined) return;
    if (this.csn === undefined || csn > this.csn) {
      this.csn = csn;
      this.boundary = new Set([anchor]);
    } else if (csn === this.csn) {
      this.boundary.add(anchor);
    }
  }
}

/**
 * OpenLDAP delta import. entryCSN (`20261122060426.005510Z#000000#000#000000`, microsecond resolution,
 * maintained by slapd for every write, ordered as text) is the high-water mark: a delta is every entry
 * with entryCSN >= the highest seen, minus the entries already delivered at exactly that CSN. Renames
 * and moves change entryCSN and keep entryUUID. Deletions leave nothing to search for, so every
 * `fullComparisonIntervalMs` the entryUUIDs in scope are listed and compared with `knownAnchors`.
 * Membership changes are seen on the groups (`member`); the memberof overlay does not touch the
 * members' entryCSN (real-peers §2).
 */
export class OpenLdapCsnReader implements DeltaReader {
  readonly method = 'entryCsn' as const;
  readonly #connection: LdapConnection;
  readonly #options: OpenLdapDeltaOptions;
  readonly #base: string;
  readonly #attributes: readonly string[];

  constructor(connection: LdapConnection, options: OpenLdapDeltaOptions) {
    this.#connection = connection;
    this.#options = options;
    this.#base = options.base ?? connection.settings.baseDn;
    this.#attributes = Object.freeze(withAttributes(options.attributes, ['entryUUID', 'entryCSN']));
  }

  async *readChanges(watermark?: string): AsyncGenerator<ChangeBatch> {
    const previous = expectWatermark(watermark, 'entryCsn');
    const startedAt = (this.#options.now?.() ?? new Date()).toISOString();
    const tracker = new CsnTracker(previous?.csn, previous?.boundary ?? []);
    const observe = (entry: LdapEntry): void => tracker.observe(entry.text('entryCSN'), openLdapAnchor(entry));
    const final = (comparedAt: string | undefined) => (): string =>
      encodeWatermark({ method: 'entryCsn', csn: tracker.csn, boundary: [...tracker.boundary], comparedAt });

    if (previous === undefined) {
      const pages = pagedUpserts(this.#connection, this.#request(parenthesized(this.#options.filter)), {
        anchorOf: openLdapAnchor,
        interimWatermark: '',
        observe,
      });
      // A full read leaves the caller holding exactly what is in scope: it counts as a comparison.
      yield* finishBatches(pages, final(startedAt));
      return;
    }
    const compare = this.#comparisonDue(previous.comparedAt, startedAt);
    yield* finishBatches(this.#delta(previous, watermark as string, observe, compare), final(compare ? startedAt : previous.comparedAt));
  }

  /**
   * The highest entryCSN in scope now (a search for entryCSN alone). The full read the caller makes after it
   * counts as a comparison, as a first readChanges does.
   */
  async position(): Promise<string> {
    const comparedAt = (this.#options.now?.() ?? new Date()).toISOString();
    const tracker = new CsnTracker(undefined, []);
    for await (const entry of this.#connection.search(this.#request(parenthesized(this.#options.filter), ['entryUUID', 'entryCSN']))) {
      tracker.observe(entry.text('entryCSN'), openLdapAnchor(entry));
    }
    return encodeWatermark({ method: 'entryCsn', csn: tracker.csn, boundary: [...tracker.boundary], comparedAt });
  }

  async *#delta(
    previous: Extract<Watermark, { method: 'entryCsn' }>,
    interimWatermark: string,
    observe: (entry: LdapEntry) => void,
    compare: boolean,
  ): AsyncGenerator<ChangeBatch> {
    const scope = parenthesized(this.#options.filter);
    const filter = previous.csn === undefined ? scope : `(&${scope}(entryCSN>=${escapeFilterValue(previous.csn)}))`;
    const delivered = new Set(previous.boundary);
    for await (const page of this.#connection.searchPages(this.#request(filter))) {
      const changes: DirectoryChange[] = [];
      for (const entry of page) {
        observe(entry);
        const anchor = openLdapAnchor(entry);
        if (entry.text('entryCSN') === previous.csn && delivered.has(anchor)) continue;
        changes.push(Object.freeze({ kind: 'upsert', anchor, entry }));
      }
      if (changes.length > 0) yield Object.freeze({ changes: Object.freeze(changes), watermark: interimWatermark, more: true });
    }
    if (compare) yield* this.#deletions(scope, interimWatermark);
  }

  async *#deletions(scope: string, interimWatermark: string): AsyncGenerator<ChangeBatch> {
    const known = this.#options.knownAnchors;
    if (known === undefined) return;
    const present = new Set<string>();
    for await (const entry of this.#connection.search(this.#request(scope, ['entryUUID']))) present.add(openLdapAnchor(entry));
    const pageSize = this.#options.pageSize ?? 500;
    let changes: DirectoryChange[] = [];
    for await (const anchor of known()) {
      const normalized = anchor.toLowerCase();
      if (present.has(normalized)) continue;
      changes.push(Object.freeze({ kind: 'delete', anchor: normalized }));
      if (changes.length >= pageSize) {
        yield Object.freeze({ changes: Object.freeze(changes), watermark: interimWatermark, more: true });
        changes = [];
      }
    }
    if (changes.length > 0) yield Object.freeze({ changes: Object.freeze(changes), watermark: interimWatermark, more: true });
  }

  #comparisonDue(comparedAt: string | undefined, now: string): boolean {
    if (this.#options.knownAnchors === undefined) return false;
    if (comparedAt === undefined) return true;
    const interval = this.#options.fullComparisonIntervalMs ?? defaultComparisonIntervalMs;
    return Date.parse(now) - Date.parse(comparedAt) >= interval;
  }

  #request(filter: string, attributes: readonly string[] = this.#attributes) {
    return { base: this.#base, filter, attributes, pageSize: this.#options.pageSize };
  }
}
