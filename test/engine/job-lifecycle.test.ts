import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createGroup, createScimApp, createUser, job, logs, runCycle, startEngineService, scimSecrets, type EngineTestService, type ScimApp } from './support/engine-fixture.js';

describe.each(storeKinds)('job lifecycle under the engine (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  let app: ScimApp;
  const userCount = 16;

  beforeAll(async () => {
    t = await startEngineService(kind, { exportConcurrency: 2 });
    scim = await startScimServer();
    app = await createScimApp(t.graph, 'Lifecycle', scimSecrets(scim));
    const users = [];
    for (let i = 0; i < userCount; i += 1) users.push((await createUser(t, `life${i}`)).id);
    await assign(t.graph, app, (await createGroup(t, 'Lifers', users)).id);
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('shows progress during a cycle and stops at a safe point when paused; start finishes the work', async () => {
    scim.inject({ method: 'POST', path: '/Users', delayMs: 100, times: userCount });
    const stopped = t.watcher.next(app.jobId);
    expect((await t.graph('POST', `${app.jobPath}/start`)).status).toBe(204);
    let progress: { completedUnits: number; totalUnits: number }[] = [];
    while (progress.length === 0 || scim.users().length < 4) {
      progress = (await job(t.graph, app)).status.progress;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(progress[0]).toMatchObject({ totalUnits: userCount + 1, units: 'Objects' });
    expect((await t.graph('POST', `${app.jobPath}/pause`)).status).toBe(204);
    expect(await stopped).toMatchObject({ kind: 'full', state: 'Stopped' });
    const createdWhenPaused = scim.users().length;
    expect(createdWhenPaused).toBeLessThan(userCount);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(scim.users().length).toBe(createdWhenPaused);
    const paused = (await job(t.graph, app)).status;
    expect(paused).toMatchObject({ code: 'Paused', progress: [], lastExecution: null });

    expect(await runCycle(t, app)).toMatchObject({ kind: 'full', state: 'Succeeded' });
    expect(new Set(scim.users().map((user) => user.userName)).size).toBe(userCount);
    expect(scim.users()).toHaveLength(userCount);
    expect((await job(t.graph, app)).status.code).toBe('Active');
  });

  it('matches every object again after a restart that clears the connector data store, creating nothing', async () => {
    const creates = () => scim.requests.filter((request) => request.method === 'POST').length;
    const before = creates();
    const cycle = await runCycle(t, app, { resetScope: 'Full' });
    expect(cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });
    expect(creates()).toBe(before);
    const records = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    const linked = records.filter((record) => record.provisioningStatusInfo.errorInformation?.errorCode === 'RedundantExport');
    expect(linked).toHaveLength(userCount + 1);
    expect((await job(t.graph, app)).status.synchronizedEntryCountByType).toEqual([
      { key: 'User to User', value: userCount },
      { key: 'Group to Group', value: 1 },
    ]);
  });

  it('evaluates everything again after the schema changed', async () => {
    const schemaPath = `${app.jobPath}/schema`;
    const { '@odata.context': _context, ...schema } = (await t.graph('GET', schemaPath)).body;
    const users = schema.synchronizationRules[0].objectMappings.find((mapping: { sourceObjectName: string }) => mapping.sourceObjectName === 'User');
    users.attributeMappings.push({ targetAttributeName: 'nickName', source: { expression: '[mailNickname]', name: 'mailNickname', type: 'Attribute', parameters: [] } });
    const saved = await t.graph('PUT', schemaPath, schema);
    expect(saved.status, JSON.stringify(saved.body)).toBe(204);
    const cycle = await t.watcher.next(app.jobId);
    expect(cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });
    expect(scim.users().every((user) => user.nickName === user.externalId)).toBe(true);
  });

  it('reports a job whose connectors Provisio does not implement, without running it', async () => {
    const created = await t.graph('POST', '/applicationTemplates/8b1025e4-1dd2-430b-a150-2ef79cd700f5/instantiate', { displayName: 'AWS' });
    const sp = created.body.servicePrincipal.id;
    const aws = await t.graph('POST', `/servicePrincipals/${sp}/synchronization/jobs`, { templateId: 'aws' });
    await t.graph('PUT', `/servicePrincipals/${sp}/synchronization/secrets`, {
      value: [
        { key: 'ClientSecret', value: 'x' },
        { key: 'SecretToken', value: 'y' },
      ],
    });
    const ran = t.watcher.next(aws.body.id);
    expect((await t.graph('POST', `/servicePrincipals/${sp}/synchronization/jobs/${aws.body.id}/start`)).status).toBe(204);
    expect((await ran).state).toBe('Failed');
    const status = (await t.graph('GET', `/servicePrincipals/${sp}/synchronization/jobs/${aws.body.id}`)).body.status;
    expect(status.code).toBe('NotRun');
    expect(status.quarantine).toBeNull();
    expect(status.lastExecution.error).toMatchObject({ code: 'ConnectorNotImplemented', tenantActionable: false });
    expect(status.lastExecution.error.message).toMatch(/gallery application's own API/);
  });
});
