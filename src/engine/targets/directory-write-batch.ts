import type { ControlledTransaction, Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

type Write<T> = (db: Kysely<Database>) => Promise<T>;

interface Queued {
  readonly write: Write<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writes one transaction takes at most: it holds the store's write lock, which the provisioning log thread waits for. */
const maxWritesPerTransaction = 64;

/**
 * Group commit for the directory target: the writes of a cycle's concurrent exports share transactions. A
 * write waits one turn of the event loop so that the exports working beside it can queue theirs, then they
 * run one after another in one transaction, each in a savepoint of its own — a write that fails is rolled
 * back and fails alone — and are committed together; each caller hears of its write once the commit is
 * done (or failed). A transaction per object cost about a fifth more main-thread time per object in an
 * initial cloud sync on SQLite (docs/benchmarks.md).
 */
export class DirectoryWriteBatch {
  readonly #db: Kysely<Database>;
  readonly #queue: Queued[] = [];
  #draining = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  run<T>(write: Write<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#transaction();
    } finally {
      this.#draining = false;
    }
  }

  /** One transaction of the writes queued, and of those queued while it runs (up to the maximum). */
  async #transaction(): Promise<void> {
    let transaction: ControlledTransaction<Database>;
    try {
      transaction = await this.#db.startTransaction().execute();
    } catch (error) {
      for (const item of this.#queue.splice(0, maxWritesPerTransaction)) item.reject(error);
      return;
    }
    const done: { readonly item: Queued; readonly outcome: { readonly value: unknown } | { readonly error: unknown } }[] = [];
    let current: Queued | undefined;
    try {
      while (done.length < maxWritesPerTransaction && (current = this.#queue.shift()) !== undefined) {
        const savepoint = await transaction.savepoint('directory_write').execute();
        try {
          const value = await current.write(savepoint);
          await savepoint.releaseSavepoint('directory_write').execute();
          done.push({ item: current, outcome: { value } });
        } catch (error) {
          await savepoint.rollbackToSavepoint('directory_write').execute();
          await savepoint.releaseSavepoint('directory_write').execute();
          done.push({ item: current, outcome: { error } });
        }
        current = undefined;
      }
      await transaction.commit().execute();
    } catch (error) {
      // Nothing of this transaction is written: every write in it fails (with its own failure, if it had one).
      await transaction.rollback().execute().catch(() => undefined);
      current?.reject(error);
      for (const { item, outcome } of done) item.reject('error' in outcome ? outcome.error : error);
      return;
    }
    for (const { item, outcome } of done) {
      if ('error' in outcome) item.reject(outcome.error);
      else item.resolve(outcome.value);
    }
  }
}
