import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../src/directory/contacts/contact-repository.js';
import { newOrgContact } from '../../src/directory/contacts/org-contact.js';
import { addGroupLinks } from '../../src/directory/links/membership-repository.js';
import { graphClient } from '../support/graph-inject.js';
import { postGroup, ref } from '../support/graph-objects.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe.each(storeKinds)('organizational contacts (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  const contacts: string[] = [];

  const createGroup = async (name: string) => (await postGroup(graph, name)).id;
  const ids = (body: { value: { id: string }[] }) => body.value.map((object) => object.id).sort();

  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
    // Graph cannot create contacts; synchronization writes them through the repository.
    const { db } = t.service.context.store;
    for (const [index, name] of ['Ada Partner', 'Bob Vendor', 'Carol Supplier'].entries()) {
      const [givenName, surname] = name.split(' ') as [string, string];
      const contact = newOrgContact({
        id: `0000000${index}-1111-4222-8333-444444444444`,
        displayName: name,
        givenName,
        surname,
        mail: `${givenName.toLowerCase()}@partner.example`,
        mailNickname: givenName.toLowerCase(),
        proxyAddresses: [`SMTP:${givenName.toLowerCase()}@partner.example`],
        companyName: 'Partner Ltd',
        phones: [{ type: 'business', number: `+1 555 010${index}` }],
        onPremisesSyncEnabled: true,
        onPremisesLastSyncDateTime: '2025-01-02T03:04:05Z',
      });
      await db.transaction().execute((trx) => insertContact(trx, contact, `anchor-${index}`));
      contacts.push(contact.id);
    }
  });
  afterAll(async () => t.dispose());

  it('lists and reads contacts with $select, $filter, $top and $count', async () => {
    const all = await graph('GET', '/contacts');
    expect(all.status).toBe(200);
    expect(all.body['@odata.context']).toMatch(/\/\$metadata#contacts$/);
    expect(ids(all.body)).toEqual(contacts);
    expect(all.body.value[0]).toMatchObject({
      displayName: 'Ada Partner',
      mail: 'ada@partner.example',
      addresses: [],
      phones: [{ type: 'business', number: '+1 555 0100' }],
      onPremisesSyncEnabled: true,
    });
    expect(all.body.value[0]['@odata.type']).toBeUndefined();

    const selected = await graph('GET', `/contacts/${contacts[1]}?$select=displayName,mail`);
    expect(selected.body).toMatchObject({ id: contacts[1], displayName: 'Bob Vendor', mail: 'bob@partner.example' });
    expect(selected.body.surname).toBeUndefined();
    expect(selected.body['@odata.context']).toMatch(/#contacts\(displayName,mail\)\/\$entity$/);

    const filtered = await graph('GET', "/contacts?$filter=startswith(displayName,'carol') or mail eq 'ADA@partner.example'&$select=displayName");
    expect(filtered.body.value.map((contact: { displayName: string }) => contact.displayName)).toEqual(['Ada Partner', 'Carol Supplier']);
    const byProxy = await graph('GET', "/contacts?$filter=proxyAddresses/any(p:p eq 'smtp:bob@partner.example')");
    expect(ids(byProxy.body)).toEqual([contacts[1]]);

    const first = await graph('GET', '/contacts?$top=2');
    expect(first.body.value).toHaveLength(2);
    const next: string = first.body['@odata.nextLink'];
    const second = await graph('GET', next.slice(next.indexOf('/beta/') + 5));
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual(contacts);

    const counted = await graph('GET', "/contacts?$count=true&$filter=companyName eq 'Partner Ltd'", undefined, { ConsistencyLevel: 'eventual' });
    expect(counted.body['@odata.count']).toBe(3);
    const count = await graph('GET', '/contacts/$count', undefined, { ConsistencyLevel: 'eventual' });
    expect(count.body).toBe(3);

    expect((await graph('GET', '/contacts/00000000-0000-0000-0000-0000000000ff')).body.error.code).toBe('Request_ResourceNotFound');
    expect((await graph('GET', '/contacts/not-a-guid')).status).toBe(400);
  });

  it('refuses create, update and delete as Graph does', async () => {
    const create = await graph('POST', '/contacts', { displayName: 'New' });
    expect(create.status).toBe(400);
    expect(create.body.error).toEqual(
      expect.objectContaining({ code: 'Request_BadRequest', message: "Data contract version does not allow 'Create' operations against instances of resource 'OrgContact'." }),
    );
    const update = await graph('PATCH', `/contacts/${contacts[0]}`, { displayName: 'Changed' });
    expect(update.body.error.message).toBe("Data contract version does not allow 'Update' operations against instances of resource 'OrgContact'.");
    const remove = await graph('DELETE', `/contacts/${contacts[0]}`);
    expect(remove.body.error.message).toBe("Data contract version does not allow 'Delete' operations against instances of resource 'OrgContact'.");
    expect((await graph('GET', `/contacts/${contacts[0]}`)).body.displayName).toBe('Ada Partner');
  });

  it('shows contacts as group members, and the groups of a contact', async () => {
    const outer = await createGroup('Partners');
    const inner = await createGroup('Suppliers');
    const { db } = t.service.context.store;
    await db.transaction().execute(async (trx) => {
      await addGroupLinks(trx, inner, 'members', [{ id: contacts[2]!, type: 'orgContact' }]);
    });
    expect((await graph('POST', `/groups/${outer}/members/$ref`, { '@odata.id': ref(inner) })).status).toBe(204);

    const members = await graph('GET', `/groups/${inner}/members`);
    expect(members.body.value).toMatchObject([{ '@odata.type': '#microsoft.graph.orgContact', id: contacts[2], displayName: 'Carol Supplier' }]);
    expect(ids((await graph('GET', `/groups/${outer}/transitiveMembers`)).body)).toEqual([contacts[2]!, inner].sort());
    expect(ids((await graph('GET', `/contacts/${contacts[2]}/memberOf`)).body)).toEqual([inner]);
    const transitive = await graph('GET', `/contacts/${contacts[2]}/transitiveMemberOf?$select=displayName`);
    expect(transitive.body.value.map((group: { displayName: string }) => group.displayName).sort()).toEqual(['Partners', 'Suppliers']);
    const delta = await graph('GET', '/groups/delta');
    const entry = (delta.body.value as { id: string; 'members@delta': unknown[] }[]).find((group) => group.id === inner);
    expect(entry?.['members@delta']).toEqual([{ '@odata.type': '#microsoft.graph.orgContact', id: contacts[2] }]);
  });

  it('needs a directory permission', async () => {
    const usersOnly = await t.tokenWith(['User.Read.All']);
    const denied = await t.service.app.inject({ method: 'GET', url: '/v1.0/contacts', headers: { authorization: `Bearer ${usersOnly}` } });
    expect(denied.statusCode).toBe(403);
    const reader = await t.tokenWith(['Directory.Read.All']);
    const allowed = await t.service.app.inject({ method: 'GET', url: '/v1.0/contacts', headers: { authorization: `Bearer ${reader}` } });
    expect(allowed.statusCode).toBe(200);
    const write = await t.service.app.inject({ method: 'POST', url: '/v1.0/contacts', headers: { authorization: `Bearer ${reader}` }, payload: {} });
    expect(write.statusCode).toBe(403);
  });
});
