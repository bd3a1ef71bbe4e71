import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createGroup, createScimApp, createUser, logs, startEngineService, scimSecrets, type EngineTestService, type ScimApp } from './support/engine-fixture.js';

describe.each(storeKinds)('provisionOnDemand (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  let app: ScimApp;
  const provision = (objectId: string, objectTypeName = 'User', members: string[] = []) =>
    t.graph('POST', `${app.jobPath}/provisionOnDemand`, {
      parameters: [
        {
          ruleId: app.ruleId,
          subjects: [{ objectId, objectTypeName, ...(members.length > 0 ? { links: { members: members.map((id) => ({ objectId: id, objectTypeName: 'User' })) } } : {}) }],
        },
      ],
    });

  beforeAll(async () => {
    // On-demand needs no running job: the runner is off, so every request here is the on-demand call's own.
    t = await startEngineService(kind, { onDemandWindowMs: 1_000 }, {});
    await t.service.context.engine.stop();
    scim = await startScimServer();
    app = await createScimApp(t.graph, 'On demand', scimSecrets(scim));
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('skips a user who is not assigned, creates one who is, and then finds nothing to do', async () => {
    const user = await createUser(t, 'olga', { jobTitle: 'Pilot' });
    const skipped = await provision(user.id);
    expect(skipped.status).toBe(200);
    expect(skipped.body['@odata.context']).toMatch(/\$metadata#microsoft\.graph\.stringKeyStringValuePair$/);
    expect(JSON.parse(skipped.body.key)).toMatchObject({ result: 'Skipped', details: { errorCode: 'EntrySynchronizationSkipped' } });
    expect(scim.users()).toHaveLength(0);

    await assign(t.graph, app, user.id);
    const created = await provision(user.id);
    expect(JSON.parse(created.body.key)).toEqual({ result: 'Success', details: {} });
    const trace = JSON.parse(created.body.value);
    expect(trace).toMatchObject({ action: 'Create', reportableIdentifier: 'User olga', statusInfo: { status: 'Success' } });
    expect(trace.provisioningSteps.map((step: { name: string; type: string }) => `${step.type}:${step.name}`)).toEqual([
      'Import:EntryImport',
      'Scoping:EntrySynchronizationScoping',
      'Matching:EntryImport',
      'Processing:EntrySynchronizationAdd',
      'Export:EntryExportAdd',
    ]);
    expect(trace.modifiedProperties).toContainEqual({ displayName: 'title', oldValue: null, newValue: 'Pilot' });
    expect(scim.users()).toMatchObject([{ userName: user.userPrincipalName, title: 'Pilot', active: true }]);

    const again = await provision(user.id);
    expect(JSON.parse(again.body.key)).toMatchObject({ result: 'Skipped', details: { errorCode: 'RedundantExport' } });
    // The same records are in the provisioning logs.
    const records = await logs(t.graph, app);
    expect(records.map((record) => record.provisioningAction)).toEqual(['other', 'create', 'other']);
    expect(records[1]!.changeId).toBe(trace.changeId);
  });

  it('updates without the aadOptscim062020 dialect, as the hosted service does on demand', async () => {
    const [olga] = scim.users();
    const user = (await t.graph('GET', `/users/${encodeURIComponent(String(olga!.userName))}`)).body;
    expect((await t.graph('PATCH', `/users/${user.id}`, { jobTitle: 'Captain' })).status).toBe(204);
    const before = scim.requests.length;
    const updated = await provision(user.id);
    expect(JSON.parse(updated.body.key).result).toBe('Success');
    expect(JSON.parse(updated.body.value).action).toBe('Update');
    expect(scim.requests.slice(before).map((request) => request.body)).toEqual([
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'title', value: 'Captain' }] },
    ]);
  });

  it('provisions a group with the members named, and only those', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const members = [await createUser(t, 'pia'), await createUser(t, 'quin'), await createUser(t, 'rob')];
    const group = await createGroup(t, 'Crew', members.map((member) => member.id));
    await assign(t.graph, app, group.id);
    const response = await provision(group.id, 'Group', [members[0]!.id, members[1]!.id]);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.key).result).toBe('Success');
    expect(JSON.parse(response.body.value).action).toBe('Create');
    const crew = scim.groups().find((candidate) => candidate.displayName === 'Crew')!;
    const names = new Map(scim.users().map((user) => [user.id, user.externalId]));
    expect((crew.members as { value: string }[]).map((member) => names.get(member.value)).sort()).toEqual(['pia', 'quin']);
    expect(scim.users().some((user) => user.externalId === 'rob')).toBe(false);
  });

  it('allows 5 requests per window per job, and answers 429 beyond', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const user = await createUser(t, 'sam');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await provision(user.id)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('rejects a rule that is not the job schema\'s and an unknown object', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const wrongRule = await t.graph('POST', `${app.jobPath}/provisionOnDemand`, {
      parameters: [{ ruleId: 'not-a-rule', subjects: [{ objectId: '00000000-0000-0000-0000-000000000001', objectTypeName: 'User' }] }],
    });
    expect(wrongRule.status).toBe(400);
    expect(wrongRule.body.error.code).toBe('InvalidRuleId');
    expect((await provision('00000000-0000-0000-0000-000000000001')).status).toBe(404);
  });
});
