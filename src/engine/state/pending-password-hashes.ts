import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../directory/directory-objects/store-dialect.js';
import type { Database } from '../../store/database.js';

/** An AD account whose password hash was read before its directory user existed (or was synchronized). */
export interface PendingPasswordHash {
  readonly objectGuid: string;
  readonly immutableId: string;
}

const chunk = 500;

/**
 * Password hashes waiting for their user: the hosted service expects errors on a first run, when the
 * provisioning job has not created the users yet. Rather than holding the replication watermark back (every
 * cycle would read the same changes again, forever if a user never comes into the provisioning scope), the
 * job remembers the accounts and, once their users exist, reads just those accounts again. Only the objectGUID
 * is kept, never a hash.
 */
export class PendingPasswordHashes {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobId: string,
  ) {}

  /** Records (or refreshes) accounts whose user is missing. */
  async add(entries: readonly PendingPasswordHash[], at: Date): Promise<void> {
    const seen = at.toISOString();
    for (let start = 0; start < entries.length; start += chunk) {
      await this.db
        .insertInto('engine_password_hash_pending')
        .values(
          entries.slice(start, start + chunk).map((entry) => ({
            job_id: this.jobId,
            object_guid: entry.objectGuid,
            immutable_id: entry.immutableId,
            first_seen_at: seen,
            seen_at: seen,
          })),
        )
        .onConflict((oc) => oc.columns(['job_id', 'object_guid']).doUpdateSet({ seen_at: seen }))
        .execute();
    }
  }

  async remove(objectGuids: readonly string[]): Promise<void> {
    for (let start = 0; start < objectGuids.length; start += chunk) {
      await this.db
        .deleteFrom('engine_password_hash_pending')
        .where('job_id', '=', this.jobId)
        .where('object_guid', 'in', objectGuids.slice(start, start + chunk))
        .execute();
    }
  }

  /**
   * Pending accounts whose user now exists and is synchronized from on-premises, at most `limit`: one query
   * joining on the live users' immutable-id index, the synchronized check and the limit inside it, so rows
   * still waiting cost no transfer and no JSON parsing here.
   */
  async resolvable(limit: number): Promise<string[]> {
    const synchronized = isPostgres(this.db)
      ? sql<boolean>`(cast(u.data as jsonb) -> 'onPremisesSyncEnabled') = 'true'::jsonb`
      : sql<boolean>`json_type(u.data, '$.onPremisesSyncEnabled') = 'true'`;
    const rows = await this.db
      .selectFrom('engine_password_hash_pending as p')
      .innerJoin('users as u', (join) => join.onRef('u.on_premises_immutable_id', '=', 'p.immutable_id').on('u.deleted_at', 'is', null))
      .select('p.object_guid')
      .where('p.job_id', '=', this.jobId)
      .where(synchronized)
      .orderBy('p.object_guid')
      .limit(limit)
      .execute();
    return rows.map((row) => row.object_guid);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('engine_password_hash_pending')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('job_id', '=', this.jobId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** After a full read: accounts it did not return are gone from AD or from the scope. */
  async dropUnseenSince(at: Date): Promise<void> {
    await this.db.deleteFrom('engine_password_hash_pending').where('job_id', '=', this.jobId).where('seen_at', '<', at.toISOString()).execute();
  }
}
