import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createScimApp, createUser, job, logs, pause, runCycle, startEngineService, scimSecrets, type EngineTestService } from './support/engine-fixture.js';

describe.each(storeKinds)('escrows and quarantine (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  const createsOf = (alias: string) => scim.requests.filter((request) => request.method === 'POST' && (request.body as { externalId?: string }).externalId === alias);
  const newApp = async (name: string) =>
    createScimApp(t.graph, name, scimSecrets(scim));

  beforeAll(async () => {
    // Quarantine rules with a floor of 2 failures instead of 5,000, so a handful of objects can trip them.
    t = await startEngineService(kind, { escrowThresholds: { evaluationFloor: 2 } });
    scim = await startScimServer();
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('escrows an object the target answers 500 for and retries it in the next cycle', async () => {
    const app = await newApp('Escrow');
    const user = await createUser(t, 'hal');
    await assign(t.graph, app, user.id);
    scim.inject({ method: 'POST', path: '/Users', status: 500, body: { detail: 'database busy' } });
    const failed = await runCycle(t, app);
    expect(failed.state).toBe('EntryLevelErrors');
    expect(createsOf('hal').map((request) => request.status)).toEqual([500]);
    const status = (await job(t.graph, app)).status;
    expect(status.lastExecution).toMatchObject({ state: 'EntryLevelErrors', countEscrowed: 1, countEscrowedRaw: 1, countExported: 0 });
    expect(status.quarantine).toBeNull();
    const [record] = await logs(t.graph, app, `cycleId eq '${failed.cycleId}'`);
    expect(record).toMatchObject({
      provisioningAction: 'create',
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'InternalServerError', errorCategory: 'nonServiceFailure' } },
    });
    expect(record!.provisioningStatusInfo.errorInformation.additionalDetails).toMatch(/will be retried again after this date/);

    const retried = await t.watcher.next(app.jobId);
    expect(retried).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    expect(createsOf('hal').map((request) => request.status)).toEqual([500, 201]);
    expect((await job(t.graph, app)).status.lastExecution).toMatchObject({ countEscrowedRaw: 0, countExported: 1 });
  });

  it('waits out a short Retry-After within the request and escrows past a long one', async () => {
    const app = await newApp('Throttled');
    const ivy = await createUser(t, 'ivy');
    await assign(t.graph, app, ivy.id);
    scim.inject({ method: 'POST', path: '/Users', status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    expect(createsOf('ivy').map((request) => request.status)).toEqual([429, 201]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const jay = await createUser(t, 'jay');
    await pause(t.graph, app);
    await assign(t.graph, app, jay.id);
    scim.inject({ method: 'POST', path: '/Users', status: 429, headers: { 'Retry-After': '3600' } });
    const throttled = await runCycle(t, app);
    expect(throttled.state).toBe('EntryLevelErrors');
    const [record] = await logs(t.graph, app, `cycleId eq '${throttled.cycleId}'`);
    expect(record!.provisioningStatusInfo.errorInformation.errorCode).toBe('TooManyRequests');
    const retryAt = /after this date: (\S+) UTC/.exec(record!.provisioningStatusInfo.errorInformation.additionalDetails)![1]!;
    expect(Date.parse(retryAt) - Date.now()).toBeGreaterThan(3_000_000);
    // Later cycles leave it alone until then.
    await t.watcher.next(app.jobId);
    expect(createsOf('jay')).toHaveLength(1);
  });

  it('quarantines a job whose exports fail beyond the escrow proportion, and leaves quarantine when they succeed', async () => {
    const app = await newApp('Failing');
    await pause(t.graph, app);
    for (const alias of ['kim', 'lea', 'max']) await assign(t.graph, app, (await createUser(t, alias)).id);
    scim.inject({ method: 'POST', path: '/Users', status: 503, times: 3 });
    const failed = await runCycle(t, app);
    expect(failed.state).toBe('EntryLevelErrors');
    const quarantined = (await job(t.graph, app)).status;
    expect(quarantined.code).toBe('Quarantine');
    expect(quarantined.quarantine).toMatchObject({ reason: 'EncounteredEscrowProportionThreshold', seriesCount: 1 });
    expect(quarantined.quarantine.seriesBegan).toBe(quarantined.quarantine.currentBegan);

    // The quarantine's next attempt retries the escrowed objects; they go through and the job is healthy again.
    const recovered = await t.watcher.next(app.jobId);
    expect(recovered.state).toBe('Succeeded');
    expect(['kim', 'lea', 'max'].map((alias) => createsOf(alias).map((request) => request.status))).toEqual([
      [503, 201],
      [503, 201],
      [503, 201],
    ]);
    const healthy = (await job(t.graph, app)).status;
    expect(healthy.code).toBe('Active');
    expect(healthy.quarantine).toBeNull();
  });

  it('quarantines a job whose target refuses the credentials or cannot be reached, with the error in status and logs', async () => {
    const app = await newApp('Credentials');
    const ned = await createUser(t, 'ned');
    await assign(t.graph, app, ned.id);
    const secretsPath = `/servicePrincipals/${app.servicePrincipalId}/synchronization/secrets`;
    expect((await t.graph('PUT', secretsPath, { value: [{ key: 'BaseAddress', value: scim.baseUrl }, { key: 'SecretToken', value: 'wrong-token' }] })).status).toBe(204);
    const refused = await runCycle(t, app);
    expect(refused.state).toBe('Failed');
    const status = (await job(t.graph, app)).status;
    expect(status.code).toBe('Quarantine');
    expect(status.countSuccessiveCompleteFailures).toBe(1);
    expect(status.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', error: { code: 'InvalidCredentials', tenantActionable: true } });
    expect(status.lastExecution).toMatchObject({ state: 'Failed', error: { code: 'InvalidCredentials' } });
    // The SCIM application's advice, in the status (after the message) and in the record of the object that met it.
    expect(status.quarantine.error.message).toMatch(/\. The target refused the credentials\. Save a valid secret token or client credentials and restart the job\.$/);
    const [record] = await logs(t.graph, app, `cycleId eq '${refused.cycleId}'`);
    expect(record?.provisioningStatusInfo.errorInformation).toMatchObject({
      errorCode: 'InvalidCredentials',
      recommendedAction: 'The target refused the credentials. Save a valid secret token or client credentials and restart the job.',
    });
    expect(record?.provisioningStatusInfo.errorInformation.reason).not.toContain('Save a valid secret token');

    expect((await t.graph('PUT', secretsPath, { value: [{ key: 'BaseAddress', value: 'http://127.0.0.1:9/scim' }, { key: 'SecretToken', value: 'x' }] })).status).toBe(204);
    const unreachable = await runCycle(t, app);
    expect(unreachable.state).toBe('Failed');
    const after = (await job(t.graph, app)).status;
    // `start` lifted the first quarantine, so this one begins a new series; the failures keep counting.
    expect(after.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', seriesCount: 1, error: { code: 'TargetUnreachable' } });
    expect(after.quarantine.error.message).toContain('Check the tenant URL (BaseAddress)');
    expect(after.countSuccessiveCompleteFailures).toBe(2);

    const good = { value: [{ key: 'BaseAddress', value: scim.baseUrl }, { key: 'SecretToken', value: scim.token }] };
    expect((await t.graph('PUT', secretsPath, good)).status).toBe(204);
    expect(await runCycle(t, app)).toMatchObject({ kind: 'full', state: 'Succeeded' });
    expect((await job(t.graph, app)).status).toMatchObject({ code: 'Active', quarantine: null, countSuccessiveCompleteFailures: 0 });
    expect(await t.watcher.next(app.jobId)).toMatchObject({ kind: 'incremental' });

    // A restart asking for a full evaluation is not lost to a cycle that fails: the next one is full.
    expect((await t.graph('PUT', secretsPath, { value: [{ key: 'BaseAddress', value: scim.baseUrl }, { key: 'SecretToken', value: 'wrong-again' }] })).status).toBe(204);
    await pause(t.graph, app);
    expect((await t.graph('PATCH', `/users/${ned.id}`, { jobTitle: 'Navigator' })).status).toBe(204);
    expect(await runCycle(t, app, { resetScope: 'Watermark' })).toMatchObject({ kind: 'full', state: 'Failed' });
    expect((await t.graph('PUT', secretsPath, good)).status).toBe(204);
    expect(await runCycle(t, app)).toMatchObject({ kind: 'full', state: 'Succeeded' });
  });
});
