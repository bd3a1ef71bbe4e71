import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createScimApp, type Graph, type ScimApp } from '../engine/support/engine-fixture.js';
import { graphClient } from '../support/graph-inject.js';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

const enterpriseUser = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface Definition {
  name: string;
  discoverabilities: string;
  discoveryDateTime: string;
  objects: { name: string; attributes: { name: string; type: string; required: boolean; multivalued: boolean; mutability: string }[] }[];
}

describe.each(storeKinds)('schema discovery of a SCIM application (%s)', (kind) => {
  let t: TestService;
  let graph: Graph;
  let scim: ScimTestServer;
  let app: ScimApp;
  let directoryId: string;
  const discover = () => graph('POST', `${app.jobPath}/schema/directories/${directoryId}/discover`);

  beforeAll(async () => {
    t = await startTestService(kind, {}, { engine: { runner: false } });
    graph = graphClient(t);
    scim = await startScimServer();
    app = await createScimApp(graph, 'SCIMMY discovery', [
      { key: 'BaseAddress', value: scim.baseUrl },
      { key: 'SecretToken', value: scim.token },
    ]);
    const schema = await graph('GET', `${app.jobPath}/schema`);
    directoryId = schema.body.directories.find((d: { name: string }) => d.name === 'customappsso').id;
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
  });

  it("reads the application's /Schemas into the directory definition, keeping the template's attribute names", async () => {
    const response = await discover();
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(scim.requests.at(-1)).toMatchObject({ method: 'GET', url: '/scim/v2/Schemas', status: 200 });
    const discovered = response.body as Definition;
    expect(discovered).toMatchObject({ name: 'customappsso', discoverabilities: 'AttributeNames, AttributeDataTypes, AttributeReadOnly' });
    const user = discovered.objects.find((o) => o.name === enterpriseUser)!;
    const byName = new Map(user.attributes.map((a) => [a.name, a]));
    expect(byName.get('id')).toMatchObject({ anchor: true });
    expect(byName.get('userName')).toMatchObject({ type: 'String', required: true });
    expect(byName.get('active')).toMatchObject({ type: 'Boolean' });
    expect(byName.get('name.givenName')).toBeDefined();
    expect(byName.get('externalId')).toBeDefined();
    // One value per canonical type: the template's and the ones it does not map.
    expect(byName.get('emails[type eq "work"].value')).toBeDefined();
    expect(byName.get('emails[type eq "home"].value')).toMatchObject({ type: 'String', multivalued: false });
    expect(byName.get(`${enterpriseUser}:employeeNumber`)).toBeDefined();
    // The template's manager reference stands for the whole complex attribute.
    expect(byName.get(`${enterpriseUser}:manager`)).toMatchObject({ type: 'Reference' });
    expect(byName.has(`${enterpriseUser}:manager.value`)).toBe(false);
    // Read-only lists cannot be provisioned.
    expect([...byName.keys()].some((name) => name.startsWith('groups'))).toBe(false);
    const group = discovered.objects.find((o) => o.name === 'urn:ietf:params:scim:schemas:core:2.0:Group')!;
    expect(group.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['id', 'displayName', 'externalId', 'members']));

    const stored = await graph('GET', `${app.jobPath}/schema/directories/${directoryId}`);
    expect(stored.body.discoveryDateTime).toBe(discovered.discoveryDateTime);
    expect(stored.body.objects.find((o: { name: string }) => o.name === enterpriseUser).attributes).toHaveLength(user.attributes.length);
  });

  it('keeps a schema PUT that lands while the /Schemas read is in flight, and saves the discovery into that schema', async () => {
    let release!: () => void;
    scim.inject({ method: 'GET', path: '/Schemas', holdUntil: new Promise<void>((resolve) => (release = resolve)) });
    const discovering = discover();
    await vi.waitFor(() => expect(scim.requests.some((r) => r.url === '/scim/v2/Schemas' && r.status === undefined)).toBe(true));

    // The PUT maps a new target attribute the application does not publish, declared in the directory.
    const badge = `${enterpriseUser}:badgeNumber`;
    const schema = (await graph('GET', `${app.jobPath}/schema`)).body;
    const directory = schema.directories.find((d: { id: string }) => d.id === directoryId);
    const user = directory.objects.find((o: { name: string }) => o.name === enterpriseUser);
    user.attributes.push({ ...user.attributes.find((a: { name: string }) => a.name === `${enterpriseUser}:employeeNumber`), name: badge });
    const mapping = schema.synchronizationRules[0].objectMappings.find((m: { targetObjectName: string }) => m.targetObjectName === enterpriseUser);
    mapping.attributeMappings.push({
      ...mapping.attributeMappings.find((m: { targetAttributeName: string }) => m.targetAttributeName === `${enterpriseUser}:employeeNumber`),
      targetAttributeName: badge,
    });
    const put = await graph('PUT', `${app.jobPath}/schema`, schema);
    expect(put.status, JSON.stringify(put.body)).toBe(204);

    release();
    const response = await discovering;
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const stored = (await graph('GET', `${app.jobPath}/schema`)).body;
    const storedMapping = stored.synchronizationRules[0].objectMappings.find((m: { targetObjectName: string }) => m.targetObjectName === enterpriseUser);
    expect(storedMapping.attributeMappings.map((m: { targetAttributeName: string }) => m.targetAttributeName)).toContain(badge);
    const storedDirectory = stored.directories.find((d: { id: string }) => d.id === directoryId);
    expect(storedDirectory.discoveryDateTime).toBe(response.body.discoveryDateTime);
    // The discovery kept the attribute the PUT's mapping uses although the application lacks it.
    const storedUser = storedDirectory.objects.find((o: { name: string }) => o.name === enterpriseUser);
    expect(storedUser.attributes.map((a: { name: string }) => a.name)).toContain(badge);
    expect((response.body as Definition).objects.find((o) => o.name === enterpriseUser)!.attributes.map((a) => a.name)).not.toContain(badge);
  });

  it('answers a clear Graph error when the application refuses the credentials or cannot be reached', async () => {
    const secrets = `/servicePrincipals/${app.servicePrincipalId}/synchronization/secrets`;
    expect((await graph('PUT', secrets, { value: [{ key: 'BaseAddress', value: scim.baseUrl }, { key: 'SecretToken', value: 'wrong' }] })).status).toBe(204);
    const refused = await discover();
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'InvalidCredentials' });
    expect(refused.body.error.message).toMatch(/\/Schemas.*401/);

    expect((await graph('PUT', secrets, { value: [{ key: 'BaseAddress', value: 'http://127.0.0.1:9/scim' }, { key: 'SecretToken', value: 'x' }] })).status).toBe(204);
    const unreachable = await discover();
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.error).toMatchObject({ code: 'TargetUnreachable' });
  });
});
