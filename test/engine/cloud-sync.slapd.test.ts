import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidToBase64, LdapConnection, parseGuid, readLdapSettings } from '../../src/connectors/ldap/index.js';
import { cloudSyncApplicationTemplateId } from '../../src/directory/application-templates/ids.js';
import { leaseHolder } from '../../src/engine/index.js';
import { readJobState, writeJobState } from '../../src/engine/state/job-state.js';
import { hasOpenLdap, startOpenLdap, type OpenLdapServer } from '../support/openldap.js';
import { startEngineService, type EngineTestService } from './support/engine-fixture.js';

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
  const synced = async (collection: 'users' | 'groups') =>
    new Map(
      ((await t.graph('GET', `/${collection}?$top=999`)).body.value as Record<string, any>[]) // eslint-disable-line @typescript-eslint/no-explicit-any
        .filter((object) => object.onPremisesSyncEnabled === true)
        .map((object) => [object.displayName as string, object]),
    );
  const members = async (groupId: string) =>
    ((await t.graph('GET', `/groups/${groupId}/members`)).body.value as { displayName: string }[]).map((member) => member.displayName).sort();

  beforeAll(async () => {
    server = await startOpenLdap();
    ldap = await LdapConnection.open(readLdapSettings(server.secrets()));
    await ldap.add(person('alice'), { objectClass: 'inetOrgPerson', uid: 'alice', cn: 'Alice Anders', sn: 'Anders', givenName: 'Alice', mail: 'alice@example.test' });
    await ldap.add(person('bob'), { objectClass: 'inetOrgPerson', uid: 'bob', cn: 'Bob Baker', sn: 'Baker', title: 'Engineer', manager: person('alice') });
    await ldap.add(team(), { objectClass: 'groupOfNames', cn: 'team', member: [person('alice'), person('bob')] });
    t = await startEngineService('sqlite', { ldapDeletionCheckIntervalMs: 0 });
    const created = await t.graph('POST', `/applicationTemplates/${cloudSyncApplicationTemplateId}/instantiate`, { displayName: server.baseDn });
    const sp = created.body.servicePrincipal.id as string;
    const job = await t.graph('POST', `/servicePrincipals/${sp}/synchronization/jobs`, { templateId: 'AD2AADProvisioning' });
    jobId = job.body.id;
    jobPath = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`;
    const value = [...server.secrets()].map(([key, secret]) => ({ key, value: secret }));
    expect((await t.graph('PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { value })).status).toBe(204);
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
    expect((await t.graph('POST', `${jobPath}/pause`)).status).toBe(204);
    while (await leaseHolder(db, jobId)) await new Promise((resolve) => setTimeout(resolve, 50));
    // A watermark another delta method wrote (e.g. the job pointed at another directory).
    await writeJobState(db, jobId, { ...(await readJobState(db, jobId)), watermark: 'dirsync:AAAA' }, new Date());
    const failed = await cycle('start');
    expect(failed).toMatchObject({ kind: 'incremental', state: 'Failed' });
    expect((await t.graph('GET', jobPath)).body.status.lastExecution.error).toMatchObject({ code: 'WatermarkExpired' });
    const after = t.watcher.ended.indexOf(failed);
    while (!t.watcher.ended.slice(after + 1).some((event) => event.jobId === jobId)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.watcher.ended.slice(after + 1).find((event) => event.jobId === jobId)).toMatchObject({ kind: 'full', state: 'Succeeded' });
  });
});
