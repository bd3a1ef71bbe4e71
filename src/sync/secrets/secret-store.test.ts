import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { BadRequestError } from '../../errors/graph-error.js';
import { newGuid } from '../../directory/guid.js';
import { newServicePrincipal } from '../../directory/service-principals/service-principal.js';
import { insertServicePrincipal } from '../../directory/service-principals/service-principal-repository.js';
import { SecretBox } from './secret-box.js';
import { SecretStore, maskSecrets } from './secret-store.js';

describe.each(storeKinds)('secret store (%s)', (kind) => {
  let t: TestStore;
  const spId = newGuid();
  const secrets = new SecretStore(new SecretBox('test-key-test-key-test-key-test-key!'));
  beforeAll(async () => {
    t = await createTestStore(kind);
    await insertServicePrincipal(t.store.db, newServicePrincipal({ id: spId, appId: newGuid(), displayName: 'app' }));
  });
  afterAll(async () => t.dispose());

  it('replaces the whole set, seals it, and masks credentials when shown', async () => {
    await secrets.replace(t.store.db, spId, [
      { key: 'BaseAddress', value: 'https://scim.example/v2' },
      { key: 'SecretToken', value: 'tok-123' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"a@b.c","DeleteThresholdEnabled":true,"DeleteThresholdValue":50}' },
    ]);
    const row = await t.store.db.selectFrom('synchronization_secrets').selectAll().executeTakeFirstOrThrow();
    expect(row.sealed).not.toContain('tok-123');
    const values = await secrets.read(t.store.db, spId);
    expect(values.get('SecretToken')).toBe('tok-123');
    expect(maskSecrets(values)).toEqual([
      { key: 'BaseAddress', value: 'https://scim.example/v2' },
      { key: 'SecretToken', value: '*' },
      { key: 'SyncNotificationSettings', value: expect.stringContaining('DeleteThresholdValue') },
    ]);

    await secrets.replace(t.store.db, spId, [{ key: 'Domain', value: '{"domain":"contoso.com"}' }]);
    expect([...(await secrets.read(t.store.db, spId)).keys()]).toEqual(['Domain']);
  });

  it('keeps a credential sent back masked, and drops keys sent empty', async () => {
    await secrets.replace(t.store.db, spId, [
      { key: 'SecretToken', value: 'tok-abc' },
      { key: 'UserName', value: 'svc' },
    ]);
    await secrets.replace(t.store.db, spId, [
      { key: 'SecretToken', value: '*' },
      { key: 'UserName', value: '' },
    ]);
    const values = await secrets.read(t.store.db, spId);
    expect(values.get('SecretToken')).toBe('tok-abc');
    expect(values.has('UserName')).toBe(false);
  });

  it.each([
    ['SyncNotificationSettings', '', 'InvalidNotificationSettings'],
    ['SyncNotificationSettings', '{"DeleteThresholdValue":"many"}', 'InvalidNotificationSettings'],
    ['Domain', 'contoso.com', 'BadRequest'],
    ['AppKey', '{"scenario":"x"}', 'BadRequest'],
    ['SyncAll', 'yes', 'BadRequest'],
    ['BaseAddress', 'not a url', 'BadRequest'],
  ] as const)('refuses %s = %j and keeps the old set', async (key, value, code) => {
    await secrets.replace(t.store.db, spId, [{ key: 'SecretToken', value: 'kept' }]);
    const attempt = secrets.replace(t.store.db, spId, [{ key, value }]);
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    await expect(attempt).rejects.toMatchObject({ code });
    expect((await secrets.read(t.store.db, spId)).get('SecretToken')).toBe('kept');
  });
});
