import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../test/support/stores.js';
import { appendChange, appendChanges, currentWatermark, linkDetailsOf, readChanges } from './change-feed.js';

describe.each(storeKinds)('change feed (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store.dispose());

  it('reads changes after a watermark, in order, in pages', async () => {
    const { db } = store.store;
    const start = await currentWatermark(db);
    await db.transaction().execute(async (trx) => {
      await appendChange(trx, { objectType: 'user', objectId: 'u1', changeType: 'created' });
      await appendChanges(trx, [
        { objectType: 'group', objectId: 'g1', changeType: 'linked', details: { relation: 'members', targetId: 'u1', targetType: 'user' } },
        { objectType: 'user', objectId: 'u1', changeType: 'updated', details: { properties: ['jobTitle'] } },
      ]);
    });
    const first = await readChanges(db, start, 2);
    expect(first.hasMore).toBe(true);
    expect(first.changes.map((change) => [change.objectId, change.changeType])).toEqual([
      ['u1', 'created'],
      ['g1', 'linked'],
    ]);
    expect(linkDetailsOf(first.changes[1]!)).toEqual({ relation: 'members', targetId: 'u1', targetType: 'user' });
    expect(linkDetailsOf(first.changes[0]!)).toBeUndefined();
    const second = await readChanges(db, first.watermark, 2);
    expect(second).toMatchObject({ hasMore: false, watermark: await currentWatermark(db) });
    expect(second.changes.map((change) => change.details)).toEqual([{ properties: ['jobTitle'] }]);
    expect(second.changes[0]!.seq).toBeGreaterThan(first.changes[1]!.seq);
    const empty = await readChanges(db, second.watermark, 10);
    expect(empty).toEqual({ changes: [], watermark: second.watermark, hasMore: false });
  });

  it('records nothing when the writing transaction rolls back', async () => {
    const { db } = store.store;
    const before = await currentWatermark(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await appendChange(trx, { objectType: 'user', objectId: 'rolled-back', changeType: 'created' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await readChanges(db, before, 10)).changes).toEqual([]);
  });

  it.runIf(kind === 'postgres')('commits feed rows in sequence order, so a reader past seq N never finds a later commit below N', async () => {
    const { db } = store.store;
    const start = await currentWatermark(db);
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstAppended!: () => void;
    const appended = new Promise<void>((resolve) => {
      firstAppended = resolve;
    });
    // The first writer draws its seq, then holds its transaction open.
    const first = db.transaction().execute(async (trx) => {
      await appendChange(trx, { objectType: 'user', objectId: 'slow', changeType: 'created' });
      firstAppended();
      await firstMayCommit;
    });
    await appended;
    let secondDone = false;
    // The second writer appends outside any transaction: appendChange opens one, so the lock still applies.
    const second = appendChange(db, { objectType: 'user', objectId: 'fast', changeType: 'created' }).then(() => {
        secondDone = true;
      });
    await sleep(300);
    // Without the lock the second writer would have committed a higher seq already, and a reader would
    // move its watermark past the first writer's still-invisible row.
    expect(secondDone).toBe(false);
    expect((await readChanges(db, start, 10)).changes).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    const after = await readChanges(db, start, 10);
    expect(after.changes.map((change) => change.objectId)).toEqual(['slow', 'fast']);
  });
});
