import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, createGroup, createScimApp, createUser, pause, runCycle, startEngineService, unassign, type EngineTestService, type ScimApp } from './support/engine-fixture.js';
import { startRecordingScimServer, type RecordedRequest, type RecordingScimServer } from './support/recording-scim-server.js';

const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const token = 'recorded-token';

/** A request as compared: method, decoded URL and body; requests of one cycle sorted (objects run concurrently). */
const line = (request: RecordedRequest) => `${request.method} ${request.url} ${request.body === undefined ? '' : JSON.stringify(sortMembers(request.body))}`;

/** Members of one membership PATCH go out in no particular order; compare them sorted. */
function sortMembers(body: unknown): unknown {
  const operations = (body as { Operations?: { path?: string; value?: unknown }[] }).Operations;
  if (!operations) return body;
  return {
    ...(body as object),
    Operations: operations.map((operation) =>
      operation.path === 'members' && Array.isArray(operation.value)
        ? { ...operation, value: [...(operation.value as { value: string }[])].sort((a, b) => a.value.localeCompare(b.value)) }
        : operation,
    ),
  };
}

describe.each([
  { dialect: 'default', flag: '' },
  { dialect: 'aadOptscim062020', flag: '?aadOptscim062020' },
])('exact SCIM requests, $dialect dialect', ({ dialect, flag }) => {
  let t: EngineTestService;
  let scim: RecordingScimServer;
  const compliant = dialect === 'aadOptscim062020';
  const op = (verb: 'add' | 'replace' | 'remove') => (compliant ? verb : verb.charAt(0).toUpperCase() + verb.slice(1));
  let from = 0;
  const cycleRequests = () => {
    const requests = scim.requests.slice(from);
    from = scim.requests.length;
    return requests.map(line).sort();
  };
  const domain = () => t.domain;
  const ids: Record<string, string> = {};
  let app: ScimApp;

  beforeAll(async () => {
    t = await startEngineService('sqlite');
    scim = await startRecordingScimServer();
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it('creates users, the group and then the references, as the hosted service sends them', async () => {
    app = await createScimApp(t.graph, `Wire ${dialect}`, [
      { key: 'BaseAddress', value: `${scim.baseUrl}/${flag}` },
      { key: 'SecretToken', value: token },
    ]);
    const boss = await createUser(t, 'boss', { jobTitle: 'CEO' });
    const ada = await createUser(t, 'ada', { givenName: 'Ada', surname: 'Lovelace', mail: `ada@${domain()}`, department: 'R&D' });
    expect((await t.graph('PUT', `/users/${ada.id}/manager/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/users/${boss.id}` })).status).toBe(204);
    const group = await createGroup(t, 'Team', [ada.id, boss.id]);
    Object.assign(ids, { ada: ada.id, boss: boss.id, group: group.id, assignment: await assign(t.graph, app, group.id) });
    from = scim.requests.length;
    expect((await runCycle(t, app)).state).toBe('Succeeded');

    const requests = scim.requests.slice(from);
    expect(new Set(requests.map((request) => request.authorization))).toEqual(new Set([`Bearer ${token}`]));
    for (const request of requests) if (request.body !== undefined) expect(request.contentType).toBe('application/scim+json');

    const adaName = `ada@${domain()}`;
    const bossName = `boss@${domain()}`;
    expect(cycleRequests()).toEqual(
      [
        `GET /Users?filter=userName eq "${adaName}" `,
        `GET /Users?filter=userName eq "${bossName}" `,
        `POST /Users ${JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
          externalId: 'ada',
          userName: adaName,
          active: true,
          displayName: 'User ada',
          emails: [{ primary: true, type: 'work', value: adaName }],
          meta: { resourceType: 'User' },
          name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
          [enterprise]: { department: 'R&D' },
        })}`,
        `POST /Users ${JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
          externalId: 'boss',
          userName: bossName,
          active: true,
          displayName: 'User boss',
          meta: { resourceType: 'User' },
          title: 'CEO',
        })}`,
        `GET /Groups?excludedAttributes=members&filter=displayName eq "Team" `,
        `POST /Groups ${JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
          externalId: ids.group,
          displayName: 'Team',
          meta: { resourceType: 'Group' },
        })}`,
        `PATCH /Users/id-${adaName} ${JSON.stringify({ schemas: [patchOp], Operations: [{ op: op('add'), path: `${enterprise}:manager`, value: `id-${bossName}` }] })}`,
        `PATCH /Groups/id-Team ${JSON.stringify({
          schemas: [patchOp],
          Operations: [{ op: op('add'), path: 'members', value: [{ $ref: null, value: `id-${adaName}` }, { $ref: null, value: `id-${bossName}` }] }],
        })}`,
      ].sort(),
    );
  });

  it('patches changed attributes in the dialect of the tenant URL', async () => {
    await pause(t.graph, app);
    expect((await t.graph('PATCH', `/users/${ids.ada}`, { surname: 'King', jobTitle: 'Analyst', department: 'Research' })).status).toBe(204);
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    const adaName = `ada@${domain()}`;
    const operations = compliant
      ? [
          { op: 'add', path: 'title', value: 'Analyst' },
          { op: 'replace', value: { 'name.familyName': 'King', 'name.formatted': 'Ada King', [`${enterprise}:department`]: 'Research' } },
        ]
      : [
          { op: 'Add', path: 'title', value: 'Analyst' },
          { op: 'Replace', path: 'name.familyName', value: 'King' },
          { op: 'Replace', path: 'name.formatted', value: 'Ada King' },
          { op: 'Replace', path: `${enterprise}:department`, value: 'Research' },
        ];
    expect(cycleRequests()).toEqual([`PATCH /Users/id-${adaName} ${JSON.stringify({ schemas: [patchOp], Operations: operations })}`]);
  });

  it('removes a member, disables an unassigned user and deletes an unassigned group', async () => {
    const adaName = `ada@${domain()}`;
    const bossName = `boss@${domain()}`;
    await pause(t.graph, app);
    expect((await t.graph('DELETE', `/groups/${ids.group}/members/${ids.boss}/$ref`)).status).toBe(204);
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    const memberRemoval = compliant
      ? { schemas: [patchOp], Operations: [{ op: 'remove', path: `members[value eq "id-${bossName}"]` }] }
      : { schemas: [patchOp], Operations: [{ op: 'Remove', path: 'members', value: [{ value: `id-${bossName}` }] }] };
    const disable = (name: string) =>
      `PATCH /Users/id-${name} ${JSON.stringify({ schemas: [patchOp], Operations: [{ op: op('replace'), path: 'active', value: compliant ? false : 'False' }] })}`;
    expect(cycleRequests()).toEqual([`PATCH /Groups/id-Team ${JSON.stringify(memberRemoval)}`, disable(bossName)].sort());

    await pause(t.graph, app);
    await unassign(t.graph, app, ids.assignment!);
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    expect(cycleRequests()).toEqual(['DELETE /Groups/id-Team ', disable(adaName)].sort());

    await pause(t.graph, app);
    expect((await t.graph('DELETE', `/users/${ids.ada}`)).status).toBe(204);
    expect((await t.graph('DELETE', `/directory/deletedItems/${ids.ada}`)).status).toBe(204);
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    expect(cycleRequests()).toEqual([`DELETE /Users/id-${adaName} `]);
  });
});
