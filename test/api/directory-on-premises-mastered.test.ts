import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient, type GraphResponse } from '../support/graph-inject.js';
import { postGroup, postUser, ref } from '../support/graph-objects.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

const mastered = {
  code: 'Request_BadRequest',
  message: 'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
};

describe.each(storeKinds)('objects mastered on premises are read-only in Graph (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let domain: string;
  const refused = (response: GraphResponse) => {
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject(mastered);
  };
  const createUser = async (alias: string, extra: Record<string, unknown> = {}) => (await postUser(graph, domain, alias, extra)).id;
  const createGroup = async (name: string, extra: Record<string, unknown> = {}) => (await postGroup(graph, name, extra)).id;

  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
    domain = t.service.context.tenant.defaultDomain;
  });
  afterAll(async () => t.dispose());

  it('refuses changes of a synchronized user that AD masters, and takes the cloud-owned ones', async () => {
    const boss = await createUser('boss');
    const other = await createUser('other');
    const user = await createUser('ada', {
      onPremisesSyncEnabled: true,
      onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==',
      'manager@odata.bind': ref(boss),
    });

    refused(await graph('PATCH', `/users/${user}`, { displayName: 'Ada Lovelace' }));
    refused(await graph('PATCH', `/users/${user}`, { onPremisesExtensionAttributes: { extensionAttribute1: 'x' } }));
    refused(await graph('PATCH', `/users/${user}`, { passwordProfile: { password: 'An0ther!Passw0rd' } }));
    refused(await graph('PATCH', `/users/${user}`, { usageLocation: 'DE', jobTitle: 'Engineer' }));
    refused(await graph('PATCH', `/users/${user}`, { 'manager@odata.bind': ref(other) }));
    refused(await graph('PUT', `/users/${user}/manager/$ref`, { '@odata.id': ref(other) }));
    refused(await graph('DELETE', `/users/${user}/manager/$ref`));
    refused(await graph('DELETE', `/users/${user}`));

    const current = (await graph('GET', `/users/${user}?$select=displayName,usageLocation`)).body;
    expect(current).toMatchObject({ displayName: 'ada', usageLocation: null });
    expect((await graph('GET', `/users/${user}/manager`)).body.id).toBe(boss);

    // Cloud-owned properties, and mastered ones written again with the value they have.
    expect((await graph('PATCH', `/users/${user}`, { usageLocation: 'de', accountEnabled: false, passwordPolicies: 'DisablePasswordExpiration' })).status).toBe(204);
    expect((await graph('PATCH', `/users/${user}`, { displayName: 'ada', 'manager@odata.bind': ref(boss) })).status).toBe(204);
    expect((await graph('GET', `/users/${user}?$select=usageLocation,accountEnabled`)).body).toMatchObject({ usageLocation: 'DE', accountEnabled: false });

    // A cloud user is unaffected, and a synchronized user may join a cloud group.
    expect((await graph('PATCH', `/users/${other}`, { displayName: 'Other One' })).status).toBe(204);
    const cloudGroup = await createGroup('cloudgroup');
    expect((await graph('POST', `/groups/${cloudGroup}/members/$ref`, { '@odata.id': ref(user) })).status).toBe(204);
    expect((await graph('DELETE', `/users/${other}`)).status).toBe(204);
  });

  it('refuses changes of a synchronized group, its members and its deletion; owners stay cloud data', async () => {
    const member = await createUser('member');
    const owner = await createUser('owner');
    const group = await createGroup('syncedgroup', { onPremisesSyncEnabled: true, 'members@odata.bind': [ref(member)] });

    refused(await graph('PATCH', `/groups/${group}`, { description: 'Changed in the cloud' }));
    refused(await graph('PATCH', `/groups/${group}`, { 'members@odata.bind': [ref(owner)] }));
    refused(await graph('POST', `/groups/${group}/members/$ref`, { '@odata.id': ref(owner) }));
    refused(await graph('DELETE', `/groups/${group}/members/${member}/$ref`));
    refused(await graph('DELETE', `/groups/${group}`));

    expect((await graph('PATCH', `/groups/${group}`, { displayName: 'syncedgroup' })).status).toBe(204);
    expect((await graph('POST', `/groups/${group}/owners/$ref`, { '@odata.id': ref(owner) })).status).toBe(204);
    expect((await graph('PATCH', `/groups/${group}`, { 'owners@odata.bind': [ref(member)] })).status).toBe(204);
    const members = (await graph('GET', `/groups/${group}/members`)).body.value.map((object: { id: string }) => object.id);
    expect(members).toEqual([member]);
    expect((await graph('GET', `/groups/${group}`)).body.description).toBeNull();
  });
});
