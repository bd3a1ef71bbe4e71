import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../support/stores.js';
import { startBetterAuthScimServer, type BetterAuthScimServer } from './support/better-auth-scim-server.js';
import {
  assign,
  createGroup,
  createScimApp,
  createUser,
  job,
  logs,
  pause,
  runCycle,
  startEngineService,
  unassign,
  type EngineTestService,
  type ScimApp,
} from './support/engine-fixture.js';

/** The hosted service's default dialect (no aadOptscim062020) against better-auth's SCIM plugin. */
describe.each(storeKinds)('provisioning to better-auth (%s)', (kind) => {
  let t: EngineTestService;
  let peer: BetterAuthScimServer;
  let app: ScimApp;
  const ids: Record<string, string> = {};
  const user = async (externalId: string) => (await peer.list('Users')).find((candidate) => candidate.externalId === externalId);

  beforeAll(async () => {
    t = await startEngineService(kind);
    peer = await startBetterAuthScimServer();
    app = await createScimApp(t.graph, 'better-auth', [
      { key: 'BaseAddress', value: `${peer.baseUrl}/` },
      { key: 'SecretToken', value: peer.token },
    ]);
  });
  afterAll(async () => {
    await t.dispose();
    await peer.close();
  });

  it('provisions assigned users, the assigned group and its members', async () => {
    const ursula = await createUser(t, 'ursula', { givenName: 'Ursula', surname: 'Franklin', department: 'Physics' });
    const victor = await createUser(t, 'victor');
    const walter = await createUser(t, 'walter');
    const group = await createGroup(t, 'Physicists', [ursula.id, victor.id]);
    Object.assign(ids, { ursula: ursula.id, victor: victor.id, walter: walter.id, group: group.id });
    ids.groupAssignment = await assign(t.graph, app, group.id);
    ids.walterAssignment = await assign(t.graph, app, walter.id);

    expect((await runCycle(t, app)).state).toBe('Succeeded');
    const users = await peer.list('Users');
    expect(users.map((candidate) => candidate.externalId).sort()).toEqual(['ursula', 'victor', 'walter']);
    expect(await user('ursula')).toMatchObject({
      userName: ursula.userPrincipalName,
      active: true,
      name: { givenName: 'Ursula', familyName: 'Franklin' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Physics' },
    });
    const [physicists] = await peer.list('Groups');
    expect(physicists).toMatchObject({ displayName: 'Physicists', externalId: group.id });
    const memberIds = (physicists!.members as { value: string }[]).map((member) => member.value).sort();
    expect(memberIds).toEqual(users.filter((candidate) => candidate.externalId !== 'walter').map((candidate) => String(candidate.id)).sort());
  });

  it('patches a changed user, disables an unassigned one and deletes a permanently deleted one', async () => {
    const patched = t.watcher.next(app.jobId);
    expect((await t.graph('PATCH', `/users/${ids.ursula}`, { department: 'Chemistry' })).status).toBe(204);
    await patched;
    expect((await user('ursula'))?.['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ department: 'Chemistry' });

    const disabled = t.watcher.next(app.jobId);
    await unassign(t.graph, app, ids.walterAssignment!);
    await disabled;
    expect((await user('walter'))?.active).toBe(false);

    await pause(t.graph, app);
    expect((await t.graph('DELETE', `/users/${ids.victor}`)).status).toBe(204);
    expect((await t.graph('DELETE', `/directory/deletedItems/${ids.victor}`)).status).toBe(204);
    const deleted = await runCycle(t, app);
    expect(await user('victor')).toBeUndefined();
    const [physicists] = await peer.list('Groups');
    expect((physicists!.members as unknown[]).length).toBe(1);
    const actions = (await logs(t.graph, app, `cycleId eq '${deleted.cycleId}'`)).map((record) => record.provisioningAction);
    expect(actions).toContain('delete');
    expect((await job(t.graph, app)).status.code).toBe('Active');
  });
});
