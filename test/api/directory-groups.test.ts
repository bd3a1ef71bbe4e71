import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from '../support/graph-inject.js';
import { postGroup, postUser, ref } from '../support/graph-objects.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe.each(storeKinds)('groups and memberships (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let domain: string;
  const users: string[] = [];
  const createUser = async (alias: string) => (await postUser(graph, domain, alias)).id;
  const createGroup = (name: string, extra: Record<string, unknown> = {}) => postGroup(graph, name, extra);
  const memberIds = async (path: string): Promise<string[]> => {
    const ids: string[] = [];
    let next: string | undefined = path;
    while (next !== undefined) {
      const page = await graph('GET', next);
      expect(page.status).toBe(200);
      ids.push(...page.body.value.map((object: { id: string }) => object.id));
      const link: string | undefined = page.body['@odata.nextLink'];
      next = link === undefined ? undefined : link.slice(link.indexOf('/beta/') + 5);
    }
    return ids.sort();
  };
  const changesFor = async (objectId: string) =>
    t.service.context.store.db.selectFrom('directory_changes').selectAll().where('object_id', '=', objectId).orderBy('seq').execute();

  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
    domain = t.service.context.tenant.defaultDomain;
    for (let index = 0; index < 25; index += 1) users.push(await createUser(`member${index}`));
  });
  afterAll(async () => t.dispose());

  it('creates security and Microsoft 365 groups with Graph shapes and rules', async () => {
    const security = await createGroup('Engineering');
    expect(security).toMatchObject({ displayName: 'Engineering', securityEnabled: true, mailEnabled: false, groupTypes: [], mail: null, visibility: null });
    const unified = await createGroup('Marketing Team', { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, mailNickname: 'marketing' });
    expect(unified).toMatchObject({
      groupTypes: ['Unified'],
      mail: `marketing@${domain}`,
      proxyAddresses: [`SMTP:marketing@${domain}`],
      visibility: 'Public',
    });
    expect((await graph('GET', `/groups/${unified.id}`)).body.mail).toBe(`marketing@${domain}`);
    const mailSecurity = await graph('POST', '/groups', { displayName: 'x', mailEnabled: true, mailNickname: 'x', securityEnabled: true });
    expect(mailSecurity.body.error.message).toMatch(/does not currently support writes of mail-enabled groups/);
    const missing = await graph('POST', '/groups', { displayName: 'x', mailEnabled: false, securityEnabled: true });
    expect(missing.body.error.message).toBe('Property mailNickname value is required but is empty or missing.');
    const dynamic = await graph('POST', '/groups', { displayName: 'x', mailEnabled: false, mailNickname: 'x', securityEnabled: true, groupTypes: ['DynamicMembership'] });
    expect(dynamic.status).toBe(400);
    const sameAddress = await graph('POST', '/groups', { displayName: 'x', groupTypes: ['Unified'], mailEnabled: true, mailNickname: 'Marketing', securityEnabled: false });
    expect(sameAddress.body.error.message).toBe('Another object with the same value for property proxyAddresses already exists.');
    expect((await graph('GET', '/groups/not-a-guid')).body.error).toMatchObject({ code: 'Request_BadRequest', message: "Invalid object identifier 'not-a-guid'." });
    expect((await graph('GET', '/groups/00000000-0000-0000-0000-000000000001')).status).toBe(404);

    const filtered = await graph('GET', "/groups?$filter=groupTypes/any(c:c eq 'Unified')&$select=displayName,mail");
    expect(filtered.body.value).toEqual([{ id: unified.id, displayName: 'Marketing Team', mail: `marketing@${domain}` }]);
    expect((await graph('PATCH', `/groups/${unified.id}`, { description: 'All of marketing', mailNickname: 'mkt' })).status).toBe(204);
    const patched = (await graph('GET', `/groups/${unified.id}`)).body;
    expect(patched).toMatchObject({ description: 'All of marketing', mail: `mkt@${domain}` });
    expect(patched.proxyAddresses).toEqual([`SMTP:mkt@${domain}`, `smtp:marketing@${domain}`]);
  });

  it('binds members and owners on create, at most 20 links in all, all or nothing', async () => {
    const binds = users.slice(0, 18).map(ref);
    const group = await createGroup('Bound', { 'members@odata.bind': binds, 'owners@odata.bind': [ref(users[20]!), ref(users[21]!)] });
    expect(await memberIds(`/groups/${group.id}/members?$top=7`)).toEqual(users.slice(0, 18).sort());
    expect(await memberIds(`/groups/${group.id}/owners`)).toEqual([users[20]!, users[21]!].sort());

    const tooMany = await graph('POST', '/groups', {
      displayName: 'Too many',
      mailEnabled: false,
      mailNickname: 'toomany',
      securityEnabled: true,
      'members@odata.bind': users.slice(0, 20).map(ref),
      'owners@odata.bind': [ref(users[21]!)],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'Request_BadRequest', message: 'A resource cannot contain more than 20 link changes.' });
    const ghost = '6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
    const unknownMember = await graph('POST', '/groups', {
      displayName: 'Half written',
      mailEnabled: false,
      mailNickname: 'half',
      securityEnabled: true,
      'members@odata.bind': [ref(users[0]!), ref(ghost)],
    });
    expect(unknownMember.status).toBe(404);
    expect(unknownMember.body.error.code).toBe('Request_ResourceNotFound');
    const none = await graph('GET', "/groups?$filter=displayName eq 'Half written' or displayName eq 'Too many'");
    expect(none.body.value).toEqual([]);
  });

  it('adds and removes members with $ref, refusing duplicates and unknown objects', async () => {
    const group = await createGroup('Refs');
    expect((await graph('POST', `/groups/${group.id}/members/$ref`, { '@odata.id': ref(users[0]!) })).status).toBe(204);
    const again = await graph('POST', `/groups/${group.id}/members/$ref`, { '@odata.id': ref(users[0]!) });
    expect(again.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: "One or more added object references already exist for the following modified properties: 'members'.",
    });
    const unknown = await graph('POST', `/groups/${group.id}/members/$ref`, { '@odata.id': ref('6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b') });
    expect(unknown.status).toBe(404);
    const invalid = await graph('POST', `/groups/${group.id}/members/$ref`, { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/123' });
    expect(invalid.body.error.message).toBe("Invalid object identifier '123'.");
    const noBody = await graph('POST', `/groups/${group.id}/members/$ref`, {});
    expect(noBody.status).toBe(400);
    const patchBind = await graph('PATCH', `/groups/${group.id}`, { 'members@odata.bind': [ref(users[1]!), ref(users[2]!)] });
    expect(patchBind.status).toBe(204);
    expect(await memberIds(`/groups/${group.id}/members`)).toEqual([users[0]!, users[1]!, users[2]!].sort());

    expect((await graph('DELETE', `/groups/${group.id}/members/${users[1]}/$ref`)).status).toBe(204);
    expect((await graph('DELETE', `/groups/${group.id}/members/${users[1]}/$ref`)).status).toBe(404);
    expect(await memberIds(`/groups/${group.id}/members`)).toEqual([users[0]!, users[2]!].sort());
    const changes = await changesFor(group.id);
    expect(changes.map((change) => change.change_type)).toEqual(['created', 'linked', 'linked', 'linked', 'unlinked']);
    expect(JSON.parse(changes.at(-1)!.details!)).toEqual({ relation: 'members', targetId: users[1], targetType: 'user' });

    const count = await t.service.app.inject({
      method: 'GET',
      url: `/v1.0/groups/${group.id}/members/$count`,
      headers: { authorization: `Bearer ${await t.adminToken()}`, consistencylevel: 'eventual' },
    });
    expect(count.body).toBe('2');
    expect((await graph('GET', `/groups/${group.id}/members/$count`)).status).toBe(400);
    const counted = await graph('GET', `/groups/${group.id}/members?$count=true&$filter=startswith(displayName,'member0')`, undefined, {
      ConsistencyLevel: 'eventual',
    });
    expect(counted.body['@odata.count']).toBe(1);
    expect(counted.body.value).toMatchObject([{ '@odata.type': '#microsoft.graph.user', id: users[0] }]);
  });

  it('nests groups, refuses cycles, and answers transitive questions', async () => {
    const outer = await createGroup('Outer');
    const middle = await createGroup('Middle');
    const inner = await createGroup('Inner');
    await graph('POST', `/groups/${outer.id}/members/$ref`, { '@odata.id': ref(middle.id) });
    await graph('POST', `/groups/${middle.id}/members/$ref`, { '@odata.id': ref(inner.id) });
    await graph('PATCH', `/groups/${inner.id}`, { 'members@odata.bind': [ref(users[22]!), ref(users[23]!)] });
    await graph('POST', `/groups/${outer.id}/members/$ref`, { '@odata.id': ref(users[24]!) });
    await graph('POST', `/groups/${middle.id}/members/$ref`, { '@odata.id': ref(users[22]!) });

    expect(await memberIds(`/groups/${outer.id}/members`)).toEqual([middle.id, users[24]!].sort());
    expect(await memberIds(`/groups/${outer.id}/transitiveMembers`)).toEqual([middle.id, inner.id, users[22]!, users[23]!, users[24]!].sort());
    expect(await memberIds(`/groups/${outer.id}/members/microsoft.graph.group`)).toEqual([middle.id]);
    const typed = await graph('GET', `/groups/${outer.id}/members/microsoft.graph.user?$select=displayName`);
    expect(typed.body.value).toEqual([{ id: users[24], displayName: 'member24' }]);
    expect(await memberIds(`/users/${users[22]}/memberOf`)).toEqual([middle.id, inner.id].sort());
    expect(await memberIds(`/users/${users[23]}/transitiveMemberOf`)).toEqual([outer.id, middle.id, inner.id].sort());
    expect(await memberIds(`/groups/${inner.id}/transitiveMemberOf`)).toEqual([outer.id, middle.id].sort());
    expect(await memberIds(`/groups/${outer.id}/transitiveMembers/microsoft.graph.user`)).toEqual([users[22]!, users[23]!, users[24]!].sort());
    expect(await memberIds(`/groups/${outer.id}/transitiveMembers/microsoft.graph.group`)).toEqual([middle.id, inner.id].sort());
    const typedMemberOf = await graph('GET', `/users/${users[23]}/transitiveMemberOf/microsoft.graph.group?$select=displayName`);
    expect(typedMemberOf.body['@odata.context']).toMatch(/#groups\(displayName\)$/);
    expect(typedMemberOf.body.value.map((group: { displayName: string }) => group.displayName).sort()).toEqual(['Inner', 'Middle', 'Outer']);
    expect(typedMemberOf.body.value[0]['@odata.type']).toBeUndefined();
    const memberOfCount = await t.service.app.inject({
      method: 'GET',
      url: `/v1.0/users/${users[22]}/memberOf/$count`,
      headers: { authorization: `Bearer ${await t.adminToken()}`, consistencylevel: 'eventual' },
    });
    expect(memberOfCount.body).toBe('2');

    const cycle = await graph('POST', `/groups/${inner.id}/members/$ref`, { '@odata.id': ref(outer.id) });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.code).toBe('Request_BadRequest');
    const self = await graph('POST', `/groups/${inner.id}/members/$ref`, { '@odata.id': ref(inner.id) });
    expect(self.status).toBe(400);

    // A deleted nested group hides what it brought in, and brings it back when restored.
    expect((await graph('DELETE', `/groups/${middle.id}`)).status).toBe(204);
    expect(await memberIds(`/groups/${outer.id}/transitiveMembers`)).toEqual([users[24]!]);
    expect(await memberIds(`/users/${users[23]}/transitiveMemberOf`)).toEqual([inner.id]);
    expect((await graph('POST', `/directory/deletedItems/${middle.id}/restore`)).status).toBe(200);
    expect(await memberIds(`/groups/${outer.id}/transitiveMembers`)).toEqual([middle.id, inner.id, users[22]!, users[23]!, users[24]!].sort());
    // Still no cycle through a group that was in deleted items.
    expect((await graph('POST', `/groups/${inner.id}/members/$ref`, { '@odata.id': ref(middle.id) })).status).toBe(400);
  });

  it('checks group permissions', async () => {
    const usersOnly = await t.tokenWith(['User.ReadWrite.All']);
    const response = await t.service.app.inject({ method: 'GET', url: '/v1.0/groups', headers: { authorization: `Bearer ${usersOnly}` } });
    expect(response.statusCode).toBe(403);
    const reader = await t.tokenWith(['Group.Read.All']);
    const group = await createGroup('Permissions');
    const add = await t.service.app.inject({
      method: 'POST',
      url: `/v1.0/groups/${group.id}/members/$ref`,
      headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ '@odata.id': ref(users[0]!) }),
    });
    expect(add.statusCode).toBe(403);
  });
});
