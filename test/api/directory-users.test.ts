import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyUserPassword } from '../../src/directory/users/user-password.js';
import { graphClient, type GraphResponse } from '../support/graph-inject.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

const password = 'Str0ng!Passw0rd';

describe.each(storeKinds)('users (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let v1: ReturnType<typeof graphClient>;
  let domain: string;
  const createUser = (alias: string, extra: Record<string, unknown> = {}): Promise<GraphResponse> =>
    graph('POST', '/users', {
      accountEnabled: true,
      displayName: `User ${alias}`,
      mailNickname: alias,
      userPrincipalName: `${alias}@${domain}`,
      passwordProfile: { password, forceChangePasswordNextSignIn: false },
      ...extra,
    });

  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
    v1 = graphClient(t, 'v1.0');
    domain = t.service.context.tenant.defaultDomain;
  });
  afterAll(async () => t.dispose());

  it('creates a user, stores only a salted hash of the password, and reads it back by id and by UPN', async () => {
    const created = await createUser('adele', { givenName: 'Adele', surname: 'Vance', department: 'Retail', employeeHireDate: '2021-03-01T09:00:00+02:00' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userPrincipalName: `adele@${domain}`,
      displayName: 'User adele',
      accountEnabled: true,
      department: 'Retail',
      employeeHireDate: '2021-03-01T07:00:00Z',
      userType: 'Member',
      onPremisesExtensionAttributes: { extensionAttribute1: null, extensionAttribute15: null },
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.securityIdentifier).toMatch(/^S-1-12-1-\d+-\d+-\d+-\d+$/);
    expect(JSON.stringify(created.body)).not.toContain(password);

    const row = await t.service.context.store.db.selectFrom('users').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(password);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyUserPassword(password, row.password_hash)).toBe(true);
    expect(await verifyUserPassword('wrong', row.password_hash)).toBe(false);

    const byId = await graph('GET', `/users/${created.body.id}`);
    expect(byId.body['@odata.context']).toMatch(/\/beta\/\$metadata#users\/\$entity$/);
    expect(byId.body.givenName).toBe('Adele');
    const byUpn = await graph('GET', `/users/ADELE@${domain}`);
    expect(byUpn.body.id).toBe(created.body.id);

    // v1.0 returns Graph's default property set unless $select asks for more.
    const v1User = await v1('GET', `/users/${created.body.id}`);
    expect(Object.keys(v1User.body).sort()).toEqual(
      ['@odata.context', 'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'].sort(),
    );
    const selected = await v1('GET', `/users/${created.body.id}?$select=department,passwordProfile`);
    expect(selected.body).toMatchObject({ id: created.body.id, department: 'Retail', passwordProfile: null });
    expect(selected.body['@odata.context']).toMatch(/#users\(department,passwordProfile\)\/\$entity$/);
  });

  it('refuses duplicates, foreign domains, weak passwords, missing and unknown properties, wrong types', async () => {
    await createUser('dup');
    const duplicate = await createUser('DUP', { mailNickname: 'dup2' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
    });
    const domainError = await createUser('x', { userPrincipalName: 'x@contoso.com' });
    expect(domainError.body.error.message).toBe(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    );
    const badUpn = await createUser('y', { userPrincipalName: `no spaces@${domain}` });
    expect(badUpn.body.error.message).toBe("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
    const weak = await createUser('weak', { passwordProfile: { password: 'password' } });
    expect(weak.body.error.message).toMatch(/password complexity requirements/);
    const missing = await graph('POST', '/users', { accountEnabled: true, displayName: 'No nick', userPrincipalName: `nonick@${domain}`, passwordProfile: { password } });
    expect(missing.body.error).toMatchObject({ code: 'Request_BadRequest', message: 'Property mailNickname value is required but is empty or missing.' });
    const unknown = await createUser('unknown', { favouriteColour: 'blue' });
    expect(unknown.body.error.message).toBe("Property 'favouriteColour' does not exist as a declared property or extension property.");
    const wrongType = await createUser('wrongtype', { accountEnabled: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/accountEnabled/);
    const badNickname = await createUser('bad', { mailNickname: 'has space' });
    expect(badNickname.body.error.message).toBe("Invalid value specified for property 'mailNickname' of resource 'User'.");
    for (const alias of ['x', 'y', 'weak', 'nonick', 'unknown', 'wrongtype', 'bad']) {
      expect((await graph('GET', `/users/${alias}@${domain}`)).status).toBe(404);
    }
  });

  it('lets exactly one of several concurrent creates with the same UPN win', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, index) => createUser('racer', { mailNickname: `racer${index}` })));
    expect(results.map((result) => result.status).sort()).toEqual([201, 400, 400, 400, 400]);
    for (const loser of results.filter((result) => result.status === 400)) {
      expect(loser.body.error.message).toBe('Another object with the same value for property userPrincipalName already exists.');
    }
    const rows = await t.service.context.store.db.selectFrom('users').select('id').where('user_principal_name_lower', '=', `racer@${domain}`).execute();
    expect(rows).toHaveLength(1);
    const feed = await t.service.context.store.db.selectFrom('directory_changes').select('object_id').where('change_type', '=', 'created').where('object_type', '=', 'user').execute();
    expect(feed.filter((row) => row.object_id === rows[0]!.id)).toHaveLength(1);
  });

  it('lists with $filter, $search, $orderby, $select, $count and keyset paging', async () => {
    for (const alias of ['pager1', 'pager2', 'pager3', 'pager4', 'pager5']) await createUser(alias, { jobTitle: 'Pager', city: 'Oslo' });
    const filtered = await graph('GET', "/users?$filter=startswith(displayName,'User pager')&$select=displayName,city&$top=2");
    expect(filtered.status).toBe(200);
    expect(filtered.body['@odata.context']).toMatch(/#users\(displayName,city\)$/);
    const names: string[] = filtered.body.value.map((user: { displayName: string }) => user.displayName);
    expect(filtered.body.value[0]).toEqual({ id: expect.any(String), displayName: expect.any(String), city: 'Oslo' });
    let next: string | undefined = filtered.body['@odata.nextLink'];
    while (next !== undefined) {
      const page = await graph('GET', next.slice(next.indexOf('/beta/') + 5));
      names.push(...page.body.value.map((user: { displayName: string }) => user.displayName));
      next = page.body['@odata.nextLink'];
    }
    expect(names.sort()).toEqual(['User pager1', 'User pager2', 'User pager3', 'User pager4', 'User pager5']);

    const ordered = await graph('GET', "/users?$filter=jobTitle eq 'pager'&$orderby=displayName desc&$count=true", undefined, { ConsistencyLevel: 'eventual' });
    expect(ordered.body['@odata.count']).toBe(5);
    expect(ordered.body.value.map((user: { displayName: string }) => user.displayName)).toEqual([
      'User pager5',
      'User pager4',
      'User pager3',
      'User pager2',
      'User pager1',
    ]);
    const searched = await graph('GET', '/users?$search="displayName:pager3"', undefined, { ConsistencyLevel: 'eventual' });
    expect(searched.body.value).toHaveLength(1);
    const count = await t.service.app.inject({
      method: 'GET',
      url: "/v1.0/users/$count?$filter=city eq 'oslo'",
      headers: { authorization: `Bearer ${await t.adminToken()}`, consistencylevel: 'eventual' },
    });
    expect(count.body).toBe('5');
    expect(count.headers['content-type']).toMatch(/^text\/plain/);
    const noHeader = await graph('GET', '/users/$count');
    expect(noHeader.status).toBe(400);
    const advanced = await graph('GET', "/users?$filter=city ne 'Oslo'");
    expect(advanced.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('updates with PATCH: merges on-premises extension attributes, normalizes dates, refuses a taken UPN', async () => {
    const user = (await createUser('patchy')).body;
    const patched = await graph('PATCH', `/users/${user.id}`, {
      jobTitle: 'Engineer',
      onPremisesExtensionAttributes: { extensionAttribute3: 'three' },
      employeeLeaveDateTime: '2030-01-31T00:00:00Z',
      usageLocation: 'no',
    });
    expect(patched.status).toBe(204);
    await graph('PATCH', `/users/${user.id}`, { onPremisesExtensionAttributes: { extensionAttribute5: 'five' } });
    const read = (await graph('GET', `/users/${user.id}`)).body;
    expect(read).toMatchObject({ jobTitle: 'Engineer', usageLocation: 'NO', employeeLeaveDateTime: '2030-01-31T00:00:00Z' });
    expect(read.onPremisesExtensionAttributes).toMatchObject({ extensionAttribute3: 'three', extensionAttribute5: 'five', extensionAttribute1: null });
    const filtered = await graph('GET', "/users?$filter=onPremisesExtensionAttributes/extensionAttribute3 eq 'three'&$count=true", undefined, {
      ConsistencyLevel: 'eventual',
    });
    expect(filtered.body.value.map((u: { id: string }) => u.id)).toEqual([user.id]);

    await createUser('taken');
    const anchored = (await createUser('anchored', { onPremisesImmutableId: 'QUJDREVGR0g=' })).body;
    const anchorClash = await graph('PATCH', `/users/${user.id}`, { onPremisesImmutableId: 'QUJDREVGR0g=' });
    expect(anchorClash.body.error.message).toBe('Another object with the same value for property onPremisesImmutableId already exists.');
    const byAnchor = await graph('GET', "/users?$filter=onPremisesImmutableId eq 'QUJDREVGR0g='&$select=id");
    expect(byAnchor.body.value).toEqual([{ id: anchored.id }]);
    const clash = await graph('PATCH', `/users/${user.id}`, { userPrincipalName: `Taken@${domain}` });
    expect(clash.body.error.message).toBe('Another object with the same value for property userPrincipalName already exists.');
    expect((await graph('GET', `/users/${user.id}`)).body.userPrincipalName).toBe(`patchy@${domain}`);

    const reset = await graph('PATCH', `/users/${user.id}`, { passwordProfile: { password: 'An0ther!Passw0rd' } });
    expect(reset.status).toBe(204);
    const row = await t.service.context.store.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(await verifyUserPassword('An0ther!Passw0rd', row.password_hash)).toBe(true);
  });

  it('declares directory extension properties on an application and uses them on users', async () => {
    const application = (await graph('POST', '/applications', { displayName: 'HR extensions' })).body;
    const created = await graph('POST', `/applications/${application.id}/extensionProperties`, {
      name: 'costCenter',
      dataType: 'String',
      targetObjects: ['User'],
    });
    expect(created.status).toBe(201);
    const name = `extension_${application.appId.replace(/-/g, '')}_costCenter`;
    expect(created.body).toMatchObject({ name, dataType: 'String', isMultiValued: false, targetObjects: ['User'], appDisplayName: 'HR extensions' });
    const level = (
      await graph('POST', `/applications/${application.id}/extensionProperties`, { name: 'level', dataType: 'Integer', targetObjects: ['User', 'Group'] })
    ).body;
    const listed = await graph('GET', `/applications/${application.id}/extensionProperties`);
    expect(listed.body.value.map((p: { name: string }) => p.name).sort()).toEqual([name, level.name].sort());
    const duplicate = await graph('POST', `/applications/${application.id}/extensionProperties`, { name: 'costCenter', dataType: 'String', targetObjects: ['User'] });
    expect(duplicate.status).toBe(400);

    const user = (await createUser('extended', { [name]: 'CC-100' })).body;
    expect(user[name]).toBe('CC-100');
    await graph('PATCH', `/users/${user.id}`, { [level.name]: 7 });
    const wrong = await graph('PATCH', `/users/${user.id}`, { [level.name]: 'seven' });
    expect(wrong.status).toBe(400);
    const undeclared = await graph('PATCH', `/users/${user.id}`, { [`extension_${'0'.repeat(32)}_nope`]: 'x' });
    expect(undeclared.body.error.message).toMatch(/does not exist as a declared property or extension property/);

    const found = await v1('GET', `/users?$filter=${name} eq 'CC-100'&$select=id,${name},${level.name}`);
    expect(found.body.value).toEqual([{ id: user.id, [name]: 'CC-100', [level.name]: 7 }]);
    const available = await graph('POST', '/directoryObjects/getAvailableExtensionProperties', { isSyncedFromOnPremises: false });
    expect(available.body.value.map((p: { name: string }) => p.name)).toContain(name);

    expect((await graph('DELETE', `/applications/${application.id}/extensionProperties/${created.body.id}`)).status).toBe(204);
    const after = await graph('GET', `/users/${user.id}`);
    expect(after.body[name]).toBeUndefined();
    expect(after.body[level.name]).toBe(7);
  });

  it('links a manager with $ref and lists direct reports', async () => {
    const boss = (await createUser('boss')).body;
    const report = (await createUser('report')).body;
    const other = (await createUser('other', { [`manager@odata.bind`]: `https://graph.microsoft.com/v1.0/users/${boss.id}` })).body;
    expect((await graph('PUT', `/users/${report.id}/manager/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${boss.id}` })).status).toBe(204);
    const manager = await graph('GET', `/users/${report.id}/manager`);
    expect(manager.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: boss.id });
    expect(manager.body['@odata.context']).toMatch(/#directoryObjects\/\$entity$/);
    const ref = await graph('GET', `/users/${report.id}/manager/$ref`);
    expect(ref.body['@odata.id']).toMatch(new RegExp(`/directoryObjects/${boss.id}/Microsoft.DirectoryServices.User$`));
    const reports = await graph('GET', `/users/${boss.id}/directReports?$select=displayName`);
    expect(reports.body.value.map((u: { id: string }) => u.id).sort()).toEqual([report.id, other.id].sort());
    expect(reports.body.value[0]['@odata.type']).toBe('#microsoft.graph.user');
    const expanded = await graph('GET', `/users/${report.id}?$expand=manager($select=id,displayName)`);
    expect(expanded.body.manager).toEqual({ '@odata.type': '#microsoft.graph.user', id: boss.id, displayName: 'User boss' });
    const listedWithManagers = await graph('GET', `/users/${boss.id}/directReports?$select=id&$expand=manager($select=id)`);
    expect(listedWithManagers.body.value.map((u: { manager: { id: string } }) => u.manager.id)).toEqual([boss.id, boss.id]);
    const notExpandable = await graph('GET', `/users/${boss.id}/memberOf?$expand=members`);
    expect(notExpandable.status).toBe(400);

    const unknown = await graph('PUT', `/users/${report.id}/manager/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/users/${'1'.repeat(8)}-1111-1111-1111-111111111111` });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('Request_ResourceNotFound');
    const invalid = await graph('PUT', `/users/${report.id}/manager/$ref`, { '@odata.id': 'https://graph.microsoft.com/v1.0/users/not-a-guid' });
    expect(invalid.body.error).toMatchObject({ code: 'Request_BadRequest', message: "Invalid object identifier 'not-a-guid'." });
    expect((await graph('GET', `/users/${report.id}/manager`)).body.id).toBe(boss.id);

    expect((await graph('DELETE', `/users/${report.id}/manager/$ref`)).status).toBe(204);
    expect((await graph('GET', `/users/${report.id}/manager`)).status).toBe(404);
    expect((await graph('DELETE', `/users/${report.id}/manager/$ref`)).status).toBe(404);
  });

  it('checks permissions per route', async () => {
    const groupsOnly = await t.tokenWith(['Group.Read.All']);
    const readOnly = await t.tokenWith(['User.Read.All']);
    const call = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
      t.service.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    expect((await call(groupsOnly, 'GET', '/v1.0/users')).statusCode).toBe(403);
    expect((await call(readOnly, 'GET', '/v1.0/users')).statusCode).toBe(200);
    const denied = await call(readOnly, 'POST', '/v1.0/users', { displayName: 'x' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('Authorization_RequestDenied');
  });
});
