import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Provisioning logs: one row per provisioningObjectSummary, its Graph JSON in `data` plus copies of what
 * `$filter` and the newest-first order need. On PostgreSQL the ordered columns use the "C" collation, which
 * is what the OData layer compares with, so the indexes below serve `ORDER BY … COLLATE "C"` and keyset
 * paging without a sort; `DESC NULLS LAST` matches the descending order it emits.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const orderedText = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('provisioning_logs')
    .addColumn('id', orderedText, (c) => c.primaryKey())
    .addColumn('activity_date_time', orderedText, (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addColumn('service_principal_id', 'text', (c) => c.notNull())
    .addColumn('source_identity_id', 'text', (c) => c.notNull())
    .addColumn('source_identity_display_name', 'text', (c) => c.notNull())
    .addColumn('target_identity_id', 'text', (c) => c.notNull())
    .addColumn('target_identity_display_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();

  const newestFirst = dialect === 'postgres' ? sql.raw('activity_date_time desc nulls last, id') : sql.raw('activity_date_time desc, id');
  const index = (name: string, leading?: string) =>
    sql`create index ${sql.id(name)} on provisioning_logs (${leading === undefined ? newestFirst : sql`${sql.id(leading)}, ${newestFirst}`})`.execute(db);
  // Also serves the retention purge (`activity_date_time < cutoff`).
  await index('provisioning_logs_activity');
  await index('provisioning_logs_job', 'job_id');
  await index('provisioning_logs_cycle', 'cycle_id');
  await index('provisioning_logs_change', 'change_id');
  await index('provisioning_logs_service_principal', 'service_principal_id');
  await index('provisioning_logs_source_identity', 'source_identity_id');
  await index('provisioning_logs_target_identity', 'target_identity_id');
}
