import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenLdap, startOpenLdap, type OpenLdapServer } from '../../../test/support/openldap.js';
import { formatGuid, LdapConnection, readLdapSettings } from '../../connectors/ldap/index.js';
import { findSynchronizationTemplate } from '../../sync/templates/index.js';
import type { SourceObject } from '../connectors/source-connector.js';
import { JobLevelFailure, WatermarkExpiredError } from '../engine-errors.js';
import { LdapSource, type ProvisionedObjects } from './ldap-source.js';
import { ldapSourceSchema } from './ldap-source-schema.js';

/** The LDAP source over a real slapd: OpenLDAP's people and groups under the cloud sync schema's AD names. */
const template = findSynchronizationTemplate('AD2AADProvisioning')!.schema!;
const ruleId = template.synchronizationRules[0]!.id;

class Links implements ProvisionedObjects {
  readonly links = new Map<string, string>();

  async *all(): AsyncGenerator<readonly (readonly [string, string])[]> {
    yield [...this.links];
  }

  async typesOf(anchors: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return new Map(anchors.flatMap((anchor) => (this.links.has(anchor) ? [[anchor, this.links.get(anchor)!] as const] : [])));
  }

  keep(objects: readonly SourceObject[]): void {
    for (const object of objects) if (object.entitled) this.links.set(object.id, object.objectType);
  }
}

async function collect(source: LdapSource, type: string): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  for await (const page of source.fullImport(type, 2)) objects.push(...page);
  return objects;
}

describe.skipIf(!hasOpenLdap)('LDAP source against OpenLDAP', () => {
  let server: OpenLdapServer;
  let admin: LdapConnection;
  const links = new Links();
  const person = (uid: string, ou = 'People'): string => `uid=${uid},ou=${ou},${server.baseDn}`;
  const group = (cn: string): string => `cn=${cn},ou=Groups,${server.baseDn}`;
  const source = (containers: readonly string[] = [`ou=People,${server.baseDn}`, `ou=Groups,${server.baseDn}`]): LdapSource => {
    const schema = ldapSourceSchema(
      { ...template, synchronizationRules: [{ ...template.synchronizationRules[0]!, containerFilter: { includedContainers: containers } }] },
      ruleId,
    );
    return new LdapSource({ settings: readLdapSettings(server.secrets()), schema, provisioned: links, deletionCheckIntervalMs: 0 });
  };

  beforeAll(async () => {
    server = await startOpenLdap();
    admin = await LdapConnection.open(readLdapSettings(server.secrets()));
    await admin.add(`ou=Other,${server.baseDn}`, { objectClass: 'organizationalUnit', ou: 'Other' });
    await admin.add(person('alice'), { objectClass: 'inetOrgPerson', uid: 'alice', cn: 'Alice Anders', sn: 'Anders', displayName: 'Alice A.', mail: 'alice@example.test' });
    await admin.add(person('bob'), { objectClass: 'inetOrgPerson', uid: 'bob', cn: 'Bob Baker', sn: 'Baker', manager: person('alice'), title: 'Engineer' });
    await admin.add(person('carol', 'Other'), { objectClass: 'inetOrgPerson', uid: 'carol', cn: 'Carol Cruz', sn: 'Cruz' });
    await admin.add(group('leads'), { objectClass: 'groupOfNames', cn: 'leads', member: [person('alice')] });
    await admin.add(group('engineers'), { objectClass: 'groupOfNames', cn: 'engineers', member: [person('alice'), person('bob'), person('carol', 'Other'), group('leads')] });
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await server?.stop();
  });

  it('imports the OUs in scope with AD attribute names, references as anchors, members out of scope dropped', async () => {
    const ldap = source();
    try {
      const people = await collect(ldap, 'inetOrgPerson');
      const groups = await collect(ldap, 'group');
      expect(await ldap.countInScope('inetOrgPerson')).toBe(2);
      expect(await collect(ldap, 'user')).toEqual([]);
      links.keep([...people, ...groups]);
      const byName = new Map([...people, ...groups].map((object) => [object.displayName, object]));
      expect([...byName.keys()].sort()).toEqual(['Alice A.', 'Bob Baker', 'engineers', 'leads']);
      const alice = byName.get('Alice A.')!;
      const bob = byName.get('Bob Baker')!;
      const uuid = (await admin.read(person('alice'), ['entryUUID']))!.text('entryUUID');
      expect(alice).toMatchObject({ id: uuid, objectType: 'inetOrgPerson', state: 'live', entitled: true, enabled: true });
      expect(alice.attributes).toMatchObject({ sAMAccountName: 'alice', cn: 'Alice Anders', mail: 'alice@example.test', distinguishedName: person('alice') });
      expect(formatGuid(alice.attributes.objectGUID as Buffer)).toBe(uuid);
      expect(bob.attributes).toMatchObject({ manager: alice.id, title: 'Engineer', parentDistinguishedName: `ou=People,${server.baseDn}` });
      const engineers = byName.get('engineers')!;
      expect(new Set(engineers.attributes.member as string[])).toEqual(new Set([alice.id, bob.id, byName.get('leads')!.id]));
    } finally {
      await ldap.close();
    }
  });

  it('scopes by the groupFilter: direct members of its groups only', async () => {
    const rule = { ...template.synchronizationRules[0]!, groupFilter: { includedGroups: [group('leads')] } };
    const schema = ldapSourceSchema({ ...template, synchronizationRules: [rule] }, ruleId);
    const ldap = new LdapSource({ settings: readLdapSettings(server.secrets()), schema, provisioned: new Links() });
    try {
      expect((await collect(ldap, 'inetOrgPerson')).map((object) => object.displayName)).toEqual(['Alice A.']);
      expect(await collect(ldap, 'group')).toEqual([]);
      const [bob] = await ldap.readSubjects('inetOrgPerson', [person('bob')]);
      expect(bob).toMatchObject({ entitled: false });
      // Joining the scoping group does not touch bob's entryCSN: the group's change brings him into scope.
      const watermark = await ldap.currentWatermark();
      await admin.modify(group('leads'), [{ operation: 'add', attribute: 'member', values: [person('bob')] }]);
      const delta = await ldap.incrementalImport(watermark, 1000);
      expect(delta.changes.objects.get(bob!.id)).toBe('inetOrgPerson');
      expect((await ldap.readObjects('inetOrgPerson', [bob!.id]))[0]).toMatchObject({ entitled: true });
    } finally {
      await ldap.close();
    }
  });

  it('reads changes from the watermark: renames and moves out of scope, group changes, deletions', async () => {
    const first = source();
    const watermark = await first.currentWatermark();
    await first.close();
    await admin.modify(person('alice'), [{ operation: 'replace', attribute: 'title', values: ['Lead'] }]);
    await admin.modifyDn(person('bob'), 'uid=bob', `ou=Other,${server.baseDn}`);
    await admin.modify(group('leads'), [{ operation: 'add', attribute: 'member', values: [person('carol', 'Other')] }]);
    const uuidOf = async (dn: string) => (await admin.read(dn, ['entryUUID']))!.text('entryUUID')!;
    const leads = await uuidOf(group('leads'));
    const [alice, bob] = [await uuidOf(person('alice')), await uuidOf(person('bob', 'Other'))];

    const next = source();
    try {
      const delta = await next.incrementalImport(watermark, 1000);
      expect(new Map(delta.changes.objects)).toEqual(new Map([[alice, 'inetOrgPerson'], [bob, 'inetOrgPerson'], [leads, 'group']]));
      expect(delta.changes.reconcileGroups).toEqual([leads]);
      const [readAlice, readBob, unknown] = await next.readObjects('inetOrgPerson', [alice, bob, '7d5a0bbe-0000-4000-8000-000000000000']);
      expect(readAlice).toMatchObject({ entitled: true, attributes: { title: 'Lead' } });
      expect(readBob).toMatchObject({ state: 'live', entitled: false, attributes: { distinguishedName: person('bob', 'Other') } });
      expect(unknown).toMatchObject({ state: 'gone', objectType: 'inetOrgPerson' });
      expect(await next.groupsContaining([alice])).toEqual(new Map([[alice, expect.arrayContaining([leads])]]));

      await admin.delete(person('alice'));
      const deleted = await next.incrementalImport(delta.watermark, 1000);
      expect(deleted.changes.objects.get(alice)).toBe('inetOrgPerson');
      expect((await next.readObjects('inetOrgPerson', [alice]))[0]?.state).toBe('gone');
      const expired = await next.incrementalImport('usn:00000000-0000-0000-0000-000000000000:1', 1000).catch((error: unknown) => error);
      expect(expired).toBeInstanceOf(WatermarkExpiredError);
    } finally {
      await next.close();
    }
  });

  it('resolves provisionOnDemand subjects by distinguished name', async () => {
    const ldap = source();
    try {
      const [carol] = await ldap.readSubjects('inetOrgPerson', [person('carol', 'Other')]);
      expect(carol).toMatchObject({ objectType: 'inetOrgPerson', entitled: false, attributes: { sAMAccountName: 'carol' } });
      expect(await ldap.readSubjects('inetOrgPerson', [person('nobody')])).toEqual([]);
    } finally {
      await ldap.close();
    }
  });

  it('stops the cycle with the directory error: missing OU is empty, a wrong password or no server is a job-level failure', async () => {
    expect(await collect(source([`ou=Gone,${server.baseDn}`]), 'inetOrgPerson')).toEqual([]);
    const wrong = new LdapSource({
      settings: readLdapSettings(server.secrets({ Password: 'wrong' })),
      schema: ldapSourceSchema(template, ruleId),
      provisioned: links,
    });
    const failure = await wrong.currentWatermark().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(JobLevelFailure);
    expect(failure).toMatchObject({ code: 'InvalidCredentials', message: expect.stringContaining('rejected the user name or password') });
    await wrong.close();
    const down = new LdapSource({
      settings: readLdapSettings(server.secrets({ Server: 'ldap://127.0.0.1:1' })),
      schema: ldapSourceSchema(template, ruleId),
      provisioned: links,
    });
    const unreachable = await down.readObjects('inetOrgPerson', ['7d5a0bbe-0000-4000-8000-000000000000']).catch((error: unknown) => error);
    // It passes by itself: the cycle fails and the next one retries, without quarantine.
    expect(unreachable).not.toBeInstanceOf(JobLevelFailure);
    expect(unreachable).toMatchObject({
      code: 'ServerUnreachable',
      message: expect.stringContaining('Cannot reach the LDAP server'),
    });
    await down.close();
  });
});
