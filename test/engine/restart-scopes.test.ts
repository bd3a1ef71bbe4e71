import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createScimApp, createUser, job, logs, pause, runCycle, startEngineService, scimSecrets, type EngineTestService } from './support/engine-fixture.js';

/** Each `resetScope` flag of `restart`, one at a time, as the next cycles show it (graph-sync-api.md). */
describe.each(storeKinds)('restart scopes (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  const posts = (alias: string) => scim.requests.filter((request) => request.method === 'POST' && (request.body as { externalId?: string }).externalId === alias);
  const newApp = async (name: string) => createScimApp(t.graph, name, scimSecrets(scim));

  beforeAll(async () => {
    t = await startEngineService(kind);
    scim = await startScimServer();
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('Escrows drops the escrowed exports: the object is not retried until it changes', async () => {
    const app = await newApp('Escrows');
    await assign(t.graph, app, (await createUser(t, 'esc')).id);
    scim.inject({ method: 'POST', path: '/Users', status: 429, headers: { 'Retry-After': '3600' } });
    expect((await runCycle(t, app)).state).toBe('EntryLevelErrors');
    expect((await job(t.graph, app)).status.lastExecution.countEscrowedRaw).toBe(1);

    const restarted = await runCycle(t, app, { resetScope: 'Escrows' });
    expect(restarted).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    expect((await job(t.graph, app)).status.lastExecution).toMatchObject({ countEscrowedRaw: 0, countExported: 0 });
    expect(posts('esc')).toHaveLength(1);
  });

  it('ConnectorDataStore forgets the links: the next evaluation matches the existing object instead of creating it', async () => {
    const app = await newApp('Store');
    const user = await createUser(t, 'cds');
    await assign(t.graph, app, user.id);
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    expect(posts('cds')).toHaveLength(1);

    await pause(t.graph, app);
    expect((await t.graph('PATCH', `/users/${user.id}`, { jobTitle: 'Cartographer' })).status).toBe(204);
    const cycle = await runCycle(t, app, { resetScope: 'ConnectorDataStore' });
    expect(cycle).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    expect(posts('cds')).toHaveLength(1);
    const [record] = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(record).toMatchObject({ provisioningAction: 'update', provisioningStatusInfo: { status: 'success' } });
    expect(scim.users().find((resource) => resource.externalId === 'cds')).toMatchObject({ title: 'Cartographer' });
    expect((await job(t.graph, app)).status.synchronizedEntryCountByType).toContainEqual({ key: 'User to User', value: 1 });
  });

  it('Watermark makes the next cycle a full one, which finds everything linked already', async () => {
    const app = await newApp('Watermark');
    await assign(t.graph, app, (await createUser(t, 'wmk')).id);
    expect(await runCycle(t, app)).toMatchObject({ kind: 'full', state: 'Succeeded' });
    expect(await runCycle(t, app)).toMatchObject({ kind: 'incremental' });
    const full = await runCycle(t, app, { resetScope: 'Watermark' });
    expect(full).toMatchObject({ kind: 'full', state: 'Succeeded' });
    expect((await job(t.graph, app)).status.lastExecution).toMatchObject({ countImported: 1, countExported: 0 });
    expect(posts('wmk')).toHaveLength(1);
  });

  it('QuarantineState lifts the quarantine and forgets the failure history', async () => {
    const app = await newApp('Quarantined');
    const secretsPath = `/servicePrincipals/${app.servicePrincipalId}/synchronization/secrets`;
    expect((await t.graph('PUT', secretsPath, { value: scimSecrets(scim, 'wrong-token') })).status).toBe(204);
    await assign(t.graph, app, (await createUser(t, 'qst')).id);
    expect((await runCycle(t, app)).state).toBe('Failed');
    expect((await runCycle(t, app)).state).toBe('Failed');
    expect((await job(t.graph, app)).status).toMatchObject({ code: 'Quarantine', countSuccessiveCompleteFailures: 2 });

    const restarted = t.graph('POST', `${app.jobPath}/restart`, { criteria: { resetScope: 'QuarantineState' } });
    const failed = t.watcher.next(app.jobId);
    expect((await restarted).status).toBe(204);
    expect((await failed).state).toBe('Failed');
    // The history was forgotten before this failure: a new series, counted from one.
    expect((await job(t.graph, app)).status).toMatchObject({ countSuccessiveCompleteFailures: 1, quarantine: { seriesCount: 1 } });
  });
});
