import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { openStore, type Store } from '../../store/store.js';
import { InvalidProvisioningLogEntryError } from './provisioning-log-errors.js';
import { findProvisioningLog } from './provisioning-log-repository.js';
import { ProvisioningLogWriter } from './provisioning-log-writer.js';
import { sampleEntry } from './test-entries.js';

const tenantId = '74beb175-3b80-4b63-b9d5-6f0b76082b16';

describe.each(storeKinds)('ProvisioningLogWriter (%s)', (kind) => {
  let t: TestStore;
  // A second connection to the same database that counts the statements it runs.
  let counted: Store;
  let statements = 0;
  beforeAll(async () => {
    t = await createTestStore(kind);
    counted = openStore({ databaseUrl: t.databaseUrl, dataDir: t.dataDir, onQuery: () => (statements += 1) });
  });
  afterAll(async () => {
    await counted.close();
    await t.dispose();
  });
  beforeEach(async () => {
    await t.store.db.deleteFrom('provisioning_logs').execute();
    statements = 0;
  });

  const stored = async () => t.store.db.selectFrom('provisioning_logs').selectAll().orderBy('id').execute();

  it('records one entry: the Graph JSON and the filter columns', async () => {
    const writer = new ProvisioningLogWriter(t.store.db, { tenantId });
    const summary = await writer.record(sampleEntry({ id: 'log-1', changeId: 'change-1' }));
    expect(summary.tenantId).toBe(tenantId);
    const [row] = await stored();
    expect(row).toEqual({
      id: 'log-1',
      activity_date_time: '2024-05-04T03:00:54.000Z',
      job_id: 'scim.74beb1753b704b63b8d56f0b76082b16',
      cycle_id: 'b6502552-018d-49bd-8869-047194dc65c1',
      change_id: 'change-1',
      service_principal_id: '6cc35b93-185a-4485-a519-50c09549f3ad',
      source_identity_id: '5e6c9eae-ab4d-4239-8ad0-174391d110eb',
      source_identity_display_name: 'Adele Vance',
      target_identity_id: '2819c223-7f76-453a-919d-413861904646',
      target_identity_display_name: 'adele@contoso.com',
      status: 'success',
      action: 'create',
      data: JSON.stringify(summary),
    });
    expect(await findProvisioningLog(t.store.db, 'log-1')).toEqual(summary);
    expect(await findProvisioningLog(t.store.db, 'log-2')).toBeUndefined();
  });

  it('inserts a large batch with one multi-row INSERT per batchSize rows', async () => {
    const writer = new ProvisioningLogWriter(counted.db, { tenantId, batchSize: 500 });
    const entries = Array.from({ length: 1_201 }, (_, index) => sampleEntry({ id: `log-${String(index).padStart(5, '0')}` }));
    const summaries = await writer.recordMany(entries);
    expect(summaries.map((summary) => summary.id)).toEqual(entries.map((entry) => entry.id));
    // BEGIN, three INSERTs (500 + 500 + 201 rows), COMMIT.
    expect(statements).toBe(5);
    expect(await stored()).toHaveLength(1_201);

    statements = 0;
    await new ProvisioningLogWriter(counted.db, { tenantId, batchSize: 1_000_000 }).recordMany(
      Array.from({ length: 3_000 }, (_, index) => sampleEntry({ id: `big-${index}` })),
    );
    // Batches are capped below SQLite's 32,766 bound parameters: 2,520 rows of 13 columns, then 480.
    expect(statements).toBe(4);
  });

  it('writes nothing when an entry is invalid', async () => {
    const writer = new ProvisioningLogWriter(t.store.db, { tenantId, batchSize: 2 });
    const entries = [sampleEntry({ id: 'a' }), sampleEntry({ id: 'b' }), sampleEntry({ id: 'c', provisioningAction: 'rename' as never })];
    await expect(writer.recordMany(entries)).rejects.toThrow(InvalidProvisioningLogEntryError);
    expect(await stored()).toHaveLength(0);
  });

  it('commits the batches of one call together: a failing later batch rolls back the earlier ones', async () => {
    const writer = new ProvisioningLogWriter(t.store.db, { tenantId, batchSize: 2 });
    await writer.record(sampleEntry({ id: 'taken' }));
    const entries = ['x1', 'x2', 'x3', 'taken'].map((id) => sampleEntry({ id }));
    await expect(writer.recordMany(entries)).rejects.toThrow();
    expect((await stored()).map((row) => row.id)).toEqual(['taken']);
  });

  it("writes inside the caller's transaction when given one", async () => {
    const writer = new ProvisioningLogWriter(t.store.db, { tenantId });
    await expect(
      t.store.db.transaction().execute(async (trx) => {
        await writer.record(sampleEntry({ id: 'in-trx' }), trx);
        expect(await findProvisioningLog(trx, 'in-trx')).toBeDefined();
        throw new Error('the surrounding work failed');
      }),
    ).rejects.toThrow('the surrounding work failed');
    expect(await stored()).toHaveLength(0);
  });

  it('never stores the value of a secret attribute or of a Redact() mapping', async () => {
    const writer = new ProvisioningLogWriter(t.store.db, { tenantId });
    const secretName = fc.constantFrom('password', 'CredentialData', 'userPassword', 'passwordProfile.password', 'unicodePwd', 'ClientSecret');
    // Values long enough and marked so that finding one in the stored JSON can only mean it leaked.
    const secretValue = fc.string({ minLength: 6, maxLength: 20 }).map((text) => `SECRET<${text}>`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ displayName: secretName, oldValue: fc.option(secretValue), newValue: fc.option(secretValue) }),
            fc.record({ displayName: fc.constantFrom('employeeId', 'mail'), oldValue: fc.option(secretValue), newValue: secretValue, redacted: fc.constant(true) }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (modifiedProperties) => {
          const summary = await writer.record(sampleEntry({ modifiedProperties }));
          const row = await t.store.db.selectFrom('provisioning_logs').select('data').where('id', '=', summary.id).executeTakeFirstOrThrow();
          expect(row.data).not.toContain('SECRET<');
          for (const [index, property] of summary.modifiedProperties.entries()) {
            expect(property.newValue).toBe(modifiedProperties[index]?.newValue === null ? null : '[Redact]');
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
