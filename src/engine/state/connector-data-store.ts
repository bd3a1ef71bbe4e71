import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

/** One provisioned object: the join between a source object and its target object, with what was exported. */
export interface ConnectorObject {
  readonly sourceId: string;
  /** Source object name of the object mapping (`User`, `Group`). */
  readonly objectType: string;
  readonly targetId: string;
  readonly targetObjectType: string;
  readonly displayName: string | null;
  /** Target attribute path → the value last exported (as the mapping produced it). */
  readonly exported: Readonly<Record<string, unknown>>;
}

const lookupChunk = 500;
const writeChunk = 100;
/** Links queued before a flush is due at once; otherwise within `flushDelayMs`. */
const flushBatch = 500;

/**
 * The job's connector data store (engine-behavior §1.5). Reads go through a per-cycle cache; writes are queued
 * right after each successful export and flushed in small transactions within milliseconds (and always before
 * the watermark moves). A write lost to a crash in that window is harmless: the next cycle replays from the old
 * watermark and re-matches by the matching attributes before creating anything.
 */
export class ConnectorDataStore {
  readonly #cache = new Map<string, ConnectorObject | null>();
  readonly #pending = new Map<string, ConnectorObject | null>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #failure: unknown;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobId: string,
    private readonly options: { readonly flushDelayMs?: number; readonly flushSize?: number } = {},
  ) {}

  /** The linked objects among `sourceIds`. */
  async getMany(sourceIds: Iterable<string>): Promise<Map<string, ConnectorObject>> {
    const found = new Map<string, ConnectorObject>();
    const missing: string[] = [];
    for (const id of sourceIds) {
      const cached = this.#cache.get(id);
      if (cached === undefined) missing.push(id);
      else if (cached !== null) found.set(id, cached);
    }
    for (let start = 0; start < missing.length; start += lookupChunk) {
      const chunk = missing.slice(start, start + lookupChunk);
      const rows = await this.db
        .selectFrom('engine_connector_objects')
        .select(['source_id', 'object_type', 'target_id', 'target_object_type', 'display_name', 'exported'])
        .where('job_id', '=', this.jobId)
        .where('source_id', 'in', chunk)
        .execute();
      for (const id of chunk) this.#cache.set(id, null);
      for (const row of rows) {
        const object: ConnectorObject = Object.freeze({
          sourceId: row.source_id,
          objectType: row.object_type,
          targetId: row.target_id,
          targetObjectType: row.target_object_type,
          displayName: row.display_name,
          exported: Object.freeze(JSON.parse(row.exported) as Record<string, unknown>),
        });
        this.#cache.set(row.source_id, object);
        found.set(row.source_id, object);
      }
    }
    return found;
  }

  async get(sourceId: string): Promise<ConnectorObject | undefined> {
    return (await this.getMany([sourceId])).get(sourceId);
  }

  /** Records a link (after a create or a match) or its new exported values (after an update). */
  put(object: ConnectorObject): void {
    this.#cache.set(object.sourceId, object);
    this.#queue(object.sourceId, object);
  }

  /** Forgets a link (after the target object was deleted). */
  remove(sourceId: string): void {
    this.#cache.set(sourceId, null);
    this.#queue(sourceId, null);
  }

  /** Writes everything queued; rethrows a failure of an earlier background flush. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#flushing = this.#flushing.then(() => this.#write());
    await this.#flushing;
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      throw failure;
    }
  }

  /** Linked objects per source object type. */
  async countByType(): Promise<Map<string, number>> {
    await this.flush();
    const rows = await this.db
      .selectFrom('engine_connector_objects')
      .select((eb) => ['object_type', eb.fn.countAll<number>().as('count')])
      .where('job_id', '=', this.jobId)
      .groupBy('object_type')
      .execute();
    return new Map(rows.map((row) => [row.object_type, Number(row.count)]));
  }

  /** Every linked source id of a type, in pages (a full cycle looks for links whose source left its scope). */
  async *sourceIds(objectType: string, pageSize: number): AsyncGenerator<readonly string[]> {
    await this.flush();
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('engine_connector_objects')
        .select('source_id')
        .where('job_id', '=', this.jobId)
        .where('object_type', '=', objectType)
        .where('source_id', '>', after)
        .orderBy('source_id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((row) => row.source_id);
      after = rows.at(-1)!.source_id;
      if (rows.length < pageSize) return;
    }
  }

  /** Restart with ConnectorDataStore: every link and exported membership is forgotten. */
  async clear(): Promise<void> {
    await this.flush();
    this.#cache.clear();
    await this.db.deleteFrom('engine_exported_members').where('job_id', '=', this.jobId).execute();
    await this.db.deleteFrom('engine_connector_objects').where('job_id', '=', this.jobId).execute();
  }

  #queue(sourceId: string, value: ConnectorObject | null): void {
    this.#pending.set(sourceId, value);
    if (this.#pending.size >= (this.options.flushSize ?? flushBatch)) {
      this.#flushing = this.#flushing.then(() => this.#write());
    } else {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#flushing = this.#flushing.then(() => this.#write());
      }, this.options.flushDelayMs ?? 50);
    }
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending];
    this.#pending.clear();
    const now = new Date().toISOString();
    const upserts = batch.flatMap(([, object]) => (object === null ? [] : [object]));
    const deletes = batch.flatMap(([id, object]) => (object === null ? [id] : []));
    try {
      await this.db.transaction().execute(async (trx) => {
        for (let start = 0; start < upserts.length; start += writeChunk) {
          await trx
            .insertInto('engine_connector_objects')
            .values(
              upserts.slice(start, start + writeChunk).map((object) => ({
                job_id: this.jobId,
                source_id: object.sourceId,
                object_type: object.objectType,
                target_id: object.targetId,
                target_object_type: object.targetObjectType,
                display_name: object.displayName,
                exported: JSON.stringify(object.exported),
                updated_at: now,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['job_id', 'source_id']).doUpdateSet((eb) => ({
                object_type: eb.ref('excluded.object_type'),
                target_id: eb.ref('excluded.target_id'),
                target_object_type: eb.ref('excluded.target_object_type'),
                display_name: eb.ref('excluded.display_name'),
                exported: eb.ref('excluded.exported'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute();
        }
        for (let start = 0; start < deletes.length; start += lookupChunk) {
          await trx
            .deleteFrom('engine_connector_objects')
            .where('job_id', '=', this.jobId)
            .where('source_id', 'in', deletes.slice(start, start + lookupChunk))
            .execute();
        }
      });
    } catch (error) {
      // Surfaced by the next flush(), which the cycle awaits before it moves the watermark.
      this.#failure ??= error;
    }
  }
}
