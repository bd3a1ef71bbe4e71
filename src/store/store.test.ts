import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../test/support/stores.js';
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
