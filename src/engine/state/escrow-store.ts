import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { escrowRetryDelayMs } from '../stages/escrow-backoff.js';

/** What failed: the object itself, or one of its references written after the objects exist. */
export type EscrowKind = 'object' | 'manager' | 'members';

export interface Escrow {
  readonly sourceId: string;
  readonly kind: EscrowKind;
  readonly objectType: string;
  readonly attempts: number;
  readonly firstFailedAt: string;
  readonly nextAttemptAt: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

const key = (sourceId: string, kind: EscrowKind) => `${kind}:${sourceId}`;

/**
 * Escrows of one job: objects and references whose export failed, with their attempt count and next attempt.
 * Loaded once per cycle (there are few unless the target is failing), so a successful export checks an
 * in-memory set instead of issuing a delete for every object.
 */
export class EscrowStore {
  readonly #escrows = new Map<string, Escrow>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobId: string,
    private readonly backoff: { readonly baseMs: number; readonly maxMs: number },
  ) {}

  async load(): Promise<void> {
    this.#escrows.clear();
    const rows = await this.db.selectFrom('engine_escrows').selectAll().where('job_id', '=', this.jobId).execute();
    for (const row of rows) {
      const escrow: Escrow = Object.freeze({
        sourceId: row.source_id,
        kind: row.kind as EscrowKind,
        objectType: row.object_type,
        attempts: row.attempts,
        firstFailedAt: row.first_failed_at,
        nextAttemptAt: row.next_attempt_at,
        errorCode: row.error_code,
        errorMessage: row.error_message,
      });
      this.#escrows.set(key(escrow.sourceId, escrow.kind), escrow);
    }
  }

  /** Escrows whose next attempt has come. */
  due(now: Date): Escrow[] {
    const at = now.toISOString();
    return [...this.#escrows.values()].filter((escrow) => escrow.nextAttemptAt <= at);
  }

  all(): Escrow[] {
    return [...this.#escrows.values()];
  }

  get(sourceId: string, kind: EscrowKind): Escrow | undefined {
    return this.#escrows.get(key(sourceId, kind));
  }

  /** Records a failure and schedules the next attempt. */
  async fail(
    sourceId: string,
    kind: EscrowKind,
    objectType: string,
    failure: { readonly code: string; readonly message: string; readonly retryAfterMs?: number | undefined },
    now: Date,
  ): Promise<Escrow> {
    const previous = this.#escrows.get(key(sourceId, kind));
    const attempts = (previous?.attempts ?? 0) + 1;
    const at = now.toISOString();
    const escrow: Escrow = Object.freeze({
      sourceId,
      kind,
      objectType,
      attempts,
      firstFailedAt: previous?.firstFailedAt ?? at,
      nextAttemptAt: new Date(now.getTime() + escrowRetryDelayMs(attempts, this.backoff, failure.retryAfterMs)).toISOString(),
      errorCode: failure.code,
      errorMessage: failure.message.slice(0, 2000),
    });
    this.#escrows.set(key(sourceId, kind), escrow);
    const values = {
      object_type: objectType,
      attempts,
      first_failed_at: escrow.firstFailedAt,
      last_failed_at: at,
      next_attempt_at: escrow.nextAttemptAt,
      error_code: escrow.errorCode,
      error_message: escrow.errorMessage,
    };
    await this.db
      .insertInto('engine_escrows')
      .values({ job_id: this.jobId, source_id: sourceId, kind, ...values })
      .onConflict((oc) => oc.columns(['job_id', 'source_id', 'kind']).doUpdateSet(values))
      .execute();
    return escrow;
  }

  /** The object (or reference) went through: its escrow, if any, is done. */
  async succeed(sourceId: string, kind: EscrowKind): Promise<void> {
    if (!this.#escrows.delete(key(sourceId, kind))) return;
    await this.db
      .deleteFrom('engine_escrows')
      .where('job_id', '=', this.jobId)
      .where('source_id', '=', sourceId)
      .where('kind', '=', kind)
      .execute();
  }

  counts(): { readonly objects: number; readonly references: number } {
    let objects = 0;
    for (const escrow of this.#escrows.values()) if (escrow.kind === 'object') objects += 1;
    return { objects, references: this.#escrows.size - objects };
  }

  /** Restart with Escrows: stop retrying everything. */
  async clear(): Promise<void> {
    this.#escrows.clear();
    await this.db.deleteFrom('engine_escrows').where('job_id', '=', this.jobId).execute();
  }
}
