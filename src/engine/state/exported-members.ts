import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

const chunk = 500;

/**
 * Group memberships as exported to the target, by source ids. The hosted service never reads membership
 * back (engine-behavior §1.13), so this is what membership changes are computed against: the net additions
 * and removals between it and the source's current members.
 */
export class ExportedMembers {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobId: string,
  ) {}

  async of(groupSourceIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const result = new Map<string, Set<string>>(groupSourceIds.map((id) => [id, new Set<string>()]));
    for (let start = 0; start < groupSourceIds.length; start += chunk) {
      const rows = await this.db
        .selectFrom('engine_exported_members')
        .select(['group_source_id', 'member_source_id'])
        .where('job_id', '=', this.jobId)
        .where('group_source_id', 'in', groupSourceIds.slice(start, start + chunk))
        .execute();
      for (const row of rows) result.get(row.group_source_id)?.add(row.member_source_id);
    }
    return result;
  }

  /** The groups a member was exported into. */
  async groupsOf(memberSourceId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('engine_exported_members')
      .select('group_source_id')
      .where('job_id', '=', this.jobId)
      .where('member_source_id', '=', memberSourceId)
      .execute();
    return rows.map((row) => row.group_source_id);
  }

  async add(groupSourceId: string, memberSourceIds: readonly string[]): Promise<void> {
    for (let start = 0; start < memberSourceIds.length; start += chunk) {
      await this.db
        .insertInto('engine_exported_members')
        .values(memberSourceIds.slice(start, start + chunk).map((member) => ({ job_id: this.jobId, group_source_id: groupSourceId, member_source_id: member })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  async remove(groupSourceId: string, memberSourceIds: readonly string[]): Promise<void> {
    for (let start = 0; start < memberSourceIds.length; start += chunk) {
      await this.db
        .deleteFrom('engine_exported_members')
        .where('job_id', '=', this.jobId)
        .where('group_source_id', '=', groupSourceId)
        .where('member_source_id', 'in', memberSourceIds.slice(start, start + chunk))
        .execute();
    }
  }

  /** A deleted target object takes its memberships (as member and as group) with it. */
  async forget(sourceId: string): Promise<void> {
    await this.db
      .deleteFrom('engine_exported_members')
      .where('job_id', '=', this.jobId)
      .where((eb) => eb.or([eb('group_source_id', '=', sourceId), eb('member_source_id', '=', sourceId)]))
      .execute();
  }
}
