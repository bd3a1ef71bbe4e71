import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createScimApp, createUser, job, logs, pause, runCycle, startEngineService, unassign, scimSecrets, type EngineTestService, type ScimApp } from './support/engine-fixture.js';

describe.each(storeKinds)('deprovisioning and the delete threshold (%s)', (kind) => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  let app: ScimApp;
  const assignments: string[] = [];
  const secrets = (extra: { key: string; value: string }[] = []) => [
    ...scimSecrets(scim),
    { key: 'SyncNotificationSettings', value: JSON.stringify({ Enabled: false, DeleteThresholdEnabled: true, DeleteThresholdValue: 3 }) },
    ...extra,
  ];
  const patchesSince = (from: number) => scim.requests.slice(from).filter((request) => request.method !== 'GET');

  beforeAll(async () => {
    t = await startEngineService(kind);
    scim = await startScimServer();
    app = await createScimApp(t.graph, 'Threshold', secrets());
    for (const alias of ['dora', 'eve', 'finn', 'gus']) assignments.push(await assign(t.graph, app, (await createUser(t, alias)).id));
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    expect(scim.users()).toHaveLength(4);
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('stages deletes that reach the threshold and quarantines the job with TooManyDeletes before sending any', async () => {
    const before = scim.requests.length;
    await pause(t.graph, app);
    for (const assignment of assignments.slice(0, 3)) await unassign(t.graph, app, assignment);
    const cycle = await runCycle(t, app);
    expect(cycle.state).toBe('EntryLevelErrors');
    expect(patchesSince(before)).toEqual([]);
    expect(scim.users().every((user) => user.active === true)).toBe(true);

    const status = (await job(t.graph, app)).status;
    expect(status.code).toBe('Quarantine');
    expect(status.quarantine).toMatchObject({ reason: 'TooManyDeletes', seriesCount: 1, error: { code: 'TooManyDeletes' } });
    expect(Date.parse(status.quarantine.nextAttempt)).toBeGreaterThan(Date.parse(status.quarantine.currentBegan));
    const records = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(records.map((record) => record.provisioningAction)).toEqual(['stagedDelete', 'stagedDelete', 'stagedDelete']);
    expect(records[0]!.provisioningStatusInfo).toMatchObject({ status: 'skipped', errorInformation: { errorCode: 'TooManyDeletes' } });
  });

  it('lets the staged deletes through on a restart with ForceDeletes and leaves quarantine', async () => {
    const before = scim.requests.length;
    const cycle = await runCycle(t, app, { resetScope: 'ForceDeletes' });
    expect(cycle.state).toBe('Succeeded');
    const disables = patchesSince(before);
    expect(disables).toHaveLength(3);
    for (const request of disables) {
      expect(request.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    }
    expect(scim.users().filter((user) => user.active === false).map((user) => user.externalId).sort()).toEqual(['dora', 'eve', 'finn']);
    const status = (await job(t.graph, app)).status;
    expect(status.code).toBe('Active');
    expect(status.quarantine).toBeNull();
    const records = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(records.map((record) => record.provisioningAction)).toEqual(['disable', 'disable', 'disable']);
  });

  it('does not disable objects that leave scope when SkipOutOfScopeDeletions is set', async () => {
    const saved = await t.graph('PUT', `/servicePrincipals/${app.servicePrincipalId}/synchronization/secrets`, {
      value: secrets([{ key: 'SkipOutOfScopeDeletions', value: 'True' }]),
    });
    expect(saved.status).toBe(204);
    const before = scim.requests.length;
    const next = t.watcher.next(app.jobId);
    await unassign(t.graph, app, assignments[3]!);
    const cycle = await next;
    expect(patchesSince(before)).toEqual([]);
    expect(scim.users().find((user) => user.externalId === 'gus')?.active).toBe(true);
    const [record] = await logs(t.graph, app, `cycleId eq '${cycle.cycleId}'`);
    expect(record).toMatchObject({ provisioningAction: 'other', provisioningStatusInfo: { status: 'skipped' } });
    expect(record!.provisioningStatusInfo.errorInformation.reason).toMatch(/SkipOutOfScopeDeletions/);
  });
});
