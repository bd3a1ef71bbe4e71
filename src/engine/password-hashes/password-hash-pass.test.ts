import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestJob } from '../../../test/support/engine-test-job.js';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { ntHash } from '../../auth/nt-hash.js';
import { PasswordHashWatermarkError, type HashBatch, type PasswordHashChange, type PasswordHashSource } from '../../connectors/ad-password-hashes/index.js';
import { guidToBase64, parseGuid } from '../../connectors/ldap/index.js';
import { newGuid } from '../../directory/guid.js';
import { verifyUserPassword } from '../../directory/users/user-password.js';
import { findUser, insertUser } from '../../directory/users/user-repository.js';
import { newUser } from '../../directory/users/user.js';
import { ProvisioningLogWriter, type ProvisioningObjectSummary } from '../../sync/provisioning-logs/index.js';
import { CycleCounters } from '../cycle/cycle-counters.js';
import { CycleLog } from '../logs/cycle-log.js';
import { readPasswordHashWatermark, writePasswordHashWatermark } from '../state/job-state.js';
import { PendingPasswordHashes } from '../state/pending-password-hashes.js';
import { maxSingleReads, runPasswordHashPass, type PasswordHashPassResult } from './password-hash-pass.js';

interface Account {
  readonly guid: string;
  readonly sam: string;
  password: string | null;
  mustChange: boolean;
  usn: number;
}

/**
 * An in-memory Active Directory behind the PasswordHashSource interface: accounts carry a USN, the
 * watermark is `usn:N`, batches hold `chunk` accounts, deletions leave a tombstone USN that incremental
 * reads report, and every hash handed out is remembered so the test can check it was zeroed.
 */
class FakeDirectory implements PasswordHashSource {
  readonly accounts = new Map<string, Account>();
  /** objectGUID → USN of the deletion. */
  readonly tombstones = new Map<string, number>();
  readonly handedOut: Buffer[] = [];
  readonly reads: string[] = [];
  usn = 0;

  constructor(private readonly chunk = 2) {}

  add(sam: string, password: string | null): Account {
    const account = { guid: randomUUID(), sam, password, mustChange: false, usn: ++this.usn };
    this.accounts.set(account.guid, account);
    return account;
  }

  setPassword(account: Account, password: string | null, mustChange = false): void {
    account.password = password;
    account.mustChange = mustChange;
    account.usn = ++this.usn;
  }

  remove(account: Account): void {
    this.accounts.delete(account.guid);
    this.tombstones.set(account.guid, ++this.usn);
  }

  async *readChanges(watermark: string | undefined): AsyncIterable<HashBatch> {
    this.reads.push(watermark === undefined ? 'full' : 'delta');
    if (watermark !== undefined && !/^usn:\d+$/.test(watermark)) throw new PasswordHashWatermarkError('not a watermark of this reader');
    const since = watermark === undefined ? 0 : Number(watermark.slice(4));
    const changed = [...this.accounts.values()].filter((account) => account.usn > since);
    const deleted = watermark === undefined ? [] : [...this.tombstones].filter(([, usn]) => usn > since).map(([guid]) => guid);
    const end = `usn:${this.usn}`;
    if (changed.length === 0) yield { changes: [], watermark: end, deletedObjectGuids: deleted, server: 'dc1' };
    for (let start = 0; start < changed.length; start += this.chunk) {
      const last = start + this.chunk >= changed.length;
      const changes = changed.slice(start, start + this.chunk).map((account) => this.#change(account));
      yield { changes, watermark: last ? end : undefined, deletedObjectGuids: start === 0 ? deleted : [], server: 'dc1' };
    }
  }

  async *readObject(guid: string): AsyncIterable<HashBatch> {
    this.reads.push(`object ${guid}`);
    const account = this.accounts.get(guid);
    yield { changes: account ? [this.#change(account)] : [], watermark: undefined, deletedObjectGuids: [], server: 'dc1' };
  }

  #change(account: Account): PasswordHashChange {
    const hash = account.password === null ? null : ntHash(account.password);
    if (hash) this.handedOut.push(hash);
    return {
      objectGuid: account.guid,
      objectSid: 'S-1-5-21-1-2-3-1000',
      distinguishedName: `CN=${account.sam},CN=Users,DC=example,DC=test`,
      samAccountName: account.sam,
      ntHash: hash,
      pwdLastSet: account.mustChange ? null : '2026-11-23T10:00:00.000Z',
    };
  }
}

describe.each(storeKinds)('the password hash pass (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(kind);
  });
  afterAll(async () => t.dispose());

  async function setup(chunk = 2) {
    const { db } = t.store;
    const job = await insertTestJob(db);
    const ad = new FakeDirectory(chunk);
    const writer = new ProvisioningLogWriter(db, { tenantId: newGuid() });
    const records: ProvisioningObjectSummary[] = [];
    const run = async (options: { restart?: boolean } = {}): Promise<PasswordHashPassResult> => {
      const log = new CycleLog(writer, { jobId: job.id, cycleId: randomUUID(), servicePrincipal: { id: job.servicePrincipalId, displayName: 'contoso', appId: newGuid() }, sourceSystemName: 'Active Directory', targetSystemName: 'contoso' }, { keep: true });
      const result = await runPasswordHashPass({
        db,
        jobId: job.id,
        source: ad,
        log,
        report: { sourceSystem: 'Active Directory', targetSystem: 'contoso', now: () => new Date() },
        restart: options.restart ?? false,
        counters: new CycleCounters(),
        checkpoint: async () => undefined,
      });
      await log.flush();
      records.splice(0, records.length, ...log.records);
      return result;
    };
    /** A directory user created from the AD account, as the provisioning job creates it. */
    const provision = async (account: Account, extra: Partial<Parameters<typeof newUser>[0]> = {}) => {
      const user = newUser({
        id: newGuid(),
        userPrincipalName: `${account.sam}.${randomUUID().slice(0, 8)}@example.test`,
        displayName: account.sam,
        onPremisesImmutableId: guidToBase64(parseGuid(account.guid)),
        onPremisesSyncEnabled: true,
        ...extra,
      });
      await insertUser(db, user, { managerId: null, passwordHash: null });
      return user;
    };
    const signIn = async (userId: string, password: string) => verifyUserPassword(password, (await findUser(db, userId))?.passwordHash ?? null);
    return { db, job, ad, run, provision, signIn, records, pending: new PendingPasswordHashes(db, job.id) };
  }

  it('stores CredentialData for every synchronized user on the first read, zeroes the hashes and logs no value', async () => {
    const { ad, run, provision, signIn, records, db, job } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const bob = ad.add('bob', 'Passw0rd!Bob1');
    const aliceUser = await provision(alice, { passwordPolicies: 'DisableStrongPassword' });
    const bobUser = await provision(bob);

    const result = await run();
    expect(result).toMatchObject({ full: true, read: 2, written: 2, waiting: 0, pending: 0 });
    expect(await signIn(aliceUser.id, 'Passw0rd!Alice')).toBe(true);
    expect(await signIn(aliceUser.id, 'Passw0rd!Bob1')).toBe(false);
    expect(await signIn(bobUser.id, 'Passw0rd!Bob1')).toBe(true);
    expect(ad.handedOut.every((hash) => hash.every((byte) => byte === 0))).toBe(true);
    expect(await readPasswordHashWatermark(db, job.id)).toBe(`usn:${ad.usn}`);

    const stored = (await findUser(db, aliceUser.id))!;
    expect(stored.passwordHash).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(stored.user).toMatchObject({ passwordPolicies: 'DisableStrongPassword, DisablePasswordExpiration', lastPasswordChangeDateTime: '2026-11-23T10:00:00.000Z' });
    expect((await findUser(db, bobUser.id))!.user.passwordPolicies).toBe('DisablePasswordExpiration');

    expect(records).toHaveLength(2);
    const record = records.find((entry) => entry.sourceIdentity.id === alice.guid)!;
    expect(record).toMatchObject({
      provisioningAction: 'update',
      provisioningStatusInfo: { status: 'success', errorInformation: null },
      sourceIdentity: { displayName: 'alice', identityType: 'user' },
      targetIdentity: { id: aliceUser.id, displayName: aliceUser.userPrincipalName, identityType: 'User' },
    });
    expect(record.modifiedProperties).toEqual([
      { displayName: 'CredentialData', oldValue: null, newValue: '[Redact]' },
      // Any name with "password" in it is redacted by the log writer.
      { displayName: 'passwordPolicies', oldValue: '[Redact]', newValue: '[Redact]' },
    ]);
    expect(record.provisioningSteps.map((step) => step.description)).toContain('CredentialData changed');
    const text = JSON.stringify(records);
    expect(text).not.toContain(ntHash('Passw0rd!Alice').toString('hex'));
    expect(text).not.toContain(stored.passwordHash!.split('$')[3]);
  });

  it('reads only what changed since the watermark: a new password replaces the old one', async () => {
    const { ad, run, provision, signIn, records } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const bob = ad.add('bob', 'Passw0rd!Bob1');
    const aliceUser = await provision(alice);
    await provision(bob);
    await run();

    ad.setPassword(alice, 'Passw0rd!Alice2');
    const result = await run();
    expect(result).toMatchObject({ full: false, read: 1, written: 1 });
    expect(ad.reads.slice(-1)).toEqual(['delta']);
    expect(await signIn(aliceUser.id, 'Passw0rd!Alice2')).toBe(true);
    expect(await signIn(aliceUser.id, 'Passw0rd!Alice')).toBe(false);
    expect(records.map((record) => record.sourceIdentity.displayName)).toEqual(['alice']);
    expect(records[0]!.modifiedProperties).toEqual([{ displayName: 'CredentialData', oldValue: '[Redact]', newValue: '[Redact]' }]);

    expect(await run()).toMatchObject({ full: false, read: 0, written: 0 });
    expect(records).toEqual([]);
  });

  it('reads everything again after a restart, writing and logging only credentials that differ', async () => {
    const { ad, run, provision, signIn, records, db, job } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const bob = ad.add('bob', 'Passw0rd!Bob1');
    await provision(alice);
    const bobUser = await provision(bob);
    await run();
    const before = (await findUser(db, bobUser.id))!.passwordHash;
    await db.updateTable('users').set({ password_hash: null }).where('id', '=', bobUser.id).execute();

    expect(await run({ restart: true })).toMatchObject({ full: true, read: 2, written: 1 });
    expect(records.map((record) => record.sourceIdentity.displayName)).toEqual(['bob']);
    expect(await signIn(bobUser.id, 'Passw0rd!Bob1')).toBe(true);
    expect((await findUser(db, bobUser.id))!.passwordHash).not.toBe(before);
    expect(await readPasswordHashWatermark(db, job.id)).toBe(`usn:${ad.usn}`);
  });

  it('withholds "must change password at next logon" and removes the credential of an account without a password', async () => {
    const { ad, run, provision, signIn, records } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const carol = ad.add('carol', 'Passw0rd!Carol');
    const aliceUser = await provision(alice);
    const carolUser = await provision(carol);
    await run();

    ad.setPassword(alice, 'Temporary!Pass1', true);
    ad.setPassword(carol, null);
    expect(await run()).toMatchObject({ read: 2, written: 1, withheld: 1 });
    expect(await signIn(aliceUser.id, 'Passw0rd!Alice')).toBe(true);
    expect(await signIn(aliceUser.id, 'Temporary!Pass1')).toBe(false);
    expect(await signIn(carolUser.id, 'Passw0rd!Carol')).toBe(false);
    const byName = new Map(records.map((record) => [record.sourceIdentity.displayName, record]));
    expect(byName.get('alice')).toMatchObject({ provisioningAction: 'other', provisioningStatusInfo: { status: 'skipped', errorInformation: { errorCode: 'PasswordHashWithheld' } } });
    expect(byName.get('carol')).toMatchObject({ provisioningAction: 'update', modifiedProperties: [{ displayName: 'CredentialData', oldValue: '[Redact]', newValue: null }] });

    ad.setPassword(alice, 'Passw0rd!Alice3');
    await run();
    expect(await signIn(aliceUser.id, 'Passw0rd!Alice3')).toBe(true);
  });

  it('remembers accounts whose user does not exist yet and reads just those again once it does', async () => {
    const { ad, run, provision, signIn, records, pending } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const bob = ad.add('bob', 'Passw0rd!Bob1');
    const dave = ad.add('dave', 'Passw0rd!Dave1');
    await provision(alice);
    // A cloud user holding the anchor but not synchronized from on-premises: left alone.
    const daveUser = await provision(dave, { onPremisesSyncEnabled: null });

    expect(await run()).toMatchObject({ full: true, read: 3, written: 1, waiting: 2, pending: 2 });
    const errors = new Map(records.map((record) => [record.sourceIdentity.displayName, record.provisioningStatusInfo.errorInformation?.errorCode]));
    expect(errors).toEqual(new Map([['alice', undefined], ['bob', 'PasswordHashUserNotProvisioned'], ['dave', 'PasswordHashUserNotSynchronized']]));
    expect(await signIn(daveUser.id, 'Passw0rd!Dave1')).toBe(false);

    // Nothing ready: nothing is read again, and no record repeats.
    expect(await run()).toMatchObject({ full: false, read: 0, pending: 2 });
    expect(records).toEqual([]);

    const bobUser = await provision(bob);
    expect(await run()).toMatchObject({ full: false, read: 1, written: 1, pending: 1 });
    expect(ad.reads.slice(-2)).toEqual(['delta', `object ${bob.guid}`]);
    expect(await signIn(bobUser.id, 'Passw0rd!Bob1')).toBe(true);
    expect(await pending.resolvable(10)).toEqual([]);

    // The account is deleted in AD before its user appears: the single read finds nothing and forgets it.
    ad.accounts.delete(dave.guid);
    await t.store.db.updateTable('users').set({ data: JSON.stringify({ ...daveUser, onPremisesSyncEnabled: true }) }).where('id', '=', daveUser.id).execute();
    expect(await run()).toMatchObject({ read: 0, pending: 0 });
  });

  it('forgets a waiting account when an incremental read reports it deleted in AD, without a full read', async () => {
    const { ad, run, provision, pending } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const bob = ad.add('bob', 'Passw0rd!Bob1');
    const carol = ad.add('carol', null);
    await provision(alice);
    expect(await run()).toMatchObject({ full: true, waiting: 2, pending: 2 });

    ad.remove(bob);
    ad.remove(alice);
    expect(await run()).toMatchObject({ full: false, read: 0, pending: 1 });
    expect(ad.reads.slice(-1)).toEqual(['delta']);
    expect(await pending.count()).toBe(1);
    ad.remove(carol);
    expect(await run()).toMatchObject({ full: false, read: 0, pending: 0 });
  });

  it('finds the waiting accounts whose synchronized user now exists in one query, in objectGUID order, at most the limit', async () => {
    const { ad, run, provision, pending } = await setup();
    const accounts = ['erin', 'frank', 'grace', 'heidi'].map((name) => ad.add(name, `Passw0rd!${name}1`));
    expect(await run()).toMatchObject({ pending: 4 });
    const [erin, frank, grace] = accounts as [Account, Account, Account, Account];
    await provision(erin);
    await provision(frank, { onPremisesSyncEnabled: null });
    await provision(grace);
    const ready = [erin.guid, grace.guid].sort();
    expect(await pending.resolvable(10)).toEqual(ready);
    expect(await pending.resolvable(1)).toEqual(ready.slice(0, 1));
  });

  it(`turns into a full read when more than ${maxSingleReads} waiting accounts became ready`, async () => {
    const { ad, run, provision, signIn, pending } = await setup(10);
    const accounts = Array.from({ length: maxSingleReads + 1 }, (_, i) => ad.add(`user${i}`, `Passw0rd!User${i}`));
    const extra = ad.add('extra', 'Passw0rd!Extra');
    await provision(extra);
    expect(await run()).toMatchObject({ full: true, written: 1, pending: maxSingleReads + 1 });
    const users = [];
    for (const account of accounts) users.push(await provision(account));
    const result = await run();
    expect(result).toMatchObject({ full: true, read: maxSingleReads + 2, written: maxSingleReads + 1, pending: 0 });
    expect(ad.reads.slice(-1)).toEqual(['full']);
    expect(await signIn(users[7]!.id, 'Passw0rd!User7')).toBe(true);
    expect(await pending.count()).toBe(0);
  });

  it('reads everything when the saved watermark is not usable, and the restart clears it durably first', async () => {
    const { ad, run, provision, signIn, db, job } = await setup();
    const alice = ad.add('alice', 'Passw0rd!Alice');
    const aliceUser = await provision(alice);
    await writePasswordHashWatermark(db, job.id, 'drs1.from-another-domain', new Date());
    expect(await run()).toMatchObject({ full: true, written: 1 });
    expect(ad.reads.slice(-2)).toEqual(['delta', 'full']);
    expect(await signIn(aliceUser.id, 'Passw0rd!Alice')).toBe(true);
    expect(await readPasswordHashWatermark(db, job.id)).toBe(`usn:${ad.usn}`);

    const failing: PasswordHashSource = {
      readChanges: async function* () {
        yield* [];
        throw new Error('interrupted');
      },
      readObject: ad.readObject.bind(ad),
    };
    const log = new CycleLog(new ProvisioningLogWriter(db, { tenantId: newGuid() }), { jobId: job.id, cycleId: randomUUID(), servicePrincipal: { id: job.servicePrincipalId, displayName: 'x', appId: newGuid() }, sourceSystemName: 'Active Directory', targetSystemName: 'x' });
    await expect(
      runPasswordHashPass({ db, jobId: job.id, source: failing, log, report: { sourceSystem: 'AD', targetSystem: 'x', now: () => new Date() }, restart: true, counters: new CycleCounters(), checkpoint: async () => undefined }),
    ).rejects.toThrow('interrupted');
    expect(await readPasswordHashWatermark(db, job.id)).toBeNull();
  });
});
