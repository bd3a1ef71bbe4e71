import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../src/directory/contacts/contact-repository.js';
import { newOrgContact } from '../../src/directory/contacts/org-contact.js';
import { findUser, updateUser } from '../../src/directory/users/user-repository.js';
import { extendSchemaForExchange } from '../support/exchange-schema.js';
import { hasSamba, startSambaDc, type SambaDc } from '../support/samba-ad.js';
import { storeKinds, type StoreKind } from '../support/stores.js';
import { createGroup, createUser, job, logs, pauseAndSettle, startEngineService, type EngineTestService, type Graph, type ScimApp } from './support/engine-fixture.js';

const cloudSyncTemplateId = '1a4721b3-e57f-4451-ae87-ef078703ec94';
const legacyDnPrefix = '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=';

interface CloudSync {
  readonly servicePrincipalId: string;
  readonly provisioning: ScimApp;
  readonly writeback: ScimApp;
}

/** Seed 001's setup: the cloud sync service principal with the AD2AADProvisioning and writeback jobs. */
async function createCloudSync(graph: Graph, name: string): Promise<CloudSync> {
  const created = await graph('POST', `/applicationTemplates/${cloudSyncTemplateId}/instantiate`, { displayName: name });
  expect(created.status).toBe(201);
  const servicePrincipalId = created.body.servicePrincipal.id as string;
  const jobs = `/servicePrincipals/${servicePrincipalId}/synchronization/jobs`;
  const createJob = async (templateId: string): Promise<ScimApp> => {
    const response = await graph('POST', jobs, { templateId });
    expect(response.status).toBe(201);
    const schema = await graph('GET', `${jobs}/${response.body.id}/schema`);
    return { servicePrincipalId, jobId: response.body.id, jobPath: `${jobs}/${response.body.id}`, ruleId: schema.body.synchronizationRules[0].id };
  };
  return { servicePrincipalId, provisioning: await createJob('AD2AADProvisioning'), writeback: await createJob('AAD2ADExchangeHybridWriteback') };
}

async function putSecrets(graph: Graph, sync: CloudSync, secrets: ReadonlyMap<string, string>): Promise<void> {
  const value = [...secrets].map(([key, v]) => ({ key, value: v }));
  expect((await graph('PUT', `/servicePrincipals/${sync.servicePrincipalId}/synchronization/secrets`, { value })).status).toBe(204);
}

/** POST …/directories/{id}/discover on a job's Active Directory directory. */
async function discoverActiveDirectory(graph: Graph, app: ScimApp) {
  const schema = await graph('GET', `${app.jobPath}/schema`);
  const directory = (schema.body.directories as { id: string; name: string }[]).find((d) => d.name === 'Active Directory')!;
  return graph('POST', `${app.jobPath}/schema/directories/${directory.id}/discover`);
}

function attributeNames(discovered: { objects: { name: string; attributes: { name: string }[] }[] }, object: string): string[] {
  return discovered.objects.find((o) => o.name === object)?.attributes.map((a) => a.name.toLowerCase()) ?? [];
}

describe.skipIf(!hasSamba)('writeback to Samba AD: Exchange hybrid writeback (seed 001, engine-behavior §5.5) and group provisioning (§5.7)', () => {
  let dc: SambaDc;
  const services = new Map<StoreKind, EngineTestService>();
  const syncs = new Map<StoreKind, CloudSync>();

  beforeAll(async () => {
    const [started] = await Promise.all([
      startSambaDc({ globalParameters: { 'dsdb:schema update allowed': 'true' } }),
      ...storeKinds.map(async (kind) => services.set(kind, await startEngineService(kind, { scim: { timeoutMs: 5_000 } }))),
    ]);
    dc = started;
    for (const [kind, t] of services) syncs.set(kind, await createCloudSync(t.graph, `writeback-${kind}.example.test`));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...services.values()].map((t) => t.dispose()));
    await dc?.stop();
  });

  it('starts with only the Domain secret (the cycle reports the missing connection), then refuses a start while the schema lacks Exchange', async () => {
    for (const [kind, t] of services) {
      const sync = syncs.get(kind)!;
      await putSecrets(t.graph, sync, new Map([['Domain', JSON.stringify({ domain: dc.domain })]]));
      const next = t.watcher.next(sync.writeback.jobId);
      expect((await t.graph('POST', `${sync.writeback.jobPath}/start`)).status).toBe(204);
      expect(await next).toMatchObject({ state: 'Failed' });
      // The shape every flow gives missing connection secrets (cloud sync's test asserts the same).
      const { status } = await job(t.graph, sync.writeback);
      expect(status.lastExecution.error).toMatchObject({
        code: 'InvalidConfiguration',
        message:
          'The directory connection is not configured: the Server, UserName and Password secrets are missing. ' +
          'Save the Domain (or BaseDN), Server, UserName and Password secrets of the directory connection (docs/connect-active-directory.md), then restart the job.',
      });
      expect(status.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException' });
      expect((await t.graph('POST', `${sync.writeback.jobPath}/pause`)).status).toBe(204);

      await putSecrets(t.graph, sync, dc.secrets({ Password: 'wrong-password' }));
      const refused = await discoverActiveDirectory(t.graph, sync.provisioning);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'InvalidCredentials' });

      await putSecrets(t.graph, sync, dc.secrets());
      const discovered = await discoverActiveDirectory(t.graph, sync.provisioning);
      expect(discovered.status, JSON.stringify(discovered.body)).toBe(200);
      expect(attributeNames(discovered.body, 'user')).toContain('proxyaddresses');
      expect(attributeNames(discovered.body, 'user')).not.toContain('mailnickname');
      // The job schema keeps the definitions its mappings use (mailNickname flows to the directory when present).
      const stored = await t.graph('GET', `${sync.provisioning.jobPath}/schema`);
      expect(attributeNames(stored.body.directories.find((d: { name: string }) => d.name === 'Active Directory'), 'user')).toContain('mailnickname');

      const start = await t.graph('POST', `${sync.writeback.jobPath}/start`);
      expect(start.status).toBe(400);
      expect(start.body.error.code).toBe('DirectorySchemaIncomplete');
      expect(start.body.error.message).toMatch(/user lacks msDS-ExternalDirectoryObjectId, msExchArchiveStatus, msExchBlockedSendersHash/);
      expect(start.body.error.message).toContain('/PrepareSchema');
      const restart = await t.graph('POST', `${sync.writeback.jobPath}/restart`, { criteria: { resetScope: 'Full' } });
      expect(restart.body.error?.code).toBe('DirectorySchemaIncomplete');
    }
  });

  it('discover shows mailNickname under user once the schema is extended for Exchange', async () => {
    await extendSchemaForExchange(dc);
    for (const [kind, t] of services) {
      const sync = syncs.get(kind)!;
      const discovered = await discoverActiveDirectory(t.graph, sync.provisioning);
      expect(discovered.status).toBe(200);
      expect(discovered.body).toMatchObject({ name: 'Active Directory', discoverabilities: 'AttributeNames, AttributeDataTypes, AttributeReadOnly, ReferenceAttributes' });
      expect(Date.parse(discovered.body.discoveryDateTime)).toBeGreaterThan(Date.now() - 60_000);
      const user = discovered.body.objects.find((o: { name: string }) => o.name === 'user');
      const byName = (name: string) => user.attributes.find((a: { name: string }) => a.name === name);
      expect(byName('mailNickname')).toMatchObject({ type: 'String', multivalued: false });
      expect(byName('objectGUID')).toMatchObject({ type: 'Binary', anchor: true, mutability: 'ReadOnly' });
      expect(byName('proxyAddresses')).toMatchObject({ type: 'String', multivalued: true });
      expect(byName('manager')).toMatchObject({ type: 'Reference', referencedObjects: expect.arrayContaining([expect.objectContaining({ referencedObjectName: 'user' })]) });
      expect(byName('msExchBlockedSendersHash')).toMatchObject({ type: 'Binary' });
      expect(byName('userAccountControl')).toMatchObject({ type: 'Integer' });
      // Provisio's computed attributes stay: the seed's CredentialData mapping reads PasswordHash.
      expect(byName('PasswordHash')).toBeDefined();
      expect(attributeNames(discovered.body, 'inetOrgPerson')).toContain('mailnickname');
      expect(attributeNames(discovered.body, 'group')).toContain('member');
      // The job schema keeps what was discovered.
      const stored = await t.graph('GET', `${sync.provisioning.jobPath}/schema`);
      const directory = stored.body.directories.find((d: { name: string }) => d.name === 'Active Directory');
      expect(directory.discoveryDateTime).toBe(discovered.body.discoveryDateTime);
      expect(attributeNames(directory, 'user')).toContain('msexchsafesendershash');
    }
  });

  it.each(storeKinds)('writes the Exchange attributes to the AD users and contacts the directory objects came from, adding X500 addresses without removing others (%s)', async (kind) => {
    const t = services.get(kind)!;
    const sync = syncs.get(kind)!;
    const guidOf = async (dn: string): Promise<Buffer> => {
      const client = await dc.adminClient();
      try {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['objectGUID'], explicitBufferAttributes: ['objectGUID'] });
        return searchEntries[0]!.objectGUID as Buffer;
      } finally {
        await client.unbind();
      }
    };
    const readAd = async (dn: string) => {
      const client = await dc.adminClient();
      try {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['msDS-ExternalDirectoryObjectId', 'proxyAddresses'] });
        const entry = searchEntries[0]!;
        const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
        // ldapts lists requested attributes that are absent as empty arrays.
        return { anchor: list(entry['msDS-ExternalDirectoryObjectId'])[0], proxyAddresses: list(entry.proxyAddresses).sort() };
      } finally {
        await client.unbind();
      }
    };
    const ou = await dc.createOu(`Exchange-${kind}`);
    const ad = {
      alice: await dc.createUser({ name: `alice-${kind}`, parentDn: ou }),
      bob: await dc.createUser({ name: `bob-${kind}`, parentDn: ou }),
      carol: await dc.createUser({ name: `carol-${kind}`, parentDn: ou, attributes: { proxyAddresses: [`SMTP:carol-${kind}@${dc.domain}`] } }),
      dave: await dc.createUser({ name: `dave-${kind}`, parentDn: ou }),
    };
    const synced = async (alias: string, dn: string | undefined, extra: Record<string, unknown> = {}) =>
      createUser(t, `${alias}-${kind}`, {
        onPremisesSyncEnabled: true,
        onPremisesImmutableId: (dn === undefined ? randomBytes(16) : await guidOf(dn)).toString('base64'),
        ...extra,
      });
    const alice = await synced('alice', ad.alice.dn, { mail: `alice-${kind}@${dc.domain}` });
    const bob = await synced('bob', ad.bob.dn);
    const carol = await synced('carol', ad.carol.dn, { mail: `carol-${kind}@${dc.domain}` });
    // Not from AD: nothing is written for it, even with an immutable id of an AD user.
    await createUser(t, `dave-${kind}`, { onPremisesImmutableId: (await guidOf(ad.dave.dn)).toString('base64'), mail: `dave-${kind}@${dc.domain}` });
    // From AD, but its AD object is gone: writeback never creates one.
    await synced('erin', undefined, { mail: `erin-${kind}@${dc.domain}` });
    // A mail contact, as directory synchronization writes contacts (Graph cannot create them).
    const contactDn = `CN=frank-${kind},${ou}`;
    const admin = await dc.adminClient();
    await admin.add(contactDn, { objectClass: ['top', 'person', 'organizationalPerson', 'contact'], cn: `frank-${kind}` });
    await admin.unbind();
    const frank = newOrgContact({ id: randomUUID(), displayName: `Frank ${kind}`, mail: `frank-${kind}@fabrikam.example`, mailNickname: `frank-${kind}`, onPremisesSyncEnabled: true });
    await insertContact(t.service.context.store.db, frank, (await guidOf(contactDn)).toString('base64'));

    const next = t.watcher.next(sync.writeback.jobId);
    const started = await t.graph('POST', `${sync.writeback.jobPath}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(204);
    const cycle = await next;
    expect(cycle).toMatchObject({ kind: 'full', state: 'Succeeded' });

    const x500 = (user: { id: string }, alias: string) => `X500:${legacyDnPrefix}${user.id.replace(/-/g, '')}-${alias}`;
    expect(await readAd(ad.alice.dn)).toEqual({ anchor: `User_${alice.id}`, proxyAddresses: [x500(alice, `alice-${kind}`)] });
    // No mail: not mail-enabled, so no legacy DN and no X500 address.
    expect(await readAd(ad.bob.dn)).toEqual({ anchor: `User_${bob.id}`, proxyAddresses: [] });
    expect(await readAd(ad.carol.dn)).toEqual({ anchor: `User_${carol.id}`, proxyAddresses: [`SMTP:carol-${kind}@${dc.domain}`, x500(carol, `carol-${kind}`)].sort() });
    expect(await readAd(ad.dave.dn)).toEqual({ anchor: undefined, proxyAddresses: [] });
    expect((await readAd(contactDn)).proxyAddresses).toEqual([x500(frank, `frank-${kind}`)]);
    const client = await dc.adminClient();
    const { searchEntries } = await client.search(dc.baseDn, { filter: `(sAMAccountName=erin-${kind})` });
    await client.unbind();
    expect(searchEntries).toHaveLength(0);

    const status = (await job(t.graph, sync.writeback)).status;
    // Cycles go on every 300 ms here; the first one exported.
    expect(status.lastSuccessfulExecutionWithExports).toMatchObject({ activityIdentifier: cycle.cycleId, countExported: 4, countEscrowed: 0 });
    expect(status.synchronizedEntryCountByType).toEqual([
      { key: 'User to user', value: 3 },
      { key: 'Contact to contact', value: 1 },
    ]);
    const records = await logs(t.graph, sync.writeback);
    expect(records.filter((r) => r.provisioningAction === 'update').map((r) => r.sourceIdentity.id).sort()).toEqual([alice.id, bob.id, carol.id, frank.id].sort());
    expect(records.every((r) => r.provisioningStatusInfo.status !== 'failure')).toBe(true);

    // Moved in AD, renamed in the cloud: the link holds through objectGUID and the old X500 address stays.
    const mover = await dc.adminClient();
    await mover.modifyDN(ad.alice.dn, `CN=alice-moved-${kind},CN=Users,${dc.baseDn}`);
    await mover.unbind();
    // The alias is AD-mastered (Graph refuses the change): written as directory synchronization writes it.
    const db = t.service.context.store.db;
    const stored = (await findUser(db, alice.id))!;
    await updateUser(db, { ...stored.user, mailNickname: `alice2-${kind}` }, ['mailNickname']);
    // A cycle that starts after the change sees it.
    expect(await t.watcher.next(sync.writeback.jobId)).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
    expect(await readAd(`CN=alice-moved-${kind},CN=Users,${dc.baseDn}`)).toEqual({
      anchor: `User_${alice.id}`,
      proxyAddresses: [x500(alice, `alice-${kind}`), x500(alice, `alice2-${kind}`)].sort(),
    });

    // A bind the DC refuses stops the job; the object that met it is logged with the directory's advice.
    await pauseAndSettle(t, sync.writeback);
    await putSecrets(t.graph, sync, dc.secrets({ Password: 'wrong-password' }));
    await updateUser(db, { ...(await findUser(db, alice.id))!.user, mailNickname: `alice3-${kind}` }, ['mailNickname']);
    const refusedCycle = t.watcher.next(sync.writeback.jobId);
    expect((await t.graph('POST', `${sync.writeback.jobPath}/start`)).status).toBe(204);
    const refused = await refusedCycle;
    expect(refused).toMatchObject({ state: 'Failed' });
    const [refusedRecord] = await logs(t.graph, sync.writeback, `cycleId eq '${refused.cycleId}'`);
    expect(refusedRecord?.sourceIdentity.id).toBe(alice.id);
    const error = refusedRecord?.provisioningStatusInfo.errorInformation;
    expect(error).toMatchObject({ errorCode: 'InvalidCredentials', recommendedAction: expect.stringMatching(/^The directory refused the bind account\. Check the UserName .* and Password secrets/) });
    expect(error.recommendedAction).not.toMatch(/BaseAddress|secret token/i);
    expect((await job(t.graph, sync.writeback)).status.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', error: { code: 'InvalidCredentials' } });
    expect((await t.graph('POST', `${sync.writeback.jobPath}/pause`)).status).toBe(204);
  });

  it.each(storeKinds)('provisions cloud security groups as universal security groups with their synced members, then removes members and groups (%s)', async (kind) => {
    const t = services.get(kind)!;
    const sync = syncs.get(kind)!;
    const admin = await dc.adminClient();
    const search = async (filter: string) => (await admin.search(dc.baseDn, { filter, attributes: ['cn', 'groupType', 'member', 'displayName'] })).searchEntries;
    const guidOf = async (dn: string) =>
      ((await admin.search(dn, { scope: 'base', attributes: ['objectGUID'], explicitBufferAttributes: ['objectGUID'] })).searchEntries[0]!.objectGUID as Buffer).toString('base64');
    try {
      const ou = await dc.createOu(`Groups-${kind}`);
      const adUsers = await dc.createOu(`GroupMembers-${kind}`);
      const ann = await dc.createUser({ name: `ann-${kind}`, parentDn: adUsers });
      const ben = await dc.createUser({ name: `ben-${kind}`, parentDn: adUsers });
      const synced = async (name: string, dn: string) => createUser(t, `${name}-${kind}`, { onPremisesSyncEnabled: true, onPremisesImmutableId: await guidOf(dn) });
      const annUser = await synced('ann', ann.dn);
      const benUser = await synced('ben', ben.dn);
      const cloudOnly = await createUser(t, `cid-${kind}`);
      const nested = await createGroup(t, `Nested ${kind}`, [annUser.id]);
      const team = await createGroup(t, `Team ${kind}`, [annUser.id, benUser.id, cloudOnly.id, nested.id]);

      await putSecrets(t.graph, sync, dc.secrets({ SyncAgentADContainer: ou }));
      const created = await t.graph('POST', `/servicePrincipals/${sync.servicePrincipalId}/synchronization/jobs`, { templateId: 'AAD2ADGroupProvisioning' });
      expect(created.status).toBe(201);
      const jobPath = `/servicePrincipals/${sync.servicePrincipalId}/synchronization/jobs/${created.body.id}`;
      const first = t.watcher.next(created.body.id);
      const started = await t.graph('POST', `${jobPath}/start`);
      expect(started.status, JSON.stringify(started.body)).toBe(204);
      expect(await first).toMatchObject({ kind: 'full', state: 'Succeeded' });

      const [teamAd] = await search(`(msDS-ExternalDirectoryObjectId=Group_${team.id})`);
      const [nestedAd] = await search(`(msDS-ExternalDirectoryObjectId=Group_${nested.id})`);
      expect(teamAd).toMatchObject({ dn: `CN=Team ${kind}_${team.id.slice(-12)},${ou}`, groupType: '-2147483640', displayName: `Team ${kind}` });
      expect(nestedAd?.dn).toBe(`CN=Nested ${kind}_${nested.id.slice(-12)},${ou}`);
      // The cloud-only member has no AD account: held back, not failed.
      expect([...(teamAd!.member as string[])].sort()).toEqual([ann.dn, ben.dn, nestedAd!.dn].sort());
      expect(nestedAd!.member).toBe(ann.dn);

      expect((await t.graph('DELETE', `/groups/${team.id}/members/${benUser.id}/$ref`)).status).toBe(204);
      expect((await t.graph('DELETE', `/groups/${nested.id}`)).status).toBe(204);
      expect(await t.watcher.next(created.body.id)).toMatchObject({ state: 'Succeeded' });
      const [after] = await search(`(msDS-ExternalDirectoryObjectId=Group_${team.id})`);
      expect(after!.member).toBe(ann.dn);
      expect(await search(`(msDS-ExternalDirectoryObjectId=Group_${nested.id})`)).toEqual([]);
      expect((await t.graph('POST', `${jobPath}/pause`)).status).toBe(204);
    } finally {
      await admin.unbind();
    }
  });
});
