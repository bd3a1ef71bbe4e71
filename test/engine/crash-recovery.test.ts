import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { assign, createGroup, createScimApp, createUser, job, scimSecrets, type ScimApp } from './support/engine-fixture.js';
import { createSharedStore, type SharedStore } from './support/shared-store.js';

const userCount = 40;

describe.each(storeKinds)('a service killed mid-cycle (%s)', (kind) => {
  let shared: SharedStore;
  let scim: ScimTestServer;
  let app: ScimApp;

  beforeAll(async () => {
    shared = await createSharedStore(kind);
    scim = await startScimServer();
  });
  afterAll(async () => {
    await shared.dispose();
    await scim.close();
  });

  it('resumes on the next start without duplicating or losing anything', async () => {
    // Set up with a service that does not run jobs, then leave the started job to a process we can kill.
    const setup = await shared.start({ runner: false });
    app = await createScimApp(setup.graph, 'Crash', scimSecrets(scim));
    const users = [];
    for (let i = 0; i < userCount; i += 1) users.push(await createUser(setup, `crash${String(i).padStart(2, '0')}`));
    const group = await createGroup(setup, 'Survivors', users.map((user) => user.id));
    await assign(setup.graph, app, group.id);
    expect((await setup.graph('POST', `${app.jobPath}/start`)).status).toBe(204);
    await setup.dispose();

    // Creates are slow, so the kill lands between exports.
    scim.inject({ method: 'POST', path: '/Users', delayMs: 40, times: userCount });
    const child = await shared.spawn({ pollIntervalMs: 25, leaseTtlMs: 1_500, cycleIntervalMs: 60_000, exportConcurrency: 4 });
    const deadline = Date.now() + 30_000;
    while (scim.users().length < userCount / 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const createdBeforeKill = scim.users().length;
    expect(createdBeforeKill).toBeGreaterThanOrEqual(userCount / 3);
    expect(createdBeforeKill).toBeLessThan(userCount);

    // A new service on the same store takes the job over once the dead process's lease expired.
    const restarted = await shared.start({ leaseTtlMs: 1_500 });
    const cycle = await restarted.watcher.next(app.jobId, 30_000);
    expect(cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });

    const names = scim.users().map((user) => user.userName);
    expect(names).toHaveLength(userCount);
    expect(new Set(names).size).toBe(userCount);
    // Every user was POSTed exactly once: a create whose answer the killed process never read (the server
    // stored the user, the response went nowhere) was matched by userName after the restart, not sent again.
    const creates = scim.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/Users'));
    const postsPerUser = new Map<string, number>();
    for (const request of creates) {
      const userName = String((request.body as { userName: string }).userName);
      postsPerUser.set(userName, (postsPerUser.get(userName) ?? 0) + 1);
    }
    expect([...postsPerUser.keys()].sort()).toEqual([...names].sort());
    expect([...postsPerUser.values()].every((count) => count === 1)).toBe(true);
    expect(scim.requests.filter((request) => request.status === 409)).toEqual([]);
    const [survivors] = scim.groups();
    expect(scim.groups()).toHaveLength(1);
    expect((survivors!.members as unknown[]).length).toBe(userCount);
    const status = (await job(restarted.graph, app)).status;
    expect(status.code).toBe('Active');
    expect(status.synchronizedEntryCountByType).toEqual([
      { key: 'User to User', value: userCount },
      { key: 'Group to Group', value: 1 },
    ]);
  });
});
