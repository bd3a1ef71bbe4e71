import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenLdap, startOpenLdap, type OpenLdapServer } from '../../../test/support/openldap.js';
import { dnEquals, LdapConnection, readLdapSettings } from '../../connectors/ldap/index.js';
import type { TargetConnector } from '../connectors/target-connector.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { LdapTarget } from './ldap-target.js';
import { TrackedTarget } from './tracked-target.js';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  return port;
}

/** The LDAP target's writes over a real slapd, where objects are found by entryUUID. */
describe.skipIf(!hasOpenLdap)('LDAP target against OpenLDAP', () => {
  let server: OpenLdapServer;
  let admin: LdapConnection;
  const ou = (name: string) => `ou=${name},${server.baseDn}`;

  beforeAll(async () => {
    server = await startOpenLdap();
    admin = await LdapConnection.open(readLdapSettings(server.secrets()));
    for (const name of ['Moved', 'Archive']) await admin.add(ou(name), { objectClass: 'organizationalUnit', ou: name });
  }, 60_000);
  afterAll(async () => {
    await admin?.close();
    await server?.stop();
  });

  it('moves an object that was moved by someone else since the target last wrote it', async () => {
    const dn = `uid=dora,${ou('People')}`;
    await admin.add(dn, { objectClass: 'inetOrgPerson', uid: 'dora', cn: 'Dora', sn: 'Dunn' });
    const anchor = (await admin.read(dn, ['entryUUID']))!.text('entryUUID')!;
    const target = new LdapTarget(readLdapSettings(server.secrets()), { attributes: new Map([['inetOrgPerson', ['title']]]) });
    try {
      // The target learns the object's DN with a first write.
      await target.update('inetOrgPerson', anchor, [{ path: 'title', oldValue: null, newValue: 'Pilot' }]);
      await admin.modifyDn(dn, 'uid=dora', ou('Moved'));
      // Only a move: the DN the target remembers is stale, and no attribute write would notice.
      await target.update('inetOrgPerson', anchor, [{ path: 'parentDistinguishedName', oldValue: ou('People'), newValue: ou('Archive') }]);
      const [found] = await admin.searchOnce({ base: server.baseDn, filter: `(entryUUID=${anchor})`, attributes: ['title'] });
      expect(dnEquals(found!.dn, `uid=dora,${ou('Archive')}`)).toBe(true);
      expect(found!.text('title')).toBe('Pilot');
    } finally {
      await target.close();
    }
  });

  it("stops the job with the directory's own advice: a refused bind, a schema without what the job writes, no server to reach", async () => {
    const attributes = new Map([['inetOrgPerson', ['title']]]);
    /** The failure of a lookup through `via` (the target itself, or the cycle's TrackedTarget around it). */
    const findFails = async (target: LdapTarget, via: TargetConnector = target): Promise<unknown> => {
      try {
        await via.find('inetOrgPerson', 'uid', 'nobody');
        return undefined;
      } catch (error) {
        return error;
      } finally {
        await target.close();
      }
    };

    const refused = await findFails(new LdapTarget(readLdapSettings(server.secrets({ Password: 'wrong' })), { attributes }));
    expect(refused).toBeInstanceOf(JobLevelFailure);
    expect(refused).toMatchObject({ code: 'InvalidCredentials', recommendedAction: expect.stringMatching(/UserName .* and Password secrets/) });

    const required = new Map([['inetOrgPerson', ['msExchArchiveStatus']]]);
    const incomplete = await findFails(new LdapTarget(readLdapSettings(server.secrets()), { attributes, required }));
    expect(incomplete).toMatchObject({ code: 'TargetSchemaIncomplete', recommendedAction: expect.stringMatching(/^Extend the directory schema/) });

    const closed = new LdapTarget(readLdapSettings(server.secrets({ Server: `ldap://127.0.0.1:${await closedPort()}` })), { attributes });
    const unreachable = await findFails(closed, new TrackedTarget(closed));
    expect(unreachable).toBeInstanceOf(JobLevelFailure);
    expect(unreachable).toMatchObject({ code: 'TargetUnreachable', recommendedAction: expect.stringContaining('Check the Server secret') });
    for (const failure of [refused, incomplete, unreachable]) expect((failure as JobLevelFailure).recommendedAction).not.toMatch(/BaseAddress|SecretToken|secret token/);
  });

  it('fails an object, or members to add, that no longer exist as InvalidAnchor with the same remedy, not retried', async () => {
    const dn = `cn=crew,${ou('Moved')}`;
    await admin.add(dn, { objectClass: 'groupOfNames', cn: 'crew', member: server.adminDn });
    const group = (await admin.read(dn, ['entryUUID']))!.text('entryUUID')!;
    const gone = '6f1a7c52-0a8e-4d0e-9d55-3b1f2f0c9e11';
    const target = new LdapTarget(readLdapSettings(server.secrets()), { attributes: new Map([['groupOfNames', ['description']]]) });
    const failureOf = async (write: Promise<unknown>) => write.then(() => undefined, (error: unknown) => error);
    try {
      const missingObject = await failureOf(target.update('groupOfNames', gone, [{ path: 'description', oldValue: null, newValue: 'x' }]));
      const missingMember = await failureOf(target.updateMembers('groupOfNames', group, [gone], []));
      for (const failure of [missingObject, missingMember]) {
        expect(failure).toBeInstanceOf(ObjectFailure);
        expect(failure).toMatchObject({ code: 'InvalidAnchor', retryable: false, recommendedAction: expect.stringContaining('Restart the job with ConnectorDataStore') });
      }
      expect((missingMember as ObjectFailure).message).toContain(gone);
    } finally {
      await target.close();
    }
  });
});
