import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database.js';
import { ProvisioningLogThread } from './log-thread.js';
import { toProvisioningObjectSummary, type ProvisioningLogEntry } from './provisioning-log-entry.js';
import { provisioningLogColumnCount, provisioningLogRow } from './provisioning-log-row.js';
import type { ProvisioningObjectSummary } from './provisioning-object-summary.js';
import type { RedactionRules } from './redaction.js';

export interface ProvisioningLogWriterOptions {
  /** The tenant every record names (`tenantId`). */
  readonly tenantId: string;
  /** Which attribute names are secret; defaults to `defaultRedactionRules`. */
  readonly redaction?: RedactionRules;
  /** Rows per INSERT statement (default 500). */
  readonly batchSize?: number;
  /**
   * The store's SQLite file: `append` then writes on a thread of its own, over its own connection (a
   * PostgreSQL store, or an in-memory SQLite one, writes in this thread).
   */
  readonly sqliteFile?: string;
}

/** SQLite binds at most 32,766 parameters per statement, PostgreSQL 65,535. */
const MAX_PARAMETERS = 32_766;
const DEFAULT_BATCH_SIZE = 500;
/** Records per transaction of the log thread: short, since the store's connection waits while it writes. */
const THREAD_BATCH_SIZE = 100;

/**
 * What the engine records provisioning logs with. Every entry becomes a redacted provisioningObjectSummary;
 * a batch is validated completely before anything is written, then inserted with multi-row INSERTs inside
 * one transaction, so a cycle's thousands of records cost a handful of statements and land all or nothing.
 */
export class ProvisioningLogWriter {
  private readonly batchSize: number;
  private readonly thread: ProvisioningLogThread | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: ProvisioningLogWriterOptions,
  ) {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    this.batchSize = Math.min(batchSize, Math.floor(MAX_PARAMETERS / provisioningLogColumnCount));
    this.thread =
      options.sqliteFile === undefined
        ? undefined
        : new ProvisioningLogThread({ path: options.sqliteFile, tenantId: options.tenantId, busyTimeoutMs: 30_000, ...(options.redaction ? { redaction: options.redaction } : {}) });
  }

  /** Records one change and returns the record as Graph serves it. */
  async record(entry: ProvisioningLogEntry, transaction?: Transaction<Database>): Promise<ProvisioningObjectSummary> {
    const [summary] = await this.recordMany([entry], transaction);
    return summary as ProvisioningObjectSummary;
  }

  /**
   * Records many changes in one transaction (the caller's, when given, so logs commit with the work they
   * describe) and returns the records in order.
   */
  async recordMany(entries: readonly ProvisioningLogEntry[], transaction?: Transaction<Database>): Promise<readonly ProvisioningObjectSummary[]> {
    const context = { tenantId: this.options.tenantId, ...(this.options.redaction ? { redaction: this.options.redaction } : {}) };
    const summaries = Object.freeze(entries.map((entry) => toProvisioningObjectSummary(entry, context)));
    if (summaries.length === 0) return summaries;
    const insert = async (executor: Kysely<Database>) => {
      for (let start = 0; start < summaries.length; start += this.batchSize) {
        await executor.insertInto('provisioning_logs').values(summaries.slice(start, start + this.batchSize).map(provisioningLogRow)).execute();
      }
    };
    if (transaction !== undefined) await insert(transaction);
    else await this.db.transaction().execute(insert);
    return summaries;
  }

  /**
   * Records changes whose records the caller does not need back (a cycle's bulk), on the log thread when
   * the writer has one. Durable once resolved. On the thread they are written in transactions of 100
   * records, so a failure may leave earlier ones of the call written.
   */
  async append(entries: readonly ProvisioningLogEntry[]): Promise<void> {
    const thread = this.thread;
    if (thread === undefined) {
      await this.recordMany(entries);
      return;
    }
    const writes: Promise<void>[] = [];
    for (let start = 0; start < entries.length; start += THREAD_BATCH_SIZE) writes.push(thread.write(entries.slice(start, start + THREAD_BATCH_SIZE)));
    const results = await Promise.allSettled(writes);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Stops the log thread once its writes have settled. */
  async close(): Promise<void> {
    await this.thread?.close();
  }
}
