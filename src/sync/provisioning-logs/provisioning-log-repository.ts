import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { summaryFromData } from './provisioning-log-row.js';
import type { ProvisioningObjectSummary } from './provisioning-object-summary.js';

/** One stored record by id, or undefined when it was never recorded or has been purged. */
export async function findProvisioningLog(db: Kysely<Database>, id: string): Promise<ProvisioningObjectSummary | undefined> {
  const row = await db.selectFrom('provisioning_logs').select('data').where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : summaryFromData(row.data);
}
