import { spawnSync } from 'node:child_process';
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSamba, startSambaDc, type SambaDc } from '../../../test/support/samba-ad.js';
import { ntHash } from '../../auth/nt-hash.js';
import { DrsrPasswordHashSource } from './drsr-password-hash-source.js';
import type { HashBatch, PasswordHashSource } from './password-hash-source.js';

/**
 * The real helper against a real Active Directory: a throw-away Samba 4 AD DC (one per file) with the
 * RPC service on, read over MS-DRSR by an account holding Get-Changes + Get-Changes-All, exactly as
 * an administrator would set it up (docs/password-hash-sync.md).
 */
const bindingsProbe = spawnSync('/usr/bin/python3', ['-I', '-c', 'import samba.dcerpc.drsuapi, samba.net'], { stdio: 'ignore' });
const hasBindings = bindingsProbe.status === 0;
if (hasSamba && !hasBindings) {
  const what = "Samba's Python bindings not found for /usr/bin/python3 (apt-get install python3-samba)";
  if (process.env.CI === 'true') throw new Error(`${what}: required in CI`);
  console.warn(`\n[provisio] ${what}: password hash sync suites are SKIPPED.\n`);
}

const passwords = {
  alice: 'Passw0rd!Alice',
  bob: 'Passw0rd!Bob1',
  outsider: 'Passw0rd!Out1',
  sync: 'Passw0rd!Sync1',
  plain: 'Passw0rd!Plain1',
} as const;

interface Read {
  readonly batches: readonly HashBatch[];
  /** samAccountName → NT hash (hex) or null, copied before the reader wipes the buffers. */
  readonly hashes: ReadonlyMap<string, string | null>;
  readonly deleted: readonly string[];
  readonly watermark: string | undefined;
}

async function read(batches: AsyncIterable<HashBatch>): Promise<Read> {
  const all: HashBatch[] = [];
  const hashes = new Map<string, string | null>();
  for await (const batch of batches) {
    all.push(batch);
    for (const change of batch.changes) hashes.set(change.samAccountName, change.ntHash?.toString('hex') ?? null);
  }
  return { batches: all, hashes, deleted: all.flatMap((batch) => batch.deletedObjectGuids), watermark: all.at(-1)?.watermark };
}

async function failure(batches: AsyncIterable<HashBatch>): Promise<Record<string, unknown>> {
  try {
    await read(batches);
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the read to fail');
}

const nt = (password: string) => ntHash(password).toString('hex');

describe.skipIf(!hasSamba || !hasBindings)('password hashes from Samba AD over MS-DRSR', () => {
  let dc: SambaDc;
  let staff: string;
  let source: PasswordHashSource;
  let fullRead: Read;
  const guids = new Map<string, string>();

  const sourceAs = (overrides: Record<string, string>, chunkSize = 1000): PasswordHashSource =>
    DrsrPasswordHashSource.fromSecrets(dc.secrets({ BaseDN: staff, ...overrides }), { chunkSize, idleTimeoutMs: 60_000 });

  beforeAll(async () => {
    dc = await startSambaDc({ services: ['ldap', 'rpc'] });
    staff = await dc.createOu('Staff');
    const elsewhere = await dc.createOu('Elsewhere');
    await dc.createUser({ name: 'alice', parentDn: staff, password: passwords.alice });
    await dc.createUser({ name: 'bob', parentDn: staff, password: passwords.bob });
    await dc.createUser({ name: 'carol', parentDn: staff });
    await dc.createUser({ name: 'outsider', parentDn: elsewhere, password: passwords.outsider });
    const sync = await dc.createUser({ name: 'svc-phs', password: passwords.sync });
    await dc.createUser({ name: 'svc-plain', password: passwords.plain });
    await dc.tool('computer', 'create', 'ws1', `--computerou=OU=Staff`);
    for (const right of ['get-changes', 'get-changes-all']) {
      await dc.tool('dsacl', 'set', `--car=${right}`, '--action=allow', `--objectdn=${dc.baseDn}`, `--trusteedn=${sync.dn}`);
    }
    source = sourceAs({ UserName: 'svc-phs', Password: passwords.sync });
    fullRead = await read(source.readChanges(undefined));
    for (const batch of fullRead.batches) for (const change of batch.changes) guids.set(change.samAccountName, change.objectGuid);
  }, 240_000);

  afterAll(async () => {
    await dc?.stop();
  });

  it('reads every user account in scope with the NT hash of its password', () => {
    expect(Object.fromEntries(fullRead.hashes)).toEqual({ alice: nt(passwords.alice), bob: nt(passwords.bob), carol: null });
    expect(fullRead.watermark).toMatch(/^drs1\./);
    expect(fullRead.deleted).toEqual([]);
    expect(fullRead.batches.slice(0, -1).every((batch) => batch.watermark === undefined)).toBe(true);
    expect(fullRead.batches.every((batch) => batch.server === dc.address)).toBe(true);
    const alice = fullRead.batches.flatMap((b) => b.changes).find((c) => c.samAccountName === 'alice');
    expect(alice).toMatchObject({ distinguishedName: `CN=alice,${staff}`, objectSid: expect.stringMatching(/^S-1-5-21-\d+-\d+-\d+-\d+$/) });
    expect(alice?.pwdLastSet).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(alice?.objectGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("returns what samba-tool reads on the DC itself", async () => {
    const output = await dc.tool('user', 'getpassword', 'alice', '--attributes=unicodePwd');
    const local = /unicodePwd:: (\S+)/.exec(output)?.[1];
    expect(Buffer.from(local ?? '', 'base64').toString('hex')).toBe(fullRead.hashes.get('alice'));
  });

  it('reads the same in small chunks: one batch per reply chunk, the watermark on the last', async () => {
    const chunked = await read(sourceAs({ UserName: 'svc-phs', Password: passwords.sync }, 10).readChanges(undefined));
    expect(chunked.batches.length).toBeGreaterThan(5);
    expect(chunked.hashes).toEqual(fullRead.hashes);
    expect(chunked.watermark).toMatch(/^drs1\./);
  });

  it('reads only what changed since the watermark, with the new hash', async () => {
    expect((await read(source.readChanges(fullRead.watermark))).hashes.size).toBe(0);

    const newBobPassword = 'Passw0rd!Bob2';
    await dc.tool('user', 'setpassword', 'bob', `--newpassword=${newBobPassword}`);
    const client = await dc.adminClient();
    try {
      await client.modify(`CN=alice,${staff}`, [new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Engineer'] }) })]);
    } finally {
      await client.unbind();
    }
    await dc.createUser({ name: 'dave', parentDn: staff, password: 'Passw0rd!Dave1' });
    await dc.tool('user', 'setpassword', 'outsider', '--newpassword=Passw0rd!Out2');
    await dc.tool('computer', 'create', 'ws2', '--computerou=OU=Staff');

    const delta = await read(source.readChanges(fullRead.watermark));
    expect(Object.fromEntries(delta.hashes)).toEqual({ bob: nt(newBobPassword), dave: nt('Passw0rd!Dave1') });
    expect(delta.watermark).not.toBe(fullRead.watermark);

    const single = await read(source.readObject(guids.get('bob') ?? ''));
    expect(Object.fromEntries(single.hashes)).toEqual({ bob: nt(newBobPassword) });
    expect((await read(source.readObject(`CN=alice,${staff}`))).hashes.get('alice')).toBe(nt(passwords.alice));
    expect((await read(source.readObject(`CN=outsider,OU=Elsewhere,${dc.baseDn}`))).hashes.size).toBe(0);
    expect((await read(source.readObject('00000000-1111-2222-3333-444444444444'))).hashes.size).toBe(0);

    expect((await read(source.readChanges(delta.watermark))).hashes.size).toBe(0);
    await dc.tool('user', 'setpassword', 'alice', '--newpassword=Passw0rd!Alice2');
    // Deleted: carol had no password, so no password change comes with the tombstone; only its GUID is told.
    await dc.tool('user', 'delete', 'carol');
    const next = await read(source.readChanges(delta.watermark));
    expect(Object.fromEntries(next.hashes)).toEqual({ alice: nt('Passw0rd!Alice2') });
    expect(next.deleted).toEqual([guids.get('carol')]);

    // A watermark from another DC (failover): its USNs are foreign, so the read restarts at zero and
    // the up-to-dateness vector in the watermark still filters out what was already seen.
    const foreign = rewriteWatermark(delta.watermark ?? '', (body) => ({ ...body, dsa: '11111111-2222-3333-4444-555555555555' }));
    expect(Object.fromEntries((await read(source.readChanges(foreign))).hashes)).toEqual({ alice: nt('Passw0rd!Alice2') });
  });

  it('refuses a watermark it did not write', async () => {
    expect(await failure(source.readChanges('garbage'))).toMatchObject({ code: 'InvalidWatermark' });
    const otherDomain = rewriteWatermark(fullRead.watermark ?? '', (body) => ({ ...body, nc: 'DC=other,DC=test' }));
    expect(await failure(source.readChanges(otherDomain))).toMatchObject({ code: 'InvalidWatermark' });
  });

  it('reports an account without the replication rights', async () => {
    const error = await failure(sourceAs({ UserName: 'svc-plain', Password: passwords.plain }).readChanges(undefined));
    expect(error).toMatchObject({ code: 'MissingReplicationRights', status: 'WERR_DS_DRA_ACCESS_DENIED', retryable: false, server: dc.address });
  });

  it('reports a wrong password without repeating it', async () => {
    const error = await failure(sourceAs({ UserName: 'svc-phs', Password: 'Wrong!Password9' }).readChanges(undefined));
    expect(error).toMatchObject({ code: 'InvalidCredentials', status: 'NT_STATUS_LOGON_FAILURE', retryable: false });
    expect(JSON.stringify({ message: error.message, diagnostics: error.diagnostics })).not.toContain('Wrong!Password9');
  });

  it('reports an unreachable DC, and fails over to the next one listed', async () => {
    const unused = '127.0.0.254';
    const error = await failure(sourceAs({ UserName: 'svc-phs', Password: passwords.sync, Server: `ldap://${unused}:389` }).readChanges(undefined));
    expect(error).toMatchObject({ code: 'DomainControllerUnreachable', retryable: true });

    const failover = await read(
      sourceAs({ UserName: 'svc-phs', Password: passwords.sync, Server: `ldap://${unused}:389, ldap://${dc.address}:389` }).readChanges(undefined),
    );
    expect(failover.batches.every((batch) => batch.server === dc.address)).toBe(true);
    expect(failover.hashes.get('dave')).toBe(nt('Passw0rd!Dave1'));
  });
});

/** Test-only: edits the helper's watermark (base64url JSON after `drs1.`) to simulate another DC or domain. */
function rewriteWatermark(watermark: string, edit: (body: Record<string, unknown>) => Record<string, unknown>): string {
  const body = JSON.parse(Buffer.from(watermark.slice('drs1.'.length), 'base64url').toString('utf8')) as Record<string, unknown>;
  return `drs1.${Buffer.from(JSON.stringify(edit(body))).toString('base64url')}`;
}
