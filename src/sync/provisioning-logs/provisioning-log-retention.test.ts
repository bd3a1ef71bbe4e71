import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { provisioningLogRetentionDays, purgeExpiredProvisioningLogs, scheduleProvisioningLogPurge } from './provisioning-log-retention.js';
import { ProvisioningLogWriter } from './provisioning-log-writer.js';
import { sampleEntry } from './test-entries.js';

const now = new Date('2024-06-30T12:00:00.000Z');
const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 + extraMs);

describe.each(storeKinds)('provisioning log retention (%s)', (kind) => {
  let t: TestStore;
  let writer: ProvisioningLogWriter;
  beforeAll(async () => {
    t = await createTestStore(kind);
    writer = new ProvisioningLogWriter(t.store.db, { tenantId: '74beb175-3b80-4b63-b9d5-6f0b76082b16' });
  });
  afterAll(async () => t.dispose());
  beforeEach(async () => {
    await t.store.db.deleteFrom('provisioning_logs').execute();
  });

  const remaining = async () => (await t.store.db.selectFrom('provisioning_logs').select('id').orderBy('id').execute()).map((row) => row.id);

  it('keeps 30 days by default and deletes everything older, in batches', async () => {
    expect(provisioningLogRetentionDays).toBe(30);
    await writer.recordMany([
      sampleEntry({ id: 'today', activityDateTime: now }),
      sampleEntry({ id: 'day-29', activityDateTime: daysAgo(29) }),
      sampleEntry({ id: 'day-30-minus-1ms', activityDateTime: daysAgo(30, 1) }),
      sampleEntry({ id: 'day-30', activityDateTime: daysAgo(30) }),
      ...Array.from({ length: 7 }, (_, index) => sampleEntry({ id: `old-${index}`, activityDateTime: daysAgo(31 + index) })),
    ]);
    expect(await purgeExpiredProvisioningLogs(t.store.db, { now, batchSize: 3 })).toBe(7);
    expect(await remaining()).toEqual(['day-29', 'day-30', 'day-30-minus-1ms', 'today']);
    expect(await purgeExpiredProvisioningLogs(t.store.db, { now })).toBe(0);
  });

  it('honours a configured retention', async () => {
    await writer.recordMany([sampleEntry({ id: 'day-6', activityDateTime: daysAgo(6) }), sampleEntry({ id: 'day-8', activityDateTime: daysAgo(8) })]);
    expect(await purgeExpiredProvisioningLogs(t.store.db, { now, retentionDays: 7 })).toBe(1);
    expect(await remaining()).toEqual(['day-6']);
    await expect(purgeExpiredProvisioningLogs(t.store.db, { now, retentionDays: 0 })).rejects.toThrow(RangeError);
  });

  it('runs at once when scheduled, and stop waits for it', async () => {
    await writer.record(sampleEntry({ id: 'ancient', activityDateTime: '2001-01-01T00:00:00.000Z' }));
    const errors: unknown[] = [];
    const schedule = scheduleProvisioningLogPurge(t.store.db, { intervalMs: 60_000, onError: (error) => errors.push(error) });
    await schedule.stop();
    expect(errors).toEqual([]);
    expect(await remaining()).toEqual([]);
  });
});
