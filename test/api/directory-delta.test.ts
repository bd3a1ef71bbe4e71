import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from '../support/graph-inject.js';
import { postUser, ref } from '../support/graph-objects.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

type Entry = Record<string, unknown> & { id: string };
describe.each(storeKinds)('users and groups delta (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let domain: string;
  const createUser = async (alias: string) => (await postUser(graph, domain, alias)).id;
  const relative = (link: string) => link.slice(link.indexOf('/v1.0/'));

  /** Follows nextLinks to the deltaLink; returns every entry and the deltaLink. */
  const round = async (first: string, headers: Record<string, string> = {}) => {
    const entries: Entry[] = [];
    let url = first;
    let pages = 0;
    for (;;) {
      const page = await graph('GET', url, undefined, headers);
      expect(page.status).toBe(200);
      pages += 1;
      entries.push(...page.body.value);
      if (page.body['@odata.nextLink'] !== undefined) {
        expect(page.body['@odata.deltaLink']).toBeUndefined();
        url = relative(page.body['@odata.nextLink']);
      } else {
        expect(page.body['@odata.deltaLink']).toMatch(/\/delta\?\$deltatoken=/);
        return { entries, deltaLink: relative(page.body['@odata.deltaLink'] as string), pages };
      }
    }
  };

  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t, 'v1.0');
    domain = t.service.context.tenant.defaultDomain;
  });
  afterAll(async () => t.dispose());

  it('pages every user, then returns only what changed, with @removed for deletions', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 7; index += 1) ids.push(await createUser(`delta${index}`));
    const initial = await round('/v1.0/users/delta?$select=displayName,jobTitle', { Prefer: 'odata.maxpagesize=3' });
    expect(initial.pages).toBe(3);
    expect(initial.entries.map((entry) => entry.id).sort()).toEqual([...ids].sort());
    expect(initial.entries[0]).toEqual({ id: expect.any(String), displayName: expect.any(String), jobTitle: null });

    const quiet = await round(initial.deltaLink);
    expect(quiet.entries).toEqual([]);

    await graph('PATCH', `/users/${ids[0]}`, { jobTitle: 'First' });
    await graph('PATCH', `/users/${ids[0]}`, { jobTitle: 'Second' });
    await graph('DELETE', `/users/${ids[1]}`);
    await graph('DELETE', `/users/${ids[2]}`);
    await graph('DELETE', `/directory/deletedItems/${ids[2]}`);
    await graph('PUT', `/users/${ids[3]}/manager/$ref`, { '@odata.id': ref(ids[4]!) });
    const added = await createUser('latecomer');

    const changes = await round(quiet.deltaLink, { Prefer: 'odata.maxpagesize=2' });
    const byId = new Map(changes.entries.map((entry) => [entry.id, entry]));
    expect(changes.entries).toHaveLength(5);
    // $select of the first request still applies; each object appears once, in its latest state.
    expect(byId.get(ids[0]!)).toEqual({ id: ids[0], displayName: 'delta0', jobTitle: 'Second' });
    expect(byId.get(ids[1]!)).toEqual({ id: ids[1], '@removed': { reason: 'changed' } });
    expect(byId.get(ids[2]!)).toEqual({ id: ids[2], '@removed': { reason: 'deleted' } });
    expect(byId.get(ids[3]!)).toMatchObject({ displayName: 'delta3' });
    expect(byId.get(added)).toMatchObject({ displayName: 'latecomer' });

    await graph('POST', `/directory/deletedItems/${ids[1]}/restore`);
    const restored = await round(changes.deltaLink);
    expect(restored.entries).toEqual([{ id: ids[1], displayName: 'delta1', jobTitle: null }]);
  });

  it('starts from now with $deltatoken=latest and refuses forged tokens and options', async () => {
    const latest = await graph('GET', '/users/microsoft.graph.delta()?$deltatoken=latest');
    expect(latest.body.value).toEqual([]);
    const link = relative(latest.body['@odata.deltaLink']);
    const id = await createUser('afterlatest');
    const next = await round(link);
    expect(next.entries.map((entry) => entry.id)).toEqual([id]);
    // v1.0 without $select: Graph's default user properties.
    expect(Object.keys(next.entries[0]!)).toContain('userPrincipalName');
    expect(Object.keys(next.entries[0]!)).not.toContain('accountEnabled');

    const forged = await graph('GET', `${link}x`);
    expect(forged.status).toBe(400);
    const groupsToken = await graph('GET', `/groups/delta?$deltatoken=${link.split('=')[1]}`);
    expect(groupsToken.status).toBe(400);
    expect((await graph('GET', '/users/delta?$top=5')).status).toBe(400);
  });

  it('tracks groups with members@delta', async () => {
    const u1 = await createUser('gdelta1');
    const u2 = await createUser('gdelta2');
    const u3 = await createUser('gdelta3');
    const group = (await graph('POST', '/groups', {
      displayName: 'Delta group',
      mailEnabled: false,
      mailNickname: 'deltagroup',
      securityEnabled: true,
      'members@odata.bind': [ref(u1), ref(u2)],
    })).body;
    const other = (await graph('POST', '/groups', { displayName: 'Quiet group', mailEnabled: false, mailNickname: 'quiet', securityEnabled: true })).body;

    const initial = await round('/v1.0/groups/delta?$select=displayName,members');
    const initialGroup = initial.entries.find((entry) => entry.id === group.id)!;
    expect(initialGroup.displayName).toBe('Delta group');
    expect((initialGroup['members@delta'] as Entry[]).map((member) => member.id).sort()).toEqual([u1, u2].sort());
    expect((initialGroup['members@delta'] as Entry[])[0]!['@odata.type']).toBe('#microsoft.graph.user');
    expect(initial.entries.find((entry) => entry.id === other.id)!['members@delta']).toEqual([]);

    await graph('POST', `/groups/${group.id}/members/$ref`, { '@odata.id': ref(u3) });
    await graph('DELETE', `/groups/${group.id}/members/${u1}/$ref`);
    await graph('DELETE', `/users/${u2}`);
    const changes = await round(initial.deltaLink);
    expect(changes.entries.map((entry) => entry.id)).toEqual([group.id]);
    const memberDelta = changes.entries[0]!['members@delta'] as Entry[];
    expect(memberDelta).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.user', id: u3 },
        { '@odata.type': '#microsoft.graph.user', id: u1, '@removed': { reason: 'deleted' } },
        { '@odata.type': '#microsoft.graph.user', id: u2, '@removed': { reason: 'deleted' } },
      ]),
    );
    expect(memberDelta).toHaveLength(3);

    await graph('DELETE', `/groups/${other.id}`);
    const removed = await round(changes.deltaLink);
    expect(removed.entries).toEqual([{ id: other.id, '@removed': { reason: 'changed' } }]);
    // Without members in $select, membership is not tracked.
    const plain = await round('/v1.0/groups/delta?$select=displayName');
    expect(plain.entries.every((entry) => entry['members@delta'] === undefined)).toBe(true);
  });

  it('splits a group whose members exceed one page across pages', async () => {
    const { db } = t.service.context.store;
    const group = (await graph('POST', '/groups', { displayName: 'Huge', mailEnabled: false, mailNickname: 'huge', securityEnabled: true })).body;
    // Bulk-insert 4,500 memberships (to users that exist) directly: more than two pages' member budget.
    const now = new Date().toISOString();
    const members = Array.from({ length: 4500 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    for (let start = 0; start < members.length; start += 500) {
      const chunk = members.slice(start, start + 500);
      await db
        .insertInto('users')
        .values(
          chunk.map((id) => ({
            id,
            user_principal_name: `${id}@${domain}`,
            user_principal_name_lower: `${id}@${domain}`,
            account_enabled: 1,
            user_type: 'Member',
            created_at: now,
            data: JSON.stringify({ id, userPrincipalName: `${id}@${domain}` }),
          })),
        )
        .execute();
      await db
        .insertInto('group_members')
        .values(chunk.map((id) => ({ group_id: group.id, member_id: id, member_type: 'user', created_at: now })))
        .execute();
    }
    const initial = await round('/v1.0/groups/delta?$select=displayName,members');
    const parts = initial.entries.filter((entry) => entry.id === group.id);
    expect(parts.length).toBe(3);
    const seen = parts.flatMap((part) => (part['members@delta'] as Entry[]).map((member) => member.id));
    expect(seen).toHaveLength(4500);
    expect(new Set(seen).size).toBe(4500);
  });
});
