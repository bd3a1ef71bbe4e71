import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSamba, startSambaDc, type SambaDc } from '../../../test/support/samba-ad.js';
import { AdDirSyncReader } from './ad-dirsync-reader.js';
import { AdUsnReader } from './ad-usn-reader.js';
import type { ChangeBatch, DeltaReader, DirectoryChange } from './change-batch.js';
import { readLdapSettings } from './connection-settings.js';
import { validateCredentials } from './credential-validation.js';
import { canUseDirSync, createDeltaReader } from './delta-reader.js';
import { escapeFilterValue } from './filter-values.js';
import { formatGuid, guidToBase64, parseGuid } from './guid.js';
import { LdapConnection } from './ldap-connection.js';
import type { LdapEntry } from './ldap-entry.js';
import {
  LdapAlreadyExistsError,
  LdapConstraintViolationError,
  LdapInsufficientRightsError,
  LdapInvalidCredentialsError,
  LdapNoSuchObjectError,
  LdapTimeoutError,
  LdapWatermarkError,
} from './ldap-errors.js';
import { formatSid } from './sid.js';
import { isAccountEnabled } from './user-account-control.js';

/**
 * Against a real Active Directory: a throw-away Samba 4 AD DC (one per file; provisioning takes seconds).
 * Everything binds as Administrator except the uSN fallback, which uses an account without the
 * replication right (binding as a synced user would bump its uSNChanged, real-peers §1).
 */
const userAndGroupFilter = '(|(&(objectClass=user)(!(objectClass=computer)))(objectClass=group))';
const attributes = ['sAMAccountName', 'userPrincipalName', 'givenName', 'sn', 'title', 'mail', 'member', 'userAccountControl', 'objectSid'];

interface Collected {
  readonly batches: readonly ChangeBatch[];
  readonly changes: readonly DirectoryChange[];
  readonly watermark: string;
}

async function collect(reader: DeltaReader, watermark?: string): Promise<Collected> {
  const batches: ChangeBatch[] = [];
  for await (const batch of reader.readChanges(watermark)) batches.push(batch);
  return { batches, changes: batches.flatMap((b) => b.changes), watermark: batches.at(-1)?.watermark ?? '' };
}

function upserts(collected: Collected): Map<string, LdapEntry> {
  return new Map(collected.changes.flatMap((c) => (c.kind === 'upsert' ? [[c.entry.text('sAMAccountName') ?? c.anchor, c.entry] as const] : [])));
}

describe.skipIf(!hasSamba)('LDAP connector against Samba AD', () => {
  let dc: SambaDc;
  let admin: LdapConnection;
  const dn: Record<string, string> = {};

  beforeAll(async () => {
    dc = await startSambaDc();
    dn.staff = await dc.createOu('Staff');
    dn.elsewhere = await dc.createOu('Elsewhere');
    dn.alice = (await dc.createUser({ name: 'alice', parentDn: dn.staff, givenName: 'Alice', sn: 'Anders', mail: 'alice@example.test' })).dn;
    dn.bob = (await dc.createUser({ name: 'bob', parentDn: dn.staff, givenName: 'Bob', sn: 'Baker' })).dn;
    dn.carol = (await dc.createUser({ name: 'carol', parentDn: dn.staff, givenName: 'Carol', sn: 'Cruz' })).dn;
    dn.dave = (await dc.createUser({ name: 'dave', parentDn: dn.staff })).dn;
    dn.engineers = await dc.createGroup({ name: 'engineers', parentDn: dn.staff, members: [dn.alice, dn.bob] });
    dn.svc = (await dc.createUser({ name: 'svc-sync', password: 'Passw0rd!Svc1' })).dn;
    admin = await LdapConnection.open(readLdapSettings(dc.secrets()));
  }, 240_000);

  afterAll(async () => {
    await admin?.close();
    await dc?.stop();
  });

  describe('connecting', () => {
    it('validates the Administrator over plain LDAP, LDAPS and StartTLS, and picks DirSync', async () => {
      const tls = { TlsCaCertificate: dc.caCertificate, TlsServerName: dc.tlsServerName, AllowInsecureLdap: 'false' };
      for (const overrides of [{}, { ...tls, Server: dc.ldapsUrl }, { ...tls, Server: dc.ldapUrl, StartTls: 'true' }]) {
        const result = await validateCredentials(dc.secrets(overrides));
        expect(result).toMatchObject({ status: 'valid', directory: 'activeDirectory', baseDn: dc.baseDn, deltaMethod: 'dirSync' });
      }
    });

    it('reports a wrong password as invalid credentials with the AD reason', async () => {
      const result = await validateCredentials(dc.secrets({ Password: 'wrong-password' }));
      expect(result.status).toBe('invalidCredentials');
      if (result.status === 'valid') return;
      expect(result.error).toBeInstanceOf(LdapInvalidCredentialsError);
      expect(result.error.code).toBe('InvalidCredentials');
      expect((result.error as LdapInvalidCredentialsError).adReason).toBe('invalid password');
    });

    it('reports the missing connection secrets of a Domain-only job as misconfigured', async () => {
      const result = await validateCredentials(new Map([['Domain', `{"domain":"${dc.domain}"}`]]));
      expect(result).toMatchObject({ status: 'misconfigured', message: expect.stringContaining('Server, UserName and Password') });
    });

    it('reports an unreachable server, and fails over to the next one', async () => {
      const down = await validateCredentials(dc.secrets({ Server: 'ldap://127.0.0.1:1' }));
      expect(down).toMatchObject({ status: 'unreachable', error: { code: 'ServerUnreachable' } });
      const failover = await validateCredentials(dc.secrets({ Server: `ldap://127.0.0.1:1, ${dc.ldapUrl}` }));
      expect(failover).toMatchObject({ status: 'valid', server: dc.ldapUrl });
    });

    it('times out on a server that accepts but never answers', async () => {
      const sockets = new Set<Socket>();
      const silent: Server = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as { port: number }).port;
      try {
        const settings = readLdapSettings(dc.secrets({ Server: `ldap://127.0.0.1:${port}` }));
        await expect(LdapConnection.open(settings, { operationTimeoutMs: 500 })).rejects.toBeInstanceOf(LdapTimeoutError);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('refuses a certificate that does not name the server', async () => {
      const result = await validateCredentials(dc.secrets({ Server: dc.ldapsUrl, TlsCaCertificate: dc.caCertificate, AllowInsecureLdap: 'false' }));
      expect(result).toMatchObject({ status: 'misconfigured', error: { code: 'TlsFailure' } });
    });

    it('reports a base DN that does not exist', async () => {
      const result = await validateCredentials(dc.secrets({ BaseDN: `OU=Nowhere,${dc.baseDn}` }));
      expect(result).toMatchObject({ status: 'misconfigured', error: { code: 'NoSuchObject' } });
    });
  });

  describe('reading', () => {
    it('pages through more entries than the page size, streaming page by page', async () => {
      const bulk = await dc.createOu('Bulk');
      const client = await dc.adminClient();
      try {
        for (let i = 0; i < 120; i++) {
          await client.add(`CN=bulk${i},${bulk}`, { objectClass: 'user', sAMAccountName: `bulk${i}`, userAccountControl: '544' });
        }
      } finally {
        await client.unbind();
      }
      const pageSizes: number[] = [];
      for await (const page of admin.searchPages({ base: bulk, filter: '(objectClass=user)', attributes: ['sAMAccountName'], pageSize: 50 })) {
        pageSizes.push(page.length);
      }
      expect(pageSizes).toEqual([50, 50, 20]);
      const names = new Set<string>();
      for await (const entry of admin.search({ base: bulk, filter: '(objectClass=user)', attributes: ['sAMAccountName'], pageSize: 7 })) {
        names.add(entry.text('sAMAccountName') as string);
      }
      expect(names.size).toBe(120);
    });

    it('hands out objectGUID and objectSid as bytes that match samba-tool', async () => {
      const alice = await admin.read(dn.alice as string, ['objectGUID', 'objectSid', 'userAccountControl']);
      const guid = alice?.buffer('objectGUID') as Buffer;
      expect(Buffer.isBuffer(alice?.get('objectGUID')?.[0])).toBe(true);
      const shown = await dc.tool('user', 'show', 'alice', '--attributes=objectGUID,objectSid');
      expect(shown).toContain(`objectGUID: ${formatGuid(guid)}`);
      expect(shown).toContain(`objectSid: ${formatSid(alice?.buffer('objectSid') as Buffer)}`);
      expect(parseGuid(formatGuid(guid))).toEqual(guid);
      expect(guidToBase64(guid)).toBe(guid.toString('base64'));
      expect(isAccountEnabled(alice?.text('userAccountControl') as string)).toBe(true);

      const byGuidDn = await admin.read(`<GUID=${formatGuid(guid)}>`, ['sAMAccountName']);
      expect(byGuidDn?.text('sAMAccountName')).toBe('alice');
      const [byFilter] = await admin.searchOnce({ base: dc.baseDn, filter: `(objectGUID=${escapeFilterValue(guid)})`, attributes: ['cn'] });
      expect(byFilter?.dn).toBe(dn.alice);
    });

    it('completes ranged attribute values', async () => {
      const [group] = await admin.searchOnce({ base: dn.engineers as string, scope: 'base', attributes: ['member;range=0-0'] });
      expect(group?.attributeNames).toEqual(['member;range=0-0']);
      const entries: LdapEntry[] = [];
      for await (const entry of admin.search({ base: dn.engineers as string, scope: 'base', attributes: ['member;range=0-0'] })) entries.push(entry);
      expect(new Set(entries[0]?.strings('member'))).toEqual(new Set([dn.alice, dn.bob]));
    });

    it('ignores the referral to CN=Configuration at the end of subtree searches', async () => {
      const entries: LdapEntry[] = [];
      for await (const entry of admin.search({ base: dc.baseDn, filter: '(sAMAccountName=bob)', attributes: ['cn'] })) entries.push(entry);
      expect(entries.map((e) => e.dn)).toEqual([dn.bob]);
    });
  });

  describe('DirSync delta', () => {
    it('reads everything first, then exactly the changes, across connections', async () => {
      const initial = await collect(new AdDirSyncReader(admin, { filter: userAndGroupFilter, attributes }));
      expect(initial.watermark).toMatch(/^dirsync:[A-Za-z0-9+/]+=*$/);
      expect(initial.batches.at(-1)?.more).toBe(false);
      const everything = upserts(initial);
      for (const name of ['alice', 'bob', 'carol', 'dave', 'engineers', 'Administrator']) expect(everything.has(name)).toBe(true);
      const anchorOf = (name: string): string => formatGuid(everything.get(name)?.buffer('objectGUID') as Buffer);

      await admin.modify(dn.bob as string, [{ operation: 'replace', attribute: 'title', values: ['Staff Engineer'] }]);
      await admin.modify(dn.engineers as string, [
        { operation: 'add', attribute: 'member', values: [dn.carol as string] },
        { operation: 'delete', attribute: 'member', values: [dn.alice as string] },
      ]);
      await admin.delete(dn.dave as string);
      const aliceRenamed = await admin.modifyDn(dn.alice as string, 'CN=Alice Anders');
      const bobMoved = await admin.modifyDn(dn.bob as string, 'CN=bob', dn.elsewhere);

      // A new connection and reader: only the watermark string carries over, as between two sync cycles.
      const later = await LdapConnection.open(readLdapSettings(dc.secrets()));
      try {
        const delta = await collect(new AdDirSyncReader(later, { filter: userAndGroupFilter, attributes }), initial.watermark);
        const byAnchor = new Map(delta.changes.map((c) => [c.anchor, c]));
        expect(new Set(byAnchor.keys())).toEqual(new Set(['alice', 'bob', 'engineers', 'dave'].map(anchorOf)));

        const bob = byAnchor.get(anchorOf('bob'));
        expect(bob?.kind === 'upsert' && bob.entry.dn).toBe(bobMoved);
        expect(bob?.kind === 'upsert' && bob.entry.text('title')).toBe('Staff Engineer');
        // The whole object, not only the attributes DirSync reported as changed.
        expect(bob?.kind === 'upsert' && bob.entry.text('userPrincipalName')).toBe('bob@example.test');

        const alice = byAnchor.get(anchorOf('alice'));
        expect(alice?.kind === 'upsert' && alice.entry.dn).toBe(aliceRenamed);

        const engineers = byAnchor.get(anchorOf('engineers'));
        expect(engineers?.kind === 'upsert' && engineers.valueDeltas).toEqual([{ attribute: 'member', added: [dn.carol], removed: [dn.alice] }]);
        expect(engineers?.kind === 'upsert' && new Set(engineers.entry.strings('member'))).toEqual(new Set([dn.carol, bobMoved]));

        expect(byAnchor.get(anchorOf('dave'))).toEqual({ kind: 'delete', anchor: anchorOf('dave'), dn: dn.dave });

        const quiet = await collect(new AdDirSyncReader(later, { filter: userAndGroupFilter, attributes }), delta.watermark);
        expect(quiet.changes).toEqual([]);
        expect(quiet.watermark).toMatch(/^dirsync:/);
      } finally {
        await later.close();
      }
      dn.alice = aliceRenamed;
      dn.bob = bobMoved;
    });

    it('refuses a watermark of another method', async () => {
      const reader = new AdDirSyncReader(admin, { filter: userAndGroupFilter, attributes });
      await expect(collect(reader, 'usn:2beb98e5-5711-3045-aed4-5885fa95737f:1')).rejects.toBeInstanceOf(LdapWatermarkError);
    });
  });

  describe('uSNChanged fallback for an account without the replication right', () => {
    it('delivers changes, and deletions once the account may list CN=Deleted Objects', async () => {
      const svc = await LdapConnection.open(readLdapSettings(dc.secrets({ UserName: 'svc-sync', Password: 'Passw0rd!Svc1' })));
      try {
        expect(await canUseDirSync(svc)).toBe(false);
        await expect(collect(new AdDirSyncReader(svc, { filter: userAndGroupFilter, attributes }))).rejects.toBeInstanceOf(
          LdapInsufficientRightsError,
        );
        const reader = await createDeltaReader(svc, { filter: userAndGroupFilter, attributes });
        expect(reader).toBeInstanceOf(AdUsnReader);
        const initial = await collect(reader);
        expect(initial.watermark).toMatch(/^usn:[0-9a-f-]{36}:\d+$/);
        const everything = upserts(initial);
        expect(everything.get('carol')?.dn).toBe(dn.carol);
        const anchorOf = (name: string): string => formatGuid(everything.get(name)?.buffer('objectGUID') as Buffer);

        await admin.modify(dn.carol as string, [{ operation: 'replace', attribute: 'title', values: ['Director'] }]);
        await admin.modify(dn.engineers as string, [{ operation: 'delete', attribute: 'member', values: [dn.carol as string] }]);
        await admin.delete(dn.bob as string);

        // Samba, unlike Windows, shows the container itself to everyone but hides its tombstones from
        // accounts without list/read rights: the deletion is simply not seen.
        const blind = await collect(reader, initial.watermark);
        expect(new Set(blind.changes.map((c) => c.anchor))).toEqual(new Set(['carol', 'engineers'].map(anchorOf)));

        await dc.grantDeletedObjectsRead(dn.svc as string);
        const validation = await validateCredentials(dc.secrets({ UserName: 'svc-sync', Password: 'Passw0rd!Svc1' }));
        expect(validation).toMatchObject({ status: 'valid', deltaMethod: 'usnChanged' });

        const next = await createDeltaReader(svc, { filter: userAndGroupFilter, attributes }, initial.watermark);
        const delta = await collect(next, initial.watermark);
        const byAnchor = new Map(delta.changes.map((c) => [c.anchor, c]));
        expect(new Set(byAnchor.keys())).toEqual(new Set(['carol', 'engineers', 'bob'].map(anchorOf)));
        const carol = byAnchor.get(anchorOf('carol'));
        expect(carol?.kind === 'upsert' && carol.entry.text('title')).toBe('Director');
        const engineers = byAnchor.get(anchorOf('engineers'));
        expect(engineers?.kind === 'upsert' && engineers.entry.strings('member')).toEqual([]);
        expect(byAnchor.get(anchorOf('bob'))).toEqual({ kind: 'delete', anchor: anchorOf('bob'), dn: dn.bob });
        expect(delta.batches.slice(0, -1).every((b) => b.watermark === initial.watermark && b.more)).toBe(true);
        expect(delta.batches.at(-1)?.more).toBe(false);

        const quiet = await collect(next, delta.watermark);
        expect(quiet.changes).toEqual([]);
      } finally {
        await svc.close();
      }
    });
  });

  describe('writeback', () => {
    it('replaces, adds and deletes values, renames, and reports typed errors', async () => {
      const target = (await dc.createUser({ name: 'wb-user', givenName: 'Wanda' })).dn;
      await admin.modify(target, [
        { operation: 'replace', attribute: 'msDS-cloudExtensionAttribute1', values: ['cloud-1'] },
        { operation: 'add', attribute: 'proxyAddresses', values: ['SMTP:wanda@example.test', 'smtp:w@example.test'] },
        { operation: 'replace', attribute: 'givenName', values: [] },
      ]);
      await admin.modify(target, [{ operation: 'delete', attribute: 'proxyAddresses', values: ['smtp:w@example.test'] }]);
      // Permissive modify: adding a value that is already there is not an error.
      await admin.modify(target, [{ operation: 'add', attribute: 'proxyAddresses', values: ['SMTP:wanda@example.test'] }], { permissive: true });
      const written = await admin.read(target, ['msDS-cloudExtensionAttribute1', 'proxyAddresses', 'givenName']);
      expect(written?.strings('msDS-cloudExtensionAttribute1')).toEqual(['cloud-1']);
      expect(written?.strings('proxyAddresses')).toEqual(['SMTP:wanda@example.test']);
      expect(written?.has('givenName')).toBe(false);

      await expect(
        admin.modify(target, [{ operation: 'add', attribute: 'proxyAddresses', values: ['SMTP:wanda@example.test'] }]),
      ).rejects.toMatchObject({ code: 'AttributeOrValueExists' });
      await expect(admin.modify(`CN=nobody,${dc.baseDn}`, [{ operation: 'replace', attribute: 'title', values: ['x'] }])).rejects.toBeInstanceOf(
        LdapNoSuchObjectError,
      );
      await expect(admin.add(target, { objectClass: 'user', sAMAccountName: 'wb-dup' })).rejects.toBeInstanceOf(LdapAlreadyExistsError);
      await expect(admin.modify(target, [{ operation: 'replace', attribute: 'noSuchAttributeAnywhere', values: ['x'] }])).rejects.toBeInstanceOf(
        LdapConstraintViolationError,
      );

      const before = await admin.read(target, ['objectGUID']);
      const moved = await admin.modifyDn(target, 'CN=Wanda W', dn.elsewhere);
      const after = await admin.read(moved, ['objectGUID']);
      expect(after?.buffer('objectGUID')).toEqual(before?.buffer('objectGUID'));

      const group = `CN=wb-group,${dn.elsewhere}`;
      await admin.add(group, { objectClass: 'group', sAMAccountName: 'wb-group', groupType: String(0x80000008 | 0), member: [moved] });
      expect((await admin.read(group, ['member']))?.strings('member')).toEqual([moved]);
      await admin.delete(group);
      expect(await admin.read(group)).toBeUndefined();
    });
  });
});
