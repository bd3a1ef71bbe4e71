import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import type { LookupQuery } from './directory-lookup.js';

interface Queued {
  readonly query: LookupQuery;
  resolve(ids: string[]): void;
  reject(error: unknown): void;
}

/** Lookups one statement answers at most (each binds a few parameters). */
const maxLookupsPerStatement = 100;

/**
 * Lookups of the directory target answered together: the matching lookups of a cycle's concurrent exports
 * (each object's anchor, then its userPrincipalName) wait one turn of the event loop, then run as one
 * statement — each lookup a sub-select of its own, with its own limit, joined by `union all` and told apart
 * by position — instead of one statement per object. A statement that fails fails each lookup in it.
 */
export class DirectoryLookupBatch {
  readonly #db: Kysely<Database>;
  readonly #queue: Queued[] = [];
  #draining = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** The ids the lookup finds. */
  run(query: LookupQuery): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      this.#queue.push({ query, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#statement(this.#queue.splice(0, maxLookupsPerStatement));
    } finally {
      this.#draining = false;
    }
  }

  async #statement(lookups: readonly Queued[]): Promise<void> {
    const parts = lookups.map(({ query }, index) => sql`select ${sql.lit(index)} as k, id from ${query} as ${sql.id(`q${index}`)}`);
    let rows: readonly { readonly k: number | string; readonly id: string }[];
    try {
      rows = (await sql<{ k: number | string; id: string }>`${sql.join(parts, sql` union all `)}`.execute(this.#db)).rows;
    } catch (error) {
      for (const lookup of lookups) lookup.reject(error);
      return;
    }
    const found = lookups.map((): string[] => []);
    for (const row of rows) found[Number(row.k)]!.push(row.id);
    lookups.forEach((lookup, index) => lookup.resolve(found[index]!));
  }
}
