import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import type { Database } from '../../store/database.js';
import { DirectoryWriteBatch } from './directory-write-batch.js';

/** A write of one setting row, failing after it wrote when asked to. */
const put = (key: string, fail = false) => async (db: Kysely<Database>) => {
  await db.insertInto('settings').values({ key, value: 'written' }).execute();
  if (fail) throw new Error(`${key} failed`);
  return key;
};

describe.each(storeKinds)('DirectoryWriteBatch (%s)', (kind) => {
  let store: TestStore;
  let db: Kysely<Database>;

  beforeAll(async () => {
    store = await createTestStore(kind);
    db = store.store.db;
  });

  afterAll(async () => {
    await store?.dispose();
  });

  const keys = async (prefix: string) =>
    (await db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((row) => row.key);

  it('commits concurrent writes together, a failed one rolled back and failing alone', async () => {
    const batch = new DirectoryWriteBatch(db);
    const results = await Promise.allSettled([batch.run(put('a-1')), batch.run(put('a-2', true)), batch.run(put('a-3'))]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a-1' },
      { status: 'rejected', reason: new Error('a-2 failed') },
      { status: 'fulfilled', value: 'a-3' },
    ]);
    expect(await keys('a-')).toEqual(['a-1', 'a-3']);
  });

  it('rolls back a write the database refuses and commits the others (PostgreSQL: the transaction stays usable)', async () => {
    const batch = new DirectoryWriteBatch(db);
    await batch.run(put('d-1'));
    // The second insert of d-1 violates the primary key after writing d-2 in the same savepoint.
    const refused = async (trx: Kysely<Database>) => {
      await put('d-2')(trx);
      return put('d-1')(trx);
    };
    const results = await Promise.allSettled([batch.run(put('d-3')), batch.run(refused), batch.run(put('d-4'))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await keys('d-')).toEqual(['d-1', 'd-3', 'd-4']);
  });

  it('runs writes queued in the same turn in one transaction, and later ones in the next', async () => {
    let transactions = 0;
    const counting = new Proxy(db, {
      get(target, property) {
        if (property === 'startTransaction') transactions += 1;
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const batch = new DirectoryWriteBatch(counting);
    await Promise.all([batch.run(put('b-1')), batch.run(put('b-2')), batch.run(put('b-3'))]);
    expect(transactions).toBe(1);
    await batch.run(put('b-4'));
    expect(transactions).toBe(2);
    expect(await keys('b-')).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
  });

  it('fails every write of a transaction that cannot commit, writing none of them', async () => {
    const batch = new DirectoryWriteBatch(db);
    // A write that leaves the transaction unusable (here: its savepoint gone) fails every write in it.
    const breaking = async (trx: Kysely<Database>) => {
      await put('c-2')(trx);
      await sql`release savepoint directory_write`.execute(trx);
      return 'c-2';
    };
    const results = await Promise.allSettled([batch.run(put('c-1')), batch.run(breaking)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await keys('c-')).toEqual([]);
  });
});
