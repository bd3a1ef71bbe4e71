import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenLdap, startOpenLdap, type OpenLdapServer } from '../../../test/support/openldap.js';
import type { ChangeBatch, DeltaReader, DirectoryChange } from './change-batch.js';
import { readLdapSettings } from './connection-settings.js';
import { validateCredentials } from './credential-validation.js';
import { createDeltaReader } from './delta-reader.js';
import { LdapConnection } from './ldap-connection.js';
import { LdapNoSuchObjectError, LdapWatermarkError } from './ldap-errors.js';
import { OpenLdapCsnReader } from './openldap-csn-reader.js';

/** Against a real OpenLDAP slapd (mdb + memberof), one throw-away server for the file. */
const filter = '(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))';
const attributes = ['uid', 'cn', 'sn', 'mail', 'title', 'member'];

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

describe.skipIf(!hasOpenLdap)('LDAP connector against OpenLDAP', () => {
  let server: OpenLdapServer;
  let admin: LdapConnection;
  const people = (uid: string): string => `uid=${uid},ou=People,${server.baseDn}`;
  const engineers = (): string => `cn=engineers,ou=Groups,${server.baseDn}`;

  beforeAll(async () => {
    server = await startOpenLdap();
    admin = await LdapConnection.open(readLdapSettings(server.secrets()));
    for (const [uid, sn] of [['alice', 'Anders'], ['bob', 'Baker'], ['carol', 'Cruz'], ['dave', 'Dunn']] as const) {
      await admin.add(people(uid), { objectClass: 'inetOrgPerson', uid, cn: uid, sn, mail: `${uid}@example.test` });
    }
    await admin.add(engineers(), { objectClass: 'groupOfNames', cn: 'engineers', member: [people('alice'), people('bob')] });
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await server?.stop();
  });

  it('binds, detects OpenLDAP and picks entryCSN; refuses a wrong password', async () => {
    expect(await validateCredentials(server.secrets())).toMatchObject({
      status: 'valid',
      directory: 'openLdap',
      baseDn: 'DC=example,DC=test',
      deltaMethod: 'entryCsn',
    });
    expect(await validateCredentials(server.secrets({ Password: 'wrong' }))).toMatchObject({
      status: 'invalidCredentials',
      error: { code: 'InvalidCredentials', resultCode: 49 },
    });
    expect(await validateCredentials(server.secrets({ Server: 'ldap://127.0.0.1:1' }))).toMatchObject({ status: 'unreachable' });
  });

  it('reconnects, and binds again, after the server restarted', async () => {
    const connection = await LdapConnection.open(readLdapSettings(server.secrets()));
    try {
      expect((await connection.read(people('bob'), ['uid']))?.text('uid')).toBe('bob');
      await server.restart();
      // A write proves the new connection is bound again: slapd lets anonymous clients read, not write.
      await connection.modify(people('bob'), [{ operation: 'replace', attribute: 'description', values: ['after restart'] }]);
      expect((await connection.read(people('bob'), ['description']))?.text('description')).toBe('after restart');
      await connection.modify(people('bob'), [{ operation: 'delete', attribute: 'description', values: [] }]);
    } finally {
      await connection.close();
    }
  });

  it('pages through more entries than the page size', async () => {
    await admin.add(`ou=Bulk,${server.baseDn}`, { objectClass: 'organizationalUnit', ou: 'Bulk' });
    for (let i = 0; i < 120; i++) {
      await admin.add(`uid=bulk${i},ou=Bulk,${server.baseDn}`, { objectClass: 'inetOrgPerson', uid: `bulk${i}`, cn: `bulk${i}`, sn: 'Bulk' });
    }
    const sizes: number[] = [];
    for await (const page of admin.searchPages({ base: `ou=Bulk,${server.baseDn}`, filter: '(uid=bulk*)', attributes: ['uid'], pageSize: 50 })) {
      sizes.push(page.length);
    }
    expect(sizes).toEqual([50, 50, 20]);
  });

  it('reads deltas by entryCSN, keeps entryUUID across renames, finds deletions by full comparison', async () => {
    const base = `ou=People,${server.baseDn}`;
    const groupsBase = `ou=Groups,${server.baseDn}`;
    let clock = new Date('2030-01-01T00:00:00Z');
    const known = new Set<string>();
    const options = {
      filter,
      attributes,
      base: server.baseDn,
      knownAnchors: () => known,
      fullComparisonIntervalMs: 10 * 60_000,
      now: () => clock,
    };
    const apply = (collected: Collected): void => {
      for (const change of collected.changes) {
        if (change.kind === 'upsert') known.add(change.anchor);
        else known.delete(change.anchor);
      }
    };

    const reader = await createDeltaReader(admin, options);
    expect(reader).toBeInstanceOf(OpenLdapCsnReader);
    const initial = await collect(reader);
    apply(initial);
    const byUid = new Map(initial.changes.map((c) => [c.kind === 'upsert' ? (c.entry.text('uid') ?? c.entry.text('cn')) : '', c]));
    const anchorOf = (name: string): string => byUid.get(name)?.anchor as string;
    expect(initial.changes.filter((c) => c.kind === 'upsert' && c.entry.dn.endsWith(base)).length).toBe(4);
    expect(anchorOf('alice')).toMatch(/^[0-9a-f-]{36}$/);
    expect(initial.watermark).toMatch(/^csn:/);

    const unchanged = await collect(reader, initial.watermark);
    expect(unchanged.changes).toEqual([]);

    await admin.modify(people('bob'), [{ operation: 'replace', attribute: 'title', values: ['Staff Engineer'] }]);
    await admin.modify(engineers(), [
      { operation: 'add', attribute: 'member', values: [people('carol')] },
      { operation: 'delete', attribute: 'member', values: [people('alice')] },
    ]);
    const aliceRenamed = await admin.modifyDn(people('alice'), 'uid=alice2');
    await admin.delete(people('dave'));

    // A new connection, as in the next cycle; the comparison is not due yet (1 minute later).
    clock = new Date('2030-01-01T00:01:00Z');
    const later = await LdapConnection.open(readLdapSettings(server.secrets()));
    try {
      const delta = await collect(new OpenLdapCsnReader(later, options), initial.watermark);
      apply(delta);
      const byAnchor = new Map(delta.changes.map((c) => [c.anchor, c]));
      expect(new Set(byAnchor.keys())).toEqual(new Set([anchorOf('bob'), anchorOf('engineers'), anchorOf('alice')]));
      const alice = byAnchor.get(anchorOf('alice'));
      expect(alice?.kind === 'upsert' && alice.entry.dn).toBe(aliceRenamed);
      expect(alice?.kind === 'upsert' && alice.entry.text('uid')).toBe('alice2');
      const group = byAnchor.get(anchorOf('engineers'));
      expect(group?.kind === 'upsert' && new Set(group.entry.strings('member'))).toEqual(new Set([people('bob'), people('carol')]));
      expect(group?.kind === 'upsert' && group.entry.dn).toBe(`cn=engineers,${groupsBase}`);

      // Eleven minutes after the first read the full comparison runs and finds dave gone.
      clock = new Date('2030-01-01T00:11:00Z');
      const compared = await collect(new OpenLdapCsnReader(later, options), delta.watermark);
      expect(compared.changes).toEqual([{ kind: 'delete', anchor: anchorOf('dave') }]);
      apply(compared);

      clock = new Date('2030-01-01T00:12:00Z');
      expect((await collect(new OpenLdapCsnReader(later, options), compared.watermark)).changes).toEqual([]);
      await expect(collect(new OpenLdapCsnReader(later, options), 'dirsync:AAAA')).rejects.toBeInstanceOf(LdapWatermarkError);
    } finally {
      await later.close();
    }
  });

  it('writes back: replace, add and delete values, rename, typed errors', async () => {
    const target = people('carol');
    await admin.modify(target, [
      { operation: 'replace', attribute: 'title', values: ['Director'] },
      { operation: 'add', attribute: 'mail', values: ['c.cruz@example.test'] },
      { operation: 'add', attribute: 'telephoneNumber', values: ['+1 555 0100'] },
    ]);
    await admin.modify(target, [
      { operation: 'delete', attribute: 'mail', values: ['carol@example.test'] },
      { operation: 'delete', attribute: 'telephoneNumber', values: [] },
    ]);
    const written = await admin.read(target, ['title', 'mail', 'telephoneNumber', 'entryUUID']);
    expect(written?.strings('title')).toEqual(['Director']);
    expect(written?.strings('mail')).toEqual(['c.cruz@example.test']);
    expect(written?.has('telephoneNumber')).toBe(false);

    await expect(admin.modify(target, [{ operation: 'add', attribute: 'mail', values: ['c.cruz@example.test'] }], { permissive: true })).rejects.toMatchObject({
      code: 'AttributeOrValueExists',
    });
    await expect(admin.modify(people('nobody'), [{ operation: 'replace', attribute: 'title', values: ['x'] }])).rejects.toBeInstanceOf(
      LdapNoSuchObjectError,
    );
    await expect(admin.add(target, { objectClass: 'inetOrgPerson', uid: 'carol', cn: 'c', sn: 'c' })).rejects.toMatchObject({ code: 'AlreadyExists' });

    const moved = await admin.modifyDn(target, 'uid=carol', `ou=Groups,${server.baseDn}`);
    expect(moved).toBe(`uid=carol,ou=Groups,${server.baseDn}`);
    expect((await admin.read(moved, ['entryUUID']))?.text('entryUUID')).toBe(written?.text('entryUUID'));
  });
});
