import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createGroup, createScimApp, createUser, job, logs, runCycle, startEngineService, type EngineTestService } from './support/engine-fixture.js';

describe.each(storeKinds)('provisioning to SCIMMY (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  beforeAll(async () => {
    t = await startEngineService(kind);
    scim = await startScimServer();
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('provisions the members of an assigned group, the group and its memberships in the first cycle', async () => {
    const app = await createScimApp(t.graph, 'SCIMMY', [
      { key: 'BaseAddress', value: `${scim.baseUrl}?aadOptscim062020` },
      { key: 'SecretToken', value: scim.token },
    ]);
    const ada = await createUser(t, 'ada', { givenName: 'Ada', surname: 'Lovelace', mail: `ada@${t.domain}` });
    const bob = await createUser(t, 'bob');
    const group = await createGroup(t, 'Engineers', [ada.id, bob.id]);
    await assign(t.graph, app, group.id);

    const cycle = await runCycle(t, app);
    expect(cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });

    const users = scim.users();
    expect(users.map((user) => user.userName).sort()).toEqual([ada.userPrincipalName, bob.userPrincipalName]);
    const adaTarget = users.find((user) => user.userName === ada.userPrincipalName)!;
    expect(adaTarget).toMatchObject({ active: true, externalId: 'ada', name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' } });
    const [engineers] = scim.groups();
    expect(engineers).toMatchObject({ displayName: 'Engineers', externalId: group.id });
    expect((engineers!.members as { value: string }[]).map((member) => member.value).sort()).toEqual(users.map((user) => user.id).sort());

    const status = (await job(t.graph, app)).status;
    expect(status.code).toBe('Active');
    expect(status.lastExecution).toMatchObject({ state: 'Succeeded', countExported: 4, countEntitled: 3, countEscrowed: 0 });
    expect(status.lastSuccessfulExecutionWithExports.activityIdentifier).toBe(cycle.cycleId);
    expect(status.synchronizedEntryCountByType).toEqual([
      { key: 'User to User', value: 2 },
      { key: 'Group to Group', value: 1 },
    ]);

    const records = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(records.map((record) => `${record.provisioningAction}:${record.sourceIdentity.identityType}:${record.provisioningStatusInfo.status}`).sort()).toEqual([
      'create:Group:success',
      'create:User:success',
      'create:User:success',
      'update:Group:success',
    ]);
  });
});
