import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../test/support/stores.js';
import { migrations } from './migrations/index.js';
import { migrateToLatest } from './store.js';

describe.each(storeKinds)('store on %s', (kind) => {
  let testStore: TestStore | undefined;
  afterEach(async () => {
    await testStore?.dispose();
    testStore = undefined;
  });

  it('applies the numbered migrations once and is idempotent', async () => {
    testStore = await createTestStore(kind);
    const again = await migrateToLatest(testStore.store);
    expect(again).toEqual([]);
    const tables = await testStore.store.db.introspection.getTables();
    const names = tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(['settings', 'signing_keys', 'applications', 'directory_changes']));
  });

  it('applies an earlier migration that landed after a later one the store already has, keeping the data', async () => {
    testStore = await createTestStore(kind);
    const { db } = testStore.store;
    // A data directory migrated while 0007 was on main but 0006 was not yet: 0006 undone, 0007 and its data kept.
    await db.schema.dropTable('engine_password_hash_pending').execute();
    await db.schema.alterTable('engine_job_state').dropColumn('password_hash_watermark').execute();
    await sql`delete from provisio_migrations where name = '0006-password-hash-sync'`.execute(db);
    const contact = { id: 'c1', display_name: 'Contact', display_name_lower: 'contact', given_name_lower: null, surname_lower: null, mail_lower: null, mail_nickname_lower: null, source_anchor: 'YQ==', created_at: new Date().toISOString(), data: '{}' };
    await db.insertInto('contacts').values(contact).execute();

    const results = await migrateToLatest(testStore.store);

    expect(results.map((result) => [result.migrationName, result.status])).toEqual([['0006-password-hash-sync', 'Success']]);
    const applied = await sql<{ name: string }>`select name from provisio_migrations order by name`.execute(db);
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
    expect(await db.selectFrom('contacts').selectAll().execute()).toEqual([contact]);
    expect(await db.selectFrom('engine_password_hash_pending').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('engine_job_state').select('password_hash_watermark').execute()).toEqual([]);
  });

  it('assigns increasing change-feed sequence numbers', async () => {
    testStore = await createTestStore(kind);
    const { db } = testStore.store;
    const row = { object_type: 'user', object_id: 'a', change_type: 'created', changed_at: new Date().toISOString(), details: null };
    const first = await db.insertInto('directory_changes').values(row).returning('seq').executeTakeFirstOrThrow();
    const second = await db.insertInto('directory_changes').values(row).returning('seq').executeTakeFirstOrThrow();
    expect(typeof first.seq).toBe('number');
    expect(second.seq).toBeGreaterThan(first.seq);
  });

  it('rolls a failed transaction back completely', async () => {
    testStore = await createTestStore(kind);
    const { db } = testStore.store;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'a', value: '1' }).execute();
        await trx.insertInto('settings').values({ key: 'a', value: '2' }).execute();
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('settings').selectAll().execute()).toEqual([]);
  });
});
