import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import {
  assign,
  createGroup,
  createScimApp,
  createUser,
  job,
  logs,
  pause,
  runCycle,
  scimSecrets,
  startEngineService,
  unassign,
  type EngineTestService,
  type ScimApp,
} from './support/engine-fixture.js';

describe.each(storeKinds)('provisioning to SCIMMY (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  let app: ScimApp;
  const ids: Record<string, string> = {};
  const requestsSince = (from: number) => scim.requests.slice(from).map((request) => ({ method: request.method, url: request.url, body: request.body, status: request.status }));
  beforeAll(async () => {
    t = await startEngineService(kind);
    scim = await startScimServer();
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('provisions the members of an assigned group, the group and its memberships in the first cycle', async () => {
    app = await createScimApp(t.graph, 'SCIMMY', scimSecrets(scim));
    const ada = await createUser(t, 'ada', { givenName: 'Ada', surname: 'Lovelace', mail: `ada@${t.domain}` });
    const bob = await createUser(t, 'bob');
    const group = await createGroup(t, 'Engineers', [ada.id, bob.id]);
    ids.ada = ada.id;
    ids.bob = bob.id;
    ids.group = group.id;
    ids.groupAssignment = await assign(t.graph, app, group.id);

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

  it('sends nothing when nothing changed, then patches only what changed', async () => {
    const quiet = scim.requests.length;
    const idle = await t.watcher.next(app.jobId);
    expect(idle).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    expect(scim.requests.length).toBe(quiet);
    const steady = (await job(t.graph, app)).status;
    expect(steady.steadyStateLastAchievedTime).not.toBe('0001-01-01T00:00:00Z');

    const before = scim.requests.length;
    const next = t.watcher.next(app.jobId);
    expect((await t.graph('PATCH', `/users/${ids.ada}`, { jobTitle: 'Analyst', surname: 'King' })).status).toBe(204);
    const cycle = await next;
    expect(cycle).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    const adaTarget = scim.users().find((user) => user.externalId === 'ada')!;
    expect(requestsSince(before)).toEqual([
      {
        method: 'PATCH',
        url: `/scim/v2/Users/${adaTarget.id}`,
        status: 200,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [
            { op: 'add', path: 'title', value: 'Analyst' },
            { op: 'replace', value: { 'name.familyName': 'King', 'name.formatted': 'Ada King' } },
          ],
        },
      },
    ]);
    expect(adaTarget).toMatchObject({ title: 'Analyst', name: { familyName: 'King', formatted: 'Ada King', givenName: 'Ada' } });
    const [record] = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(record).toMatchObject({ provisioningAction: 'update', provisioningStatusInfo: { status: 'success' } });
    expect(record!.modifiedProperties).toEqual([
      { displayName: 'title', oldValue: null, newValue: 'Analyst' },
      { displayName: 'name.familyName', oldValue: 'Lovelace', newValue: 'King' },
      { displayName: 'name.formatted', oldValue: 'Ada Lovelace', newValue: 'Ada King' },
    ]);
  });

  it('removes a member who left the group and disables her, and deletes a user who was permanently deleted', async () => {
    const before = scim.requests.length;
    const next = t.watcher.next(app.jobId);
    expect((await t.graph('DELETE', `/groups/${ids.group}/members/${ids.bob}/$ref`)).status).toBe(204);
    const cycle = await next;
    expect(cycle.state).toBe('Succeeded');
    const bobTarget = scim.users().find((user) => user.externalId === 'bob')!;
    const groupTarget = scim.groups()[0]!;
    expect(requestsSince(before).map((request) => [request.method, request.url, request.body])).toEqual([
      ['PATCH', `/scim/v2/Groups/${groupTarget.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove', path: `members[value eq "${bobTarget.id}"]` }] }],
      ['PATCH', `/scim/v2/Users/${bobTarget.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }],
    ]);
    expect(bobTarget.active).toBe(false);
    expect((groupTarget.members as { value: string }[]).map((member) => member.value)).toEqual([scim.users().find((user) => user.externalId === 'ada')!.id]);
    const records = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    // The group itself did not change (logged as skipped); its membership did (logged as an update).
    expect(records.map((record) => `${record.provisioningAction}:${record.sourceIdentity.id}`).sort()).toEqual(
      [`disable:${ids.bob}`, `other:${ids.group}`, `update:${ids.group}`].sort(),
    );

    await pause(t.graph, app);
    expect((await t.graph('DELETE', `/users/${ids.bob}`)).status).toBe(204);
    expect((await t.graph('DELETE', `/directory/deletedItems/${ids.bob}`)).status).toBe(204);
    const deleted = await runCycle(t, app);
    expect(scim.users().map((user) => user.externalId)).toEqual(['ada']);
    const deleteRecords = await logs(t.graph, app, `cycleId eq '${deleted.cycleId}'`);
    expect(deleteRecords.map((record) => record.provisioningAction)).toContain('delete');
    expect((await job(t.graph, app)).status.synchronizedEntryCountByType).toEqual([
      { key: 'User to User', value: 1 },
      { key: 'Group to Group', value: 1 },
    ]);
  });

  it('disables an unassigned user and enables her again when she is assigned again', async () => {
    const carol = await createUser(t, 'carol', { jobTitle: 'Chemist' });
    const created = t.watcher.next(app.jobId);
    const assignment = await assign(t.graph, app, carol.id);
    await created;
    expect(scim.users().find((user) => user.externalId === 'carol')).toMatchObject({ active: true, title: 'Chemist' });

    const disabled = t.watcher.next(app.jobId);
    await unassign(t.graph, app, assignment);
    const cycle = await disabled;
    expect(scim.users().find((user) => user.externalId === 'carol')).toMatchObject({ active: false });
    const [record] = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(record).toMatchObject({ provisioningAction: 'disable', modifiedProperties: [{ displayName: 'active', oldValue: 'True', newValue: 'False' }] });

    const enabled = t.watcher.next(app.jobId);
    await assign(t.graph, app, carol.id);
    await enabled;
    expect(scim.users().find((user) => user.externalId === 'carol')).toMatchObject({ active: true });
  });

  it('leaves no trace of changes to users outside the scope', async () => {
    const outsider = await createUser(t, 'outsider');
    const before = scim.requests.length;
    const next = t.watcher.next(app.jobId);
    expect((await t.graph('PATCH', `/users/${outsider.id}`, { jobTitle: 'Visitor' })).status).toBe(204);
    const cycle = await next;
    expect(cycle.state).toBe('Succeeded');
    expect(scim.requests.length).toBe(before);
    expect(await logs(t.graph, app, `sourceIdentity/id eq '${outsider.id}'`)).toEqual([]);
  });
});
