import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { insertTestJob } from '../../../test/support/engine-test-job.js';
import { acquireLease, leaseHolder, releaseLease, renewLease } from './lease.js';

describe.each(storeKinds)('job lease (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(kind);
  });
  afterAll(async () => t.dispose());

  it('is held by one owner until it expires or is released', async () => {
    const { db } = t.store;
    const job = await insertTestJob(db);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(await acquireLease(db, job.id, 'a', 1_000, now)).toBe(true);
    expect(await acquireLease(db, job.id, 'b', 1_000, now)).toBe(false);
    expect(await acquireLease(db, job.id, 'a', 1_000, new Date(now.getTime() + 500))).toBe(true);
    expect(await renewLease(db, job.id, 'a', 1_000, new Date(now.getTime() + 900))).toBe(true);
    expect(await acquireLease(db, job.id, 'b', 1_000, new Date(now.getTime() + 1_500))).toBe(false);
    // Expired: another owner takes it over, and the old owner's renewal fails.
    expect(await acquireLease(db, job.id, 'b', 1_000, new Date(now.getTime() + 2_000))).toBe(true);
    expect(await renewLease(db, job.id, 'a', 1_000, new Date(now.getTime() + 2_100))).toBe(false);
    expect((await leaseHolder(db, job.id))?.owner).toBe('b');
    await releaseLease(db, job.id, 'a');
    expect((await leaseHolder(db, job.id))?.owner).toBe('b');
    await releaseLease(db, job.id, 'b');
    expect(await leaseHolder(db, job.id)).toBeUndefined();
  });

  it('goes to exactly one of many concurrent contenders', async () => {
    const { db } = t.store;
    const job = await insertTestJob(db);
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLease(db, job.id, `owner-${i}`, 60_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await leaseHolder(db, job.id))?.owner).toBe(`owner-${results.indexOf(true)}`);
  });
});
