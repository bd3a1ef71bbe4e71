import { Attribute, Change, Control, type Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSid, guidToBase64 } from '../../src/connectors/ldap/index.js';
import { hasPostgres } from '../support/postgres.js';
import { hasSamba, startSambaDc, type SambaDc } from '../support/samba-ad.js';
import { createCloudSyncJob, synced, type CloudSyncJob } from './support/cloud-sync-job.js';
import { job as jobOf, logs, pauseAndSettle, runCycle as runJobCycle, startEngineService, type EngineTestService, type Graph } from './support/engine-fixture.js';

async function members(graph: Graph, groupId: string): Promise<string[]> {
  const page = await graph('GET', `/groups/${groupId}/members?$top=999`);
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  return page.body.value.map((member: { displayName: string }) => member.displayName).sort();
}

/** LDAP_SERVER_TREE_DELETE_OID: deletes an OU with everything in it, in one request. */
const treeDeleteControl = '1.2.840.113556.1.4.805';

const replace = (attribute: string, ...values: string[]) => new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values }) });

/**
 * Cloud sync end to end (seeds 000 and 001 made real): a throw-away Samba AD DC, the cloud sync application
 * instantiated through Graph, the AD2AADProvisioning job with the Domain, Server, UserName and Password
 * secrets and an OU scope, and the directory it fills — read back through Graph.
 */
describe.skipIf(!hasSamba)('cloud sync from Active Directory (Samba AD DC)', () => {
  let dc: SambaDc;
  let ad: Client;
  let t: EngineTestService;
  let app: CloudSyncJob;
  const dn: Record<string, string> = {};

  const status = async (job: CloudSyncJob = app) => (await jobOf(t.graph, job)).status;
  const pause = (job: CloudSyncJob = app) => pauseAndSettle(t, job);
  /** Starts (or restarts) the job and waits for the cycle that runs. */
  const runCycle = (job: CloudSyncJob = app, restart?: string) => runJobCycle(t, job, restart ? { resetScope: restart } : 'start', 90_000);
  const objectGuid = async (entryDn: string) => {
    const { searchEntries } = await ad.search(entryDn, { scope: 'base', attributes: ['objectGUID', 'objectSid'], explicitBufferAttributes: ['objectGUID', 'objectSid'] });
    return { immutableId: guidToBase64(searchEntries[0]!.objectGUID as Buffer), sid: formatSid(searchEntries[0]!.objectSid as Buffer) };
  };
  const secrets = () => Object.fromEntries(dc.secrets());

  beforeAll(async () => {
    dc = await startSambaDc();
    ad = await dc.adminClient();
    dn.staff = await dc.createOu('Staff');
    dn.groups = await dc.createOu('Groups');
    dn.elsewhere = await dc.createOu('Elsewhere');
    const user = async (name: string, attributes: Record<string, string | string[]> = {}, parentDn = dn.staff!) =>
      (await dc.createUser({ name, parentDn, attributes: { displayName: name, ...attributes } })).dn;
    dn.alice = await user('alice', { givenName: 'Alice', sn: 'Anders', mail: 'alice@example.test', title: 'Lead Engineer', department: 'R&D' });
    dn.bob = await user('bob', { givenName: 'Bob', manager: dn.alice });
    dn.carol = await user('carol', { userAccountControl: '546' });
    dn.dave = await user('dave');
    dn.outsider = await user('outsider', {}, dn.elsewhere);
    dn.ivy = `CN=ivy,${dn.staff}`;
    await ad.add(dn.ivy, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user', 'inetOrgPerson'],
      sAMAccountName: 'ivy',
      userPrincipalName: `ivy@${dc.domain}`,
      displayName: 'ivy',
      userAccountControl: '544',
    });
    dn.vendor = `CN=vendor,${dn.staff}`;
    await ad.add(dn.vendor, { objectClass: ['top', 'person', 'organizationalPerson', 'contact'], displayName: 'vendor', mail: 'sales@vendor.test', givenName: 'Val' });
    dn.leads = await dc.createGroup({ name: 'leads', parentDn: dn.groups, members: [dn.alice] });
    dn.engineers = await dc.createGroup({ name: 'engineers', parentDn: dn.groups, members: [dn.alice, dn.bob, dn.ivy, dn.leads, dn.outsider, dn.vendor] });
    await ad.modify(dn.engineers, [replace('displayName', 'engineers')]);
    t = await startEngineService('sqlite');
    app = await createCloudSyncJob(t.graph, dc.domain, secrets(), [dn.staff, dn.groups]);
  }, 240_000);

  afterAll(async () => {
    await t?.dispose();
    await ad?.unbind();
    await dc?.stop();
  });

  it('provisions the users, inetOrgPersons, groups (nested) and contacts of the OUs in scope, and nothing else', async () => {
    const cycle = await runCycle();
    expect(cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });
    const users = await synced(t.graph, 'users');
    expect([...users.keys()].sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'ivy']);
    const alice = users.get('alice')!;
    const ids = await objectGuid(dn.alice!);
    expect(alice).toMatchObject({
      accountEnabled: true,
      givenName: 'Alice',
      surname: 'Anders',
      jobTitle: 'Lead Engineer',
      department: 'R&D',
      mail: 'alice@example.test',
      onPremisesImmutableId: ids.immutableId,
      onPremisesSecurityIdentifier: ids.sid,
      onPremisesSamAccountName: 'alice',
      onPremisesDistinguishedName: dn.alice,
      onPremisesUserPrincipalName: `alice@${dc.domain}`,
    });
    expect(users.get('carol')!.accountEnabled).toBe(false);
    expect((await t.graph('GET', `/users/${users.get('bob')!.id}/manager`)).body.id).toBe(alice.id);

    const groups = await synced(t.graph, 'groups');
    expect([...groups.keys()].sort()).toEqual(['engineers', 'leads']);
    expect(groups.get('engineers')).toMatchObject({ securityEnabled: true, onPremisesSamAccountName: 'engineers' });
    // The member outside the OUs is dropped; the nested group and the contact stay.
    expect(await members(t.graph, groups.get('engineers')!.id)).toEqual(['alice', 'bob', 'ivy', 'leads', 'vendor']);
    expect(await members(t.graph, groups.get('leads')!.id)).toEqual(['alice']);
    const contacts = await synced(t.graph, 'contacts');
    expect(contacts.get('vendor')).toMatchObject({ mail: 'sales@vendor.test', givenName: 'Val' });

    const job = await status();
    expect(job.code).toBe('Active');
    expect(job.lastExecution).toMatchObject({ state: 'Succeeded', countExported: expect.any(Number) });
    expect(job.synchronizedEntryCountByType).toEqual(
      expect.arrayContaining([
        { key: 'user to User', value: 4 },
        { key: 'inetOrgPerson to User', value: 1 },
        { key: 'group to Group', value: 2 },
        { key: 'contact to Contact', value: 1 },
      ]),
    );
    const records = await logs(t.graph, app, "provisioningAction eq 'create'");
    expect(records.map((record) => record.sourceIdentity.displayName)).toEqual(expect.arrayContaining(['alice', 'engineers', 'vendor']));
  });

  it('reflects a rename, a move out of scope, a disable, a deletion and a membership change in the next cycle', async () => {
    const before = await synced(t.graph, 'users');
    await pause();
    await ad.modify(dn.alice!, [replace('displayName', 'Alice Anders-Smith')]);
    await ad.modifyDN(dn.alice!, `CN=alice2,${dn.staff}`);
    await ad.modifyDN(dn.bob!, `CN=bob,${dn.elsewhere}`);
    await ad.modify(dn.ivy!, [replace('userAccountControl', '546')]);
    await ad.del(dn.dave!);
    await ad.modify(dn.engineers!, [new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [dn.leads!] }) })]);
    const cycle = await runCycle();
    expect(cycle).toMatchObject({ kind: 'incremental', state: 'Succeeded' });

    const users = await synced(t.graph, 'users');
    expect([...users.keys()].sort()).toEqual(['Alice Anders-Smith', 'carol', 'ivy']);
    expect(users.get('Alice Anders-Smith')).toMatchObject({ id: before.get('alice')!.id, onPremisesDistinguishedName: `CN=alice2,${dn.staff}` });
    expect(users.get('ivy')!.accountEnabled).toBe(false);
    // Out of scope and deleted alike go to deleted items, as cloud sync deletes them.
    for (const name of ['bob', 'dave']) {
      expect((await t.graph('GET', `/users/${before.get(name)!.id}`)).status).toBe(404);
      expect((await t.graph('GET', `/directory/deletedItems/${before.get(name)!.id}`)).status).toBe(200);
    }
    const groups = await synced(t.graph, 'groups');
    expect(await members(t.graph, groups.get('engineers')!.id)).toEqual(['Alice Anders-Smith', 'ivy', 'vendor']);
    dn.alice = `CN=alice2,${dn.staff}`;
  });

  it('provisions one user on demand by its distinguished name', async () => {
    await pause();
    const olivia = (await dc.createUser({ name: 'olivia', parentDn: dn.staff, attributes: { displayName: 'olivia' } })).dn;
    const answer = await t.graph('POST', `${app.jobPath}/provisionOnDemand`, {
      parameters: [{ ruleId: app.ruleId, subjects: [{ objectId: olivia, objectTypeName: 'user' }] }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(JSON.parse(answer.body.key)).toMatchObject({ result: 'Success' });
    expect((await synced(t.graph, 'users')).get('olivia')).toMatchObject({ onPremisesDistinguishedName: olivia });
    const missing = await t.graph('POST', `${app.jobPath}/provisionOnDemand`, {
      parameters: [{ ruleId: app.ruleId, subjects: [{ objectId: `CN=nobody,${dn.staff}`, objectTypeName: 'user' }] }],
    });
    expect(missing.status).toBe(404);
  });

  it('holds 600 deletions back at the default threshold of 500 until a restart with ForceDeletes', async () => {
    const bulk = await dc.createOu('Bulk', dn.staff);
    // Written to sam.ldb in one go: ten times faster than 600 LDAP adds on Samba.
    const names = Array.from({ length: 600 }, (_, index) => `bulk${String(index).padStart(3, '0')}`);
    await dc.ldbModify(names.map((name) => `dn: CN=${name},${bulk}\nchangetype: add\nobjectClass: user\nsAMAccountName: ${name}\nuserAccountControl: 544\n`).join('\n'));
    expect(await runCycle()).toMatchObject({ state: 'Succeeded' });
    const bulkUsers = () => synced(t.graph, 'users').then((users) => [...users.keys()].filter((name) => name.startsWith('bulk')).length);
    expect(await bulkUsers()).toBe(600);

    await pause();
    await ad.del(bulk, [new Control(treeDeleteControl)]);
    expect(await runCycle()).toMatchObject({ state: 'EntryLevelErrors' });
    const held = await status();
    expect(held.code).toBe('Quarantine');
    expect(held.quarantine).toMatchObject({ reason: 'TooManyDeletes' });
    expect(held.quarantine.error.message).toMatch(/600 deletes and disables reached the delete threshold of 500/);
    expect(await bulkUsers()).toBe(600);
    // The quarantine's retries stage them again: count the records of the cycle the status reports.
    const staged = await logs(t.graph, app, `provisioningAction eq 'stagedDelete' and cycleId eq '${held.lastExecution.activityIdentifier}'`);
    expect(staged).toHaveLength(600);

    // Paused first: a quarantine retry starting meanwhile would stage the deletes once more.
    await pause();
    expect(await runCycle(app, 'ForceDeletes')).toMatchObject({ state: 'Succeeded' });
    expect(await bulkUsers()).toBe(0);
    expect((await status()).quarantine).toBeNull();
  }, 120_000);

  it('reports a job whose secrets name only the domain, and a wrong password, in its status', async () => {
    const domainOnly = await createCloudSyncJob(t.graph, 'domain only', { Domain: JSON.stringify({ domain: dc.domain }) });
    expect(await runCycle(domainOnly)).toMatchObject({ state: 'Failed' });
    const missing = await status(domainOnly);
    expect(missing.code).toBe('Quarantine');
    // The shape every flow gives missing connection secrets (the writeback test asserts the same).
    expect(missing.lastExecution.error).toMatchObject({
      code: 'InvalidConfiguration',
      message:
        'The directory connection is not configured: the Server, UserName and Password secrets are missing. ' +
        'Save the Domain (or BaseDN), Server, UserName and Password secrets of the directory connection (docs/connect-active-directory.md), then restart the job.',
    });
    expect(missing.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException' });
    await pause(domainOnly);

    const wrong = await createCloudSyncJob(t.graph, 'wrong password', { ...secrets(), Password: 'not-the-password' });
    expect(await runCycle(wrong)).toMatchObject({ state: 'Failed' });
    const refused = (await status(wrong)).lastExecution.error;
    expect(refused).toMatchObject({ code: 'InvalidCredentials', message: expect.stringContaining('rejected the user name or password (invalid password)') });
    // The directory's advice, not a SCIM application's.
    expect(refused.message).toMatch(/\. The directory refused the bind account\. Check the UserName .* and Password secrets/);
    expect(refused.message).not.toMatch(/BaseAddress|secret token/i);
    await pause(wrong);
  });

  it.skipIf(!hasPostgres)('imports the whole domain on PostgreSQL, without its critical system objects', async () => {
    const pg = await startEngineService('postgres');
    try {
      const job = await createCloudSyncJob(pg.graph, dc.domain, secrets());
      const cycle = pg.watcher.next(job.jobId, 90_000);
      expect((await pg.graph('POST', `${job.jobPath}/start`)).status).toBe(204);
      expect(await cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });
      // Administrator, Guest and krbtgt are critical system objects; the OUs' users all come.
      const users = await synced(pg.graph, 'users');
      expect([...users.keys()].sort()).toEqual(['Alice Anders-Smith', 'bob', 'carol', 'ivy', 'olivia', 'outsider']);
      const groups = await synced(pg.graph, 'groups');
      expect(groups.has('Domain Users')).toBe(false);
      expect(await members(pg.graph, groups.get('engineers')!.id)).toEqual(['Alice Anders-Smith', 'bob', 'ivy', 'outsider', 'vendor']);
    } finally {
      await pg.dispose();
    }
  });
});
