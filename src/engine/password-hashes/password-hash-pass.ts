import type { Kysely } from 'kysely';
import { PasswordHashWatermarkError, type HashBatch, type PasswordHashChange, type PasswordHashSource } from '../../connectors/ad-password-hashes/index.js';
import { guidToBase64, parseGuid } from '../../connectors/ldap/index.js';
import {
  findUsersByImmutableIds,
  storeSyncedCredentials,
  type SyncedCredentialWrite,
  type SyncedUserCredential,
} from '../../directory/users/synced-user-credentials.js';
import type { Database } from '../../store/database.js';
import type { CycleCounters } from '../cycle/cycle-counters.js';
import type { CycleLog } from '../logs/cycle-log.js';
import { readPasswordHashWatermark, writePasswordHashWatermark } from '../state/job-state.js';
import { PendingPasswordHashes, type PendingPasswordHash } from '../state/pending-password-hashes.js';
import { planCredential, type CredentialPlan } from './credential-plan.js';
import { accountOf, credentialReport, skippedReport, type HashAccount, type HashReportContext } from './hash-reports.js';

export interface PasswordHashPassInput {
  readonly db: Kysely<Database>;
  readonly jobId: string;
  readonly source: PasswordHashSource;
  readonly log: CycleLog;
  readonly report: HashReportContext;
  /** A restart with the Watermark (or Full) scope: every account is read again. */
  readonly restart: boolean;
  /** Progress (processed, total) and exports are counted here. */
  readonly counters: CycleCounters;
  /** Throws CycleStoppedError at a safe point (between batches) when the cycle must stop. */
  readonly checkpoint: () => Promise<void>;
}

export interface PasswordHashPassResult {
  /** Every account was read (first run, restart, many users newly provisioned, an unusable watermark). */
  readonly full: boolean;
  /** Accounts read. */
  readonly read: number;
  /** Credentials stored or removed. */
  readonly written: number;
  /** Hashes withheld: the password must be changed at next logon. */
  readonly withheld: number;
  /** Accounts read in this pass whose user does not exist or is not synchronized yet. */
  readonly waiting: number;
  /** Accounts waiting for their user after this pass, this pass's and earlier ones. */
  readonly pending: number;
}

/**
 * Accounts waiting for their user that are read again one by one (one helper run each, a fraction of a
 * second); when more are ready, one full read is cheaper, and unchanged credentials cost it no write.
 */
export const maxSingleReads = 20;

/**
 * The password hash pass (docs/password-hash-sync.md), shared by the AD2AADPasswordHash job and the
 * provisioning job that maps `CredentialData ← [PasswordHash]`:
 * 1. read the accounts whose password changed since the job's replication watermark (all of them on a first
 *    run or after a restart with Watermark or Full);
 * 2. link each to the directory user created from the same AD object (onPremisesImmutableId = base64 of the
 *    objectGUID bytes), synchronized users only;
 * 3. derive CredentialData (PBKDF2-HMAC-SHA256, per-user salt, 1,000 iterations) and store it; the NT hash
 *    is zeroed at once; "must change password at next logon" is withheld; no password removes the credential;
 * 4. accounts whose user does not exist yet are remembered (never their hash) and read again, alone, once it
 *    does, so the watermark always moves and no cycle reads the whole domain again for them; an account the
 *    read reports deleted is forgotten.
 * The watermark is saved only after the read's last batch: an interrupted pass repeats its read.
 */
export async function runPasswordHashPass(input: PasswordHashPassInput): Promise<PasswordHashPassResult> {
  const { db, jobId, source } = input;
  const pending = new PendingPasswordHashes(db, jobId);
  const now = () => input.report.now();
  if (input.restart) await writePasswordHashWatermark(db, jobId, null, now());
  const watermark = input.restart ? null : await readPasswordHashWatermark(db, jobId);
  const ready = watermark === null ? [] : await pending.resolvable(maxSingleReads + 1);
  let full = watermark === null || ready.length > maxSingleReads;
  const pass = new Pass(input, pending);
  const readStarted = now();
  let next: string | undefined;
  try {
    next = await pass.consume(source.readChanges(full ? undefined : (watermark as string)), full);
  } catch (error) {
    if (!(error instanceof PasswordHashWatermarkError) || full || pass.read > 0) throw error;
    // The saved position is not usable here (another domain, or not written by this reader): read everything.
    full = true;
    next = await pass.consume(source.readChanges(undefined), true);
  }
  if (full) {
    await pending.dropUnseenSince(readStarted);
  } else {
    for (const objectGuid of ready) {
      if (pass.met.has(objectGuid)) continue;
      await pass.consume(source.readObject(objectGuid), true);
      // Not returned: the account was deleted or left the scope since.
      if (!pass.met.has(objectGuid)) await pending.remove([objectGuid]);
    }
  }
  if (next !== undefined) await writePasswordHashWatermark(db, jobId, next, now());
  return { full, read: pass.read, written: pass.written, withheld: pass.withheld, waiting: pass.waiting, pending: await pending.count() };
}

/** One pass's reads: batches applied as they arrive, tallies kept for the result. */
class Pass {
  read = 0;
  written = 0;
  withheld = 0;
  waiting = 0;
  /** objectGUIDs the pass read. */
  readonly met = new Set<string>();

  constructor(
    private readonly input: PasswordHashPassInput,
    private readonly pending: PendingPasswordHashes,
  ) {}

  /** Applies every batch of a read; returns the watermark of its last batch. */
  async consume(batches: AsyncIterable<HashBatch>, full: boolean): Promise<string | undefined> {
    let watermark: string | undefined;
    for await (const batch of batches) {
      await this.apply(batch.changes, full);
      // Deleted in AD: an account waiting for its user would otherwise wait until the next full read.
      await this.pending.remove(batch.deletedObjectGuids);
      if (batch.watermark !== undefined) watermark = batch.watermark;
      await this.input.checkpoint();
    }
    return watermark;
  }

  async apply(changes: readonly PasswordHashChange[], full: boolean): Promise<void> {
    const { db, counters, report, log } = this.input;
    counters.total += changes.length;
    const accounts = changes.map((change) => accountOf(change, guidToBase64(parseGuid(change.objectGuid))));
    const users = await findUsersByImmutableIds(db, accounts.map((account) => account.immutableId));
    const toStore: { account: HashAccount; user: SyncedUserCredential; plan: Extract<CredentialPlan, { kind: 'set' | 'remove' }> }[] = [];
    const waiting: PendingPasswordHash[] = [];
    const settled: string[] = [];
    changes.forEach((change, index) => {
      const account = accounts[index] as HashAccount;
      const user = users.get(account.immutableId);
      const plan = planCredential(change, user, full);
      this.met.add(account.objectGuid);
      if (plan.kind === 'set' || plan.kind === 'remove') {
        toStore.push({ account, user: user as SyncedUserCredential, plan });
      } else if (plan.kind === 'missing' || plan.kind === 'notSynchronized') {
        waiting.push({ objectGuid: account.objectGuid, immutableId: account.immutableId });
        log.add(skippedReport(report, account, user, plan.kind));
      } else {
        settled.push(account.objectGuid);
        if (plan.kind === 'withhold') {
          this.withheld += 1;
          log.add(skippedReport(report, account, user, 'withhold'));
        }
      }
    });
    counters.exportsNeeded += toStore.length;
    const writes: SyncedCredentialWrite[] = toStore.map(({ user, plan, account }) => ({
      userId: user.id,
      credential: plan.kind === 'set' ? plan.credential : null,
      changedAt: account.pwdLastSet ?? undefined,
    }));
    const stored = new Map((await storeSyncedCredentials(db, writes)).map((result) => [result.userId, result]));
    for (const { account, user, plan } of toStore) {
      const result = stored.get(user.id);
      if (result) {
        settled.push(account.objectGuid);
        log.add(credentialReport(report, account, user, plan, result));
      } else {
        // Deleted between the lookup and the write: it waits like a user that never existed.
        waiting.push({ objectGuid: account.objectGuid, immutableId: account.immutableId });
        log.add(skippedReport(report, account, undefined, 'missing'));
      }
    }
    await this.pending.add(waiting, report.now());
    await this.pending.remove(settled);
    this.read += changes.length;
    this.written += stored.size;
    this.waiting += waiting.length;
    counters.exported += stored.size;
    counters.processed += changes.length;
  }
}
