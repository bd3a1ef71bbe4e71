import { deriveCredentialData } from '../src/auth/credential-data.js';
import { DrsrPasswordHashSource } from '../src/connectors/ad-password-hashes/index.js';
import type { PasswordHashSource } from '../src/connectors/ad-password-hashes/index.js';
import { envCount } from './support/env-count.js';
import { hasReplicationDc, setPasswords, startPasswordBenchDc } from './support/password-dc.js';
import type { Benchmark, BenchResult } from './types.js';

/*
 * Password hash sync from a real Samba AD DC: the time for one cycle to read USERS password changes
 * over MS-DRSR (the helper process, GetNCChanges from the saved watermark, decryption) and to turn them
 * into CredentialData. Setup provisions a DC, adds USERS accounts without passwords, reads once for a
 * watermark, then sets every password directly in sam.ldb (Samba computes all its keys for each one,
 * about 35 ms each here, so setup takes a few minutes). The delta is read several times from the same
 * watermark; the median counts. PHS_BENCH_USERS overrides the 5,000.
 */
const USERS = envCount('PHS_BENCH_USERS', 5000);
const ROUNDS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timed(action: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  const count = await action();
  return { ms: performance.now() - started, count };
}

async function drain(source: PasswordHashSource, watermark: string | undefined, derive: boolean): Promise<number> {
  let count = 0;
  for await (const batch of source.readChanges(watermark)) {
    for (const change of batch.changes) {
      if (derive && change.ntHash) deriveCredentialData(change.ntHash);
      count++;
    }
  }
  return count;
}

async function lastWatermark(source: PasswordHashSource): Promise<string | undefined> {
  let watermark: string | undefined;
  for await (const batch of source.readChanges(undefined)) watermark = batch.watermark ?? watermark;
  return watermark;
}

const benchmark: Benchmark = {
  name: 'password hash sync',
  async run(): Promise<BenchResult[]> {
    if (!hasReplicationDc) {
      process.stderr.write('password hash sync: Samba AD DC or python3-samba missing, benchmark skipped\n');
      return [];
    }
    const bench = await startPasswordBenchDc(USERS);
    const { dc, ou, sync } = bench;
    try {
      const source = DrsrPasswordHashSource.fromSecrets(dc.secrets({ UserName: sync.name, Password: sync.password, BaseDN: ou }));
      const full = await timed(() => drain(source, undefined, false));
      const watermark = await lastWatermark(source);

      const setSeconds = await setPasswords(bench);

      const reads = [];
      const derived = [];
      for (let round = 0; round < ROUNDS; round++) {
        reads.push(await timed(() => drain(source, watermark, false)));
        derived.push(await timed(() => drain(source, watermark, true)));
      }
      const counts = new Set([...reads, ...derived].map((r) => r.count));
      if (counts.size !== 1 || !counts.has(USERS)) throw new Error(`expected ${USERS} changes per read, got ${[...counts].join(', ')}`);
      const readMs = median(reads.map((r) => r.ms));
      const derivedMs = median(derived.map((r) => r.ms));
      return [
        { name: `read ${USERS.toLocaleString('en-US')} password changes (DRS delta, helper process)`, value: readMs, unit: 'ms', goal: '< 120000 (one PT2M cycle)', ok: readMs < 120_000 },
        { name: 'password changes read', value: (USERS / readMs) * 1000, unit: 'changes/s' },
        { name: `read + derive CredentialData for ${USERS.toLocaleString('en-US')} changes`, value: derivedMs, unit: 'ms' },
        { name: `full read of ${full.count.toLocaleString('en-US')} accounts without passwords`, value: full.ms, unit: 'ms' },
        { name: `setup: Samba sets ${USERS.toLocaleString('en-US')} passwords (not the engine)`, value: setSeconds, unit: 's' },
      ];
    } finally {
      await dc.stop();
    }
  },
};

export default benchmark;
