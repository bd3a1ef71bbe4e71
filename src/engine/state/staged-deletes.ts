import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

export interface StagedDelete {
  readonly sourceId: string;
  readonly objectType: string;
  readonly action: 'disable' | 'delete';
  readonly stagedAt: string;
}

/**
 * Disables and deletes the accidental-deletion threshold held back (engine-behavior §1.12). Every later cycle
 * evaluates these objects again: one that came back into scope is unstaged, the others count against the
 * threshold again until a restart with ForceDeletes lets them through.
 */
export class StagedDeletes {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobId: string,
  ) {}

  async list(): Promise<StagedDelete[]> {
    const rows = await this.db.selectFrom('engine_staged_deletes').selectAll().where('job_id', '=', this.jobId).execute();
    return rows.map((row) => Object.freeze({ sourceId: row.source_id, objectType: row.object_type, action: row.action as StagedDelete['action'], stagedAt: row.staged_at }));
  }

  async stage(items: readonly Omit<StagedDelete, 'stagedAt'>[], now: Date): Promise<void> {
    const at = now.toISOString();
    for (let start = 0; start < items.length; start += 200) {
      await this.db
        .insertInto('engine_staged_deletes')
        .values(items.slice(start, start + 200).map((item) => ({ job_id: this.jobId, source_id: item.sourceId, object_type: item.objectType, action: item.action, staged_at: at })))
        .onConflict((oc) => oc.columns(['job_id', 'source_id']).doUpdateSet((eb) => ({ action: eb.ref('excluded.action') })))
        .execute();
    }
  }

  async unstage(sourceIds: readonly string[]): Promise<void> {
    for (let start = 0; start < sourceIds.length; start += 500) {
      await this.db.deleteFrom('engine_staged_deletes').where('job_id', '=', this.jobId).where('source_id', 'in', sourceIds.slice(start, start + 500)).execute();
    }
  }
}
