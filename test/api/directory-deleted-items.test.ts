import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../../src/directory/change-feed.js';
import { purgeExpiredDeletedItems } from '../../src/directory/deleted-items/purge.js';
import { graphClient } from '../support/graph-inject.js';
import { postGroup, postUser, ref } from '../support/graph-objects.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe.each(storeKinds)('deleted items (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let domain: string;
  const createUser = (alias: string) => postUser(graph, domain, alias);
  const createGroup = (name: string, members: string[] = []) => postGroup(graph, name, { 'members@odata.bind': members.map(ref) });
  const ids = (response: { body: { value: { id: string }[] } }) => response.body.value.map((object) => object.id).sort();

  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
    domain = t.service.context.tenant.defaultDomain;
  });
  afterAll(async () => t.dispose());

  it('soft-deletes a user, shows it in deleted items, and restores it with its memberships and manager', async () => {
    const alice = await createUser('alice');
    const boss = await createUser('alicesboss');
    const report = await createUser('alicesreport');
    const group = await createGroup('alicegroup', [alice.id, report.id]);
    await graph('PUT', `/users/${alice.id}/manager/$ref`, { '@odata.id': ref(boss.id) });
    await graph('PUT', `/users/${report.id}/manager/$ref`, { '@odata.id': ref(alice.id) });
    const { db } = t.service.context.store;
    const before = (await readChanges(db, 0, 10_000)).watermark;

    expect((await graph('DELETE', `/users/${alice.id}`)).status).toBe(204);
    expect((await graph('GET', `/users/${alice.id}`)).status).toBe(404);
    expect((await graph('GET', `/users/alice@${domain}`)).status).toBe(404);
    expect(ids(await graph('GET', `/groups/${group.id}/members`))).toEqual([report.id]);
    expect((await graph('GET', `/users/${report.id}/manager`)).status).toBe(404);

    const listed = await graph('GET', '/directory/deletedItems/microsoft.graph.user?$select=id,userPrincipalName,deletedDateTime');
    expect(listed.body['@odata.context']).toMatch(/#directory\/deletedItems\/microsoft\.graph\.user\(id,userPrincipalName,deletedDateTime\)$/);
    const entry = listed.body.value.find((user: { id: string }) => user.id === alice.id);
    expect(entry.userPrincipalName).toBe(`${alice.id.replace(/-/g, '')}alice@${domain}`);
    expect(Date.parse(entry.deletedDateTime)).toBeGreaterThan(0);
    const single = await graph('GET', `/directory/deletedItems/${alice.id}`);
    expect(single.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: alice.id });

    const deletedFeed = (await readChanges(db, before, 100)).changes;
    expect(deletedFeed.map((change) => [change.objectType, change.objectId, change.changeType, change.details?.relation])).toEqual([
      ['group', group.id, 'unlinked', 'members'],
      ['user', report.id, 'unlinked', 'manager'],
      ['user', alice.id, 'deleted', undefined],
    ]);

    // The name is free while Alice is deleted; taking it blocks a plain restore.
    const impostor = await createUser('alice');
    const conflict = await graph('POST', `/directory/deletedItems/${alice.id}/restore`);
    expect(conflict.status).toBe(400);
    expect(conflict.body.error.message).toBe('Another object with the same value for property userPrincipalName already exists.');
    expect((await graph('GET', `/directory/deletedItems/${alice.id}`)).status).toBe(200);
    expect((await graph('DELETE', `/users/${impostor.id}`)).status).toBe(204);

    const restored = await graph('POST', `/directory/deletedItems/${alice.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: alice.id, userPrincipalName: `alice@${domain}` });
    expect((await graph('GET', `/users/${alice.id}`)).body.deletedDateTime).toBeNull();
    expect(ids(await graph('GET', `/groups/${group.id}/members`))).toEqual([alice.id, report.id].sort());
    expect((await graph('GET', `/users/${alice.id}/manager`)).body.id).toBe(boss.id);
    expect((await graph('GET', `/users/${report.id}/manager`)).body.id).toBe(alice.id);
    expect((await graph('GET', `/directory/deletedItems/${alice.id}`)).status).toBe(404);
    const restoredFeed = (await readChanges(db, before, 100)).changes.slice(-3);
    expect(restoredFeed.map((change) => [change.objectId, change.changeType])).toEqual([
      [group.id, 'linked'],
      [report.id, 'linked'],
      [alice.id, 'restored'],
    ]);

    // The impostor can come back only under another name.
    const renamed = await graph('POST', `/directory/deletedItems/${impostor.id}/restore`, { newUserPrincipalName: `alice2@${domain}` });
    expect(renamed.body.userPrincipalName).toBe(`alice2@${domain}`);
  });

  it('deletes permanently from deleted items, with every link', async () => {
    const bob = await createUser('bob');
    const report = await createUser('bobsreport');
    const group = await createGroup('bobgroup', [bob.id]);
    await graph('PUT', `/users/${report.id}/manager/$ref`, { '@odata.id': ref(bob.id) });
    expect((await graph('DELETE', `/directory/deletedItems/${bob.id}`)).status).toBe(404);
    await graph('DELETE', `/users/${bob.id}`);
    expect((await graph('DELETE', `/directory/deletedItems/${bob.id}`)).status).toBe(204);
    expect((await graph('GET', `/directory/deletedItems/${bob.id}`)).status).toBe(404);
    const { db } = t.service.context.store;
    expect(await db.selectFrom('group_members').selectAll().where('member_id', '=', bob.id).execute()).toEqual([]);
    expect((await db.selectFrom('users').select('manager_id').where('id', '=', report.id).executeTakeFirstOrThrow()).manager_id).toBeNull();
    const feed = await db.selectFrom('directory_changes').select('change_type').where('object_id', '=', bob.id).orderBy('seq').execute();
    expect(feed.map((row) => row.change_type)).toEqual(['created', 'deleted', 'purged']);
    expect(ids(await graph('GET', `/groups/${group.id}/members`))).toEqual([]);
  });

  it('soft-deletes and restores groups', async () => {
    const carol = await createUser('carol');
    const group = await createGroup('carolgroup', [carol.id]);
    const parent = await createGroup('carolparent', [group.id]);
    await graph('DELETE', `/groups/${group.id}`);
    expect((await graph('GET', `/groups/${group.id}`)).status).toBe(404);
    expect(ids(await graph('GET', '/directory/deletedItems/microsoft.graph.group'))).toContain(group.id);
    expect(ids(await graph('GET', `/groups/${parent.id}/members`))).toEqual([]);
    expect(ids(await graph('GET', `/users/${carol.id}/memberOf`))).toEqual([]);
    const count = await t.service.app.inject({
      method: 'GET',
      url: '/v1.0/directory/deletedItems/microsoft.graph.group/$count',
      headers: { authorization: `Bearer ${await t.adminToken()}`, consistencylevel: 'eventual' },
    });
    expect(Number(count.body)).toBeGreaterThanOrEqual(1);
    const restored = await graph('POST', `/directory/deletedItems/${group.id}/microsoft.graph.restore`);
    expect(restored.body).toMatchObject({ '@odata.type': '#microsoft.graph.group', id: group.id });
    expect(ids(await graph('GET', `/groups/${parent.id}/members`))).toEqual([group.id]);
    expect(ids(await graph('GET', `/groups/${group.id}/members`))).toEqual([carol.id]);
  });

  it('checks the permission of the type it finds', async () => {
    const dave = await createUser('dave');
    await graph('DELETE', `/users/${dave.id}`);
    const groupsWriter = await t.tokenWith(['Group.ReadWrite.All']);
    const denied = await t.service.app.inject({
      method: 'POST',
      url: `/v1.0/directory/deletedItems/${dave.id}/restore`,
      headers: { authorization: `Bearer ${groupsWriter}` },
    });
    expect(denied.statusCode).toBe(403);
    expect((await graph('GET', `/directory/deletedItems/${dave.id}`)).status).toBe(200);
  });

  it('purges what was deleted more than 30 days ago', async () => {
    const old = await createUser('olduser');
    const recent = await createUser('recentuser');
    const oldGroup = await createGroup('oldgroup', [recent.id]);
    await graph('DELETE', `/users/${old.id}`);
    await graph('DELETE', `/users/${recent.id}`);
    await graph('DELETE', `/groups/${oldGroup.id}`);
    const { db } = t.service.context.store;
    const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await db.updateTable('users').set({ deleted_at: longAgo }).where('id', '=', old.id).execute();
    await db.updateTable('groups').set({ deleted_at: longAgo }).where('id', '=', oldGroup.id).execute();

    const purged = await purgeExpiredDeletedItems(db, { batchSize: 1 });
    expect(purged.users).toBeGreaterThanOrEqual(1);
    expect(purged.groups).toBeGreaterThanOrEqual(1);
    expect((await graph('GET', `/directory/deletedItems/${old.id}`)).status).toBe(404);
    expect((await graph('GET', `/directory/deletedItems/${oldGroup.id}`)).status).toBe(404);
    expect((await graph('GET', `/directory/deletedItems/${recent.id}`)).status).toBe(200);
    expect(await db.selectFrom('group_members').selectAll().where('group_id', '=', oldGroup.id).execute()).toEqual([]);
    const purgedChanges = await db.selectFrom('directory_changes').select('object_id').where('change_type', '=', 'purged').execute();
    expect(purgedChanges.map((row) => row.object_id)).toEqual(expect.arrayContaining([old.id, oldGroup.id]));
    expect(await purgeExpiredDeletedItems(db)).toEqual({ users: 0, groups: 0 });
  });
});
