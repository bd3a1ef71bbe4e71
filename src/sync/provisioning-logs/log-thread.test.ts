import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../../test/support/stores.js';
import { migrateToLatest, openStore } from '../../store/store.js';
import { ProvisioningLogThreadError } from './log-thread.js';
import { findProvisioningLog } from './provisioning-log-repository.js';
import { ProvisioningLogWriter } from './provisioning-log-writer.js';
import { sampleEntry } from './test-entries.js';

const tenantId = '74beb175-3b80-4b63-b9d5-6f0b76082b16';

describe('ProvisioningLogWriter.append on the log thread (SQLite file)', () => {
  let t: TestStore;
  let writer: ProvisioningLogWriter;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    writer = new ProvisioningLogWriter(t.store.db, { tenantId, sqliteFile: t.store.location });
  });
  afterAll(async () => {
    await writer.close();
    await t.dispose();
  });
  beforeEach(async () => {
    await t.store.db.deleteFrom('provisioning_logs').execute();
  });

  const ids = async () => (await t.store.db.selectFrom('provisioning_logs').select('id').orderBy('id').execute()).map((row) => row.id);

  it('writes records the store reads back as the in-thread writer would have written them', async () => {
    const entries = Array.from({ length: 250 }, (_, index) => sampleEntry({ id: `log-${String(index).padStart(3, '0')}`, changeId: `change-${index}` }));
    await writer.append(entries);
    expect(await ids()).toEqual(entries.map((entry) => entry.id));
    const inThread = await new ProvisioningLogWriter(t.store.db, { tenantId }).record(sampleEntry({ id: 'reference', changeId: 'change-0' }));
    expect(await findProvisioningLog(t.store.db, 'log-000')).toEqual({ ...inThread, id: 'log-000' });
    const [row] = await t.store.db.selectFrom('provisioning_logs').selectAll().where('id', '=', 'log-007').execute();
    expect(row).toMatchObject({ change_id: 'change-7', status: 'success', action: 'create', source_identity_id: '5e6c9eae-ab4d-4239-8ad0-174391d110eb' });
  });

  it('rejects a batch with an invalid entry and writes none of it', async () => {
    const entries = [sampleEntry({ id: 'good' }), sampleEntry({ id: 'bad', durationInMilliseconds: -1 })];
    await expect(writer.append(entries)).rejects.toThrow(/durationInMilliseconds/);
    expect(await ids()).toEqual([]);
    await writer.append([sampleEntry({ id: 'after' })]);
    expect(await ids()).toEqual(['after']);
  });

  it('takes turns with the store connection: transactions that read, then write, do not fail while the thread writes', async () => {
    const writes = Array.from({ length: 20 }, (_, batch) =>
      writer.append(Array.from({ length: 100 }, (_, index) => sampleEntry({ id: `t-${batch}-${index}` }))),
    );
    for (let round = 0; round < 20; round += 1) {
      await t.store.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('provisioning_logs').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
        await new Promise((resolve) => setTimeout(resolve, 2));
        await trx.insertInto('settings').values({ key: `round-${round}`, value: String(before.count) }).execute();
      });
    }
    await Promise.all(writes);
    expect(await ids()).toHaveLength(2_000);
    expect(await t.store.db.selectFrom('settings').select('key').where('key', 'like', 'round-%').execute()).toHaveLength(20);
  });

  it('has settled every write it was given when close resolves', async () => {
    const pending = writer.append(Array.from({ length: 300 }, (_, index) => sampleEntry({ id: `c-${index}` })));
    const closed = writer.close();
    await pending;
    await closed;
    expect(await ids()).toHaveLength(300);
    // A writer keeps working after close: the next append starts a thread again (and afterAll closes it).
    await writer.append([sampleEntry({ id: 'reopened' })]);
    expect(await ids()).toContain('reopened');
  });
});

describe('ProvisioningLogWriter.append when the log thread dies', () => {
  it('fails the writes of a thread that could not start, and starts a new thread for the next append', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'provisio-log-thread-'));
    // No tables yet: the thread fails as it prepares its insert.
    const store = openStore({ databaseUrl: undefined, dataDir });
    const writer = new ProvisioningLogWriter(store.db, { tenantId, sqliteFile: store.location });
    try {
      const failed = writer.append([sampleEntry({ id: 'lost' })]);
      await expect(failed).rejects.toThrow(ProvisioningLogThreadError);
      await expect(failed).rejects.toThrow(/the provisioning log thread failed: .*provisioning_logs/);
      await migrateToLatest(store);
      await writer.append([sampleEntry({ id: 'after-restart' })]);
      expect((await store.db.selectFrom('provisioning_logs').select('id').execute()).map((row) => row.id)).toEqual(['after-restart']);
    } finally {
      await writer.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
