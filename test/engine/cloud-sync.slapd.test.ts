import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidToBase64, LdapConnection, parseGuid, readLdapSettings } from '../../src/connectors/ldap/index.js';
import { readJobState, writeJobState } from '../../src/engine/state/job-state.js';
import { hasOpenLdap, startOpenLdap, type OpenLdapServer } from '../support/openldap.js';
import { createCloudSyncJob, synced as syncedObjects } from './support/cloud-sync-job.js';
import { pauseAndSettle, startEngineService, type EngineTestService } from './support/engine-fixture.js';

/**
 * The cloud sync job against an OpenLDAP tree: inetOrgPersons and groupOfNames under the AD schema's names
 * (entryUUID as the anchor), changes by entryCSN, deletions found by comparing entryUUIDs.
 */
describe.skipIf(!hasOpenLdap)('cloud sync from OpenLDAP', () => {
  let server: OpenLdapServer;
  let ldap: LdapConnection;
  let t: EngineTestService;
  let jobId: string;
  let jobPath: string;
  const person = (uid: string) => `uid=${uid},ou=People,${server.baseDn}`;
  const team = () => `cn=team,ou=Groups,${server.baseDn}`;

  const cycle = async (action: 'start' | 'next') => {
    const next = t.watcher.next(jobId, 60_000);
    if (action === 'start') expect((await t.graph('POST', `${jobPath}/start`)).status).toBe(204);
    return next;
  };
  const synced = (collection: 'users' | 'groups') => syncedObjects(t.graph, collection);
  const members = async (groupId: string) =>
    ((await t.graph('GET', `/groups/${groupId}/members`)).body.value as { displayName: string }[]).map((member) => member.displayName).sort();

  beforeAll(async () => {
    server = await startOpenLdap();
    ldap = await LdapConnection.open(readLdapSettings(server.secrets()));
    await ldap.add(person('alice'), { objectClass: 'inetOrgPerson', uid: 'alice', cn: 'Alice Anders', sn: 'Anders', givenName: 'Alice', mail: 'alice@example.test' });
    await ldap.add(person('bob'), { objectClass: 'inetOrgPerson', uid: 'bob', cn: 'Bob Baker', sn: 'Baker', title: 'Engineer', manager: person('alice') });
    await ldap.add(team(), { objectClass: 'groupOfNames', cn: 'team', member: [person('alice'), person('bob')] });
    t = await startEngineService('sqlite', { ldapDeletionCheckIntervalMs: 0 });
    ({ jobId, jobPath } = await createCloudSyncJob(t.graph, server.baseDn, Object.fromEntries(server.secrets())));
  }, 60_000);

  afterAll(async () => {
    await t?.dispose();
    await ldap?.close();
    await server?.stop();
  });

  it('provisions the people and groups with their anchors, manager and members', async () => {
    expect(await cycle('start')).toMatchObject({ kind: 'full', state: 'Succeeded' });
    const users = await synced('users');
    expect([...users.keys()].sort()).toEqual(['Alice Anders', 'Bob Baker']);
    const uuid = (await ldap.read(person('alice'), ['entryUUID']))!.text('entryUUID')!;
    const alice = users.get('Alice Anders')!;
    expect(alice).toMatchObject({
      onPremisesImmutableId: guidToBase64(parseGuid(uuid)),
      onPremisesSamAccountName: 'alice',
      onPremisesDistinguishedName: person('alice'),
      mail: 'alice@example.test',
      accountEnabled: true,
    });
    expect((await t.graph('GET', `/users/${users.get('Bob Baker')!.id}/manager`)).body.id).toBe(alice.id);
    expect((await synced('groups')).get('team')).toMatchObject({ mailNickname: 'team', onPremisesSamAccountName: 'team', securityEnabled: true });
    expect(await members((await synced('groups')).get('team')!.id)).toEqual(['Alice Anders', 'Bob Baker']);
  });

  it('applies changes and deletions in the next cycle', async () => {
    const before = await synced('users');
    await ldap.modify(person('bob'), [{ operation: 'replace', attribute: 'title', values: ['Staff Engineer'] }]);
    await ldap.modify(team(), [{ operation: 'delete', attribute: 'member', values: [person('alice')] }]);
    await ldap.delete(person('alice'));
    expect(await cycle('next')).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    const users = await synced('users');
    expect([...users.keys()]).toEqual(['Bob Baker']);
    expect(users.get('Bob Baker')!.jobTitle).toBe('Staff Engineer');
    expect((await t.graph('GET', `/users/${before.get('Alice Anders')!.id}`)).status).toBe(404);
    expect(await members((await synced('groups')).get('team')!.id)).toEqual(['Bob Baker']);
  });

  it('runs a full cycle at once when the directory cannot continue from the watermark', async () => {
    const db = t.service.context.store.db;
    await pauseAndSettle(t, { jobId, jobPath });
    // A watermark another delta method wrote (e.g. the job pointed at another directory).
    await writeJobState(db, jobId, { ...(await readJobState(db, jobId)), watermark: 'dirsync:AAAA' }, new Date());
    const failed = await cycle('start');
    expect(failed).toMatchObject({ kind: 'incremental', state: 'Failed' });
    expect((await t.graph('GET', jobPath)).body.status.lastExecution.error).toMatchObject({ code: 'WatermarkExpired' });
    const after = t.watcher.ended.indexOf(failed);
    while (!t.watcher.ended.slice(after + 1).some((event) => event.jobId === jobId)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.watcher.ended.slice(after + 1).find((event) => event.jobId === jobId)).toMatchObject({ kind: 'full', state: 'Succeeded' });
  });

  it('reads the containers within the domain and names in the status the one outside it that it ignored', async () => {
    await pauseAndSettle(t, { jobId, jobPath });
    const mistyped = 'ou=People,dc=exmaple,dc=test';
    const scoped = await createCloudSyncJob(t.graph, `${server.baseDn} scoped`, Object.fromEntries(server.secrets()), [`ou=People,${server.baseDn}`, mistyped]);
    const next = t.watcher.next(scoped.jobId, 60_000);
    expect((await t.graph('POST', `${scoped.jobPath}/start`)).status).toBe(204);
    expect(await next).toMatchObject({ kind: 'full', state: 'EntryLevelErrors' });
    const { lastExecution } = (await t.graph('GET', scoped.jobPath)).body.status;
    expect(lastExecution).toMatchObject({ countImported: 1, countEscrowed: 0 });
    expect(lastExecution.error).toMatchObject({
      code: 'ContainerOutsideDomain',
      message: expect.stringContaining(`The containerFilter entry '${mistyped}' is outside the domain's naming context '${readLdapSettings(server.secrets()).baseDn}' and was ignored`),
      tenantActionable: true,
    });
    await pauseAndSettle(t, scoped);
  });

  it('names in the status a container within the domain that does not exist, in full and incremental cycles', async () => {
    const missing = `ou=Staf,${server.baseDn}`;
    const scoped = await createCloudSyncJob(t.graph, `${server.baseDn} missing OU`, Object.fromEntries(server.secrets()), [`ou=People,${server.baseDn}`, missing]);
    for (const kind of ['full', 'incremental']) {
      const next = t.watcher.next(scoped.jobId, 60_000);
      expect((await t.graph('POST', `${scoped.jobPath}/start`)).status).toBe(204);
      expect(await next).toMatchObject({ kind, state: 'EntryLevelErrors' });
      expect((await t.graph('GET', scoped.jobPath)).body.status.lastExecution.error).toMatchObject({
        code: 'ContainerNotFound',
        message: expect.stringContaining(`The containerFilter entry '${missing}' does not exist in the directory`),
        tenantActionable: true,
      });
    }
    await pauseAndSettle(t, scoped);
  });
});
