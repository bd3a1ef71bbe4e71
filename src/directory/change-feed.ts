import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { isPostgres } from './directory-objects/store-dialect.js';

export type DirectoryObjectType = 'user' | 'group' | 'orgContact' | 'application' | 'servicePrincipal' | 'appRoleAssignment';
export type ChangeType = 'created' | 'updated' | 'deleted' | 'restored' | 'purged' | 'linked' | 'unlinked';

export interface DirectoryChange {
  objectType: DirectoryObjectType;
  objectId: string;
  changeType: ChangeType;
  details?: Record<string, unknown>;
}

/** A change as the feed recorded it: its position (`seq`) and time. */
export interface RecordedChange extends DirectoryChange {
  readonly seq: number;
  readonly changedAt: string;
}

/** One read of the feed: the changes after the caller's watermark, and the watermark to continue from. */
export interface ChangePage {
  readonly changes: readonly RecordedChange[];
  readonly watermark: number;
  /** True when `limit` cut the read short: read again from `watermark`. */
  readonly hasMore: boolean;
}

/** What a `linked` / `unlinked` change carries: which relation of the object now (no longer) points where. */
export interface LinkDetails {
  readonly relation: 'members' | 'owners' | 'manager';
  readonly targetId: string;
  readonly targetType: string;
}

/** An `updated` change names the Graph properties it touched. */
export interface UpdateDetails {
  readonly properties: readonly string[];
}

/**
 * An arbitrary constant naming the feed's advisory lock on PostgreSQL. Every append takes it (transaction
 * scoped), so sequence values are allocated and committed in the same order: a reader that has seen seq N
 * can never later find a committed row below N. Without it, a transaction that drew seq 10 and commits after
 * one that drew seq 11 would be skipped by every reader already past 11.
 */
export const changeFeedLockKey = 0x5052_4f56;

const insertChunk = 500;

/**
 * Appends to the change feed. Callers pass the transaction that makes the change itself, so the feed never
 * shows a change that did not happen nor misses one that did. Outside a transaction the append runs in one
 * of its own, so the ordering lock still covers it.
 */
export async function appendChange(db: Kysely<Database>, change: DirectoryChange, at = new Date().toISOString()): Promise<void> {
  await appendChanges(db, [change], at);
}

/** Appends several changes in order (bulk inserts), under the same rules as appendChange. */
export async function appendChanges(db: Kysely<Database>, changes: readonly DirectoryChange[], at = new Date().toISOString()): Promise<void> {
  if (changes.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendChanges(trx, changes, at));
    return;
  }
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${changeFeedLockKey})`.execute(db);
  for (let start = 0; start < changes.length; start += insertChunk) {
    await db
      .insertInto('directory_changes')
      .values(
        changes.slice(start, start + insertChunk).map((change) => ({
          object_type: change.objectType,
          object_id: change.objectId,
          change_type: change.changeType,
          changed_at: at,
          details: change.details === undefined ? null : JSON.stringify(change.details),
        })),
      )
      .execute();
  }
}

/**
 * The changes after `afterSeq`, oldest first, at most `limit`. The returned watermark is the last change's
 * seq (or `afterSeq` when there is none); pass it as `afterSeq` next time.
 */
export async function readChanges(db: Kysely<Database>, afterSeq: number, limit: number): Promise<ChangePage> {
  const rows = await db
    .selectFrom('directory_changes')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const changes = rows.slice(0, limit).map(
    (row): RecordedChange =>
      Object.freeze({
        seq: Number(row.seq),
        objectType: row.object_type as DirectoryObjectType,
        objectId: row.object_id,
        changeType: row.change_type as ChangeType,
        changedAt: row.changed_at,
        ...(row.details === null ? {} : { details: JSON.parse(row.details) as Record<string, unknown> }),
      }),
  );
  return Object.freeze({ changes: Object.freeze(changes), watermark: changes.at(-1)?.seq ?? afterSeq, hasMore: rows.length > limit });
}

/** The seq of the newest committed change (0 for an empty feed): where a reader starting now begins. */
export async function currentWatermark(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('directory_changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The link a `linked` / `unlinked` change describes, or undefined for other changes. */
export function linkDetailsOf(change: DirectoryChange): LinkDetails | undefined {
  if (change.changeType !== 'linked' && change.changeType !== 'unlinked') return undefined;
  const details = change.details;
  if (details === undefined || typeof details.relation !== 'string' || typeof details.targetId !== 'string') return undefined;
  return details as unknown as LinkDetails;
}
