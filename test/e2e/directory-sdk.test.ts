import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClientScript } from '../support/run-client.js';
import { storeKinds } from '../support/stores.js';
import { adminClientId, adminClientSecret, startTestService, type TestService } from '../support/test-service.js';

const script = fileURLToPath(new URL('./clients/directory-client.ts', import.meta.url));

type Objects = { value: { id: string; displayName?: string; userPrincipalName?: string; '@odata.type'?: string }[] };

interface ClientResults {
  created: { id: string; userPrincipalName: string };
  duplicate: { statusCode: number; code: string; message: string };
  byUpn: { id: string; department: string; jobTitle: string };
  filtered: Objects;
  manager: { id: string; '@odata.type': string };
  directReports: Objects;
  memberAgain: { statusCode: number; code: string };
  members: Objects;
  memberCount: number | string;
  countedMembers: Objects & { '@odata.count': number; '@odata.nextLink'?: string };
  memberOf: Objects;
  membersAfterRemoval: Objects;
  afterDelete: { statusCode: number; code: string };
  deletedUsers: Objects;
  deltaAfterDelete: (Record<string, unknown> & { id: string })[];
  restored: { id: string; userPrincipalName: string; '@odata.type': string };
  membersAfterRestore: Objects;
  deltaAfterRestore: (Record<string, unknown> & { id: string })[];
  groupsDelta: (Record<string, unknown> & { id: string })[];
  groupGone: { statusCode: number };
}

describe.each(storeKinds)('the Graph JS SDK against the directory over https (%s)', (kind) => {
  let t: TestService;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestService(kind, { PROVISIO_TLS: '1' });
    await t.service.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.service.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    baseUrl = `https://127.0.0.1:${address.port}`;
  });
  afterAll(async () => t.dispose());

  it('creates, links, lists, deletes, restores and tracks users and groups', async () => {
    const domain = t.service.context.tenant.defaultDomain;
    const r = await runClientScript<ClientResults>(
      script,
      { baseUrl, tenantId: t.tenantId, clientId: adminClientId, clientSecret: adminClientSecret, domain },
      t.service.tls!.certPath,
    );
    const alice = r.created.id;
    expect(r.created.userPrincipalName).toBe(`alice@${domain}`);
    expect(r.duplicate).toMatchObject({ statusCode: 400, code: 'Request_BadRequest', message: 'Another object with the same value for property userPrincipalName already exists.' });
    expect(r.byUpn).toMatchObject({ id: alice, department: 'Finance', jobTitle: 'Controller' });
    expect(r.filtered.value.map((user) => user.displayName).sort()).toEqual(['E2E alice', 'E2E bob']);
    expect(r.manager).toMatchObject({ id: alice, '@odata.type': '#microsoft.graph.user' });
    expect(r.directReports.value).toHaveLength(1);
    const bob = r.directReports.value[0]!.id;

    expect(r.memberAgain).toMatchObject({ statusCode: 400, code: 'Request_BadRequest' });
    expect(r.members.value.map((member) => member.id).sort()).toEqual([alice, bob].sort());
    expect(Number(r.memberCount)).toBe(2);
    expect(r.countedMembers['@odata.count']).toBe(2);
    expect(r.countedMembers.value).toHaveLength(1);
    expect(r.countedMembers['@odata.nextLink']).toMatch(/\$skiptoken=/);
    expect(r.memberOf.value.map((group) => group.displayName)).toEqual(['E2E Finance']);
    expect(r.membersAfterRemoval.value.map((member) => member.id)).toEqual([alice]);

    expect(r.afterDelete).toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
    expect(r.deletedUsers.value.map((user) => user.id)).toContain(alice);
    // The round after the writes: bob as he is now, alice as removed-but-restorable.
    expect(r.deltaAfterDelete).toEqual(
      expect.arrayContaining([
        { id: bob, displayName: 'E2E bob', department: null },
        { id: alice, '@removed': { reason: 'changed' } },
      ]),
    );
    expect(r.deltaAfterDelete).toHaveLength(2);
    expect(r.restored).toMatchObject({ id: alice, userPrincipalName: `alice@${domain}`, '@odata.type': '#microsoft.graph.user' });
    expect(r.membersAfterRestore.value.map((member) => member.id)).toEqual([alice]);
    // Bob shows too: his manager link reappeared with alice.
    expect(r.deltaAfterRestore).toEqual(
      expect.arrayContaining([
        { id: alice, displayName: 'E2E alice', department: 'Finance' },
        { id: bob, displayName: 'E2E bob', department: null },
      ]),
    );
    expect(r.deltaAfterRestore).toHaveLength(2);

    const groupEntry = r.groupsDelta.find((entry) => entry.displayName === 'E2E Finance')!;
    expect((groupEntry['members@delta'] as { id: string }[]).map((member) => member.id)).toEqual([alice]);
    expect(r.groupGone.statusCode).toBe(404);
  }, 120_000);
});
