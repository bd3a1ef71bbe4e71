import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleEvent } from '../../src/engine/index.js';
import { hasPostgres } from '../support/postgres.js';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { assign, createScimApp, createUser, scimSecrets, type EngineTestService } from './support/engine-fixture.js';
import { createSharedStore, type SharedStore } from './support/shared-store.js';

describe.skipIf(!hasPostgres)('two services on one PostgreSQL database', () => {
  let shared: SharedStore;
  let scim: ScimTestServer;
  let first: EngineTestService;
  let second: EngineTestService;

  beforeAll(async () => {
    shared = await createSharedStore('postgres');
    scim = await startScimServer();
    // Cycles due every 50 ms, both runners polling every 10 ms: each keeps trying to take the job. Escrowed
    // objects are retried at once, so every cycle has work to do.
    const engine = { pollIntervalMs: 10, cycleIntervalMs: 50, leaseTtlMs: 2_000, escrowBackoffMs: 0 };
    first = await shared.start(engine);
    second = await shared.start(engine);
  });
  afterAll(async () => {
    await shared.dispose();
    await scim.close();
  });

  it('never run the same job at the same time, though both run it', async () => {
    const app = await createScimApp(first.graph, 'Shared', scimSecrets(scim));
    await assign(first.graph, app, (await createUser(first, 'tess')).id);
    // The target takes a while to answer and then refuses the create, so every cycle retries the escrowed user
    // and spans many polls of the other service.
    scim.inject({ method: 'POST', status: 500, delayMs: 60, times: 10_000 });
    scim.inject({ method: 'GET', delayMs: 60, times: 10_000 });
    expect((await first.graph('POST', `${app.jobPath}/start`)).status).toBe(204);

    const owners = () => new Set([...first.watcher.ended, ...second.watcher.ended].filter((event) => event.jobId === app.jobId).map((event) => event.owner));
    const deadline = Date.now() + 30_000;
    while ((owners().size < 2 || first.watcher.ended.length + second.watcher.ended.length < 8) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(owners().size).toBe(2);

    // Each cycle as [start, end] from the service that ran it; sorted by start, none begins before the last ended.
    const cycles = (watcher: EngineTestService['watcher']) =>
      watcher.ended
        .filter((event) => event.jobId === app.jobId)
        .map((end) => ({ start: watcher.started.find((start: CycleEvent) => start.cycleId === end.cycleId)!.at.getTime(), end: end.at.getTime(), owner: end.owner }));
    const all = [...cycles(first.watcher), ...cycles(second.watcher)].sort((a, b) => a.start - b.start);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < all.length; i += 1) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
    // Every cycle retried the user: one lookup and one create each, never two at once.
    const creates = scim.requests.filter((request) => request.method === 'POST');
    expect(creates.length).toBeGreaterThanOrEqual(all.length - 1);
  });
});
