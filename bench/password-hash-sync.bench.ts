// Password hash sync end to end (issue 8): the time for one cycle of an AD2AADPasswordHash job to sync
// USERS password changes from a real Samba AD DC — the engine's runner, the helper process reading the delta
// over MS-DRSR, the lookup of the directory users, the CredentialData derivation, the credential writes and a
// provisioning log record per user — from the start request to the job's status being written. Setup: a DC
// with USERS accounts without passwords, the same number of synchronized directory users seeded straight into
// the store, a first (full) cycle, then every password set directly in sam.ldb (Samba computes all its keys for
// each, so setup takes minutes). PHS_BENCH_USERS overrides the 5,000; BENCH_DATABASE_URL=postgres://… puts the
// store on PostgreSQL. `npm run bench password-hash-sync` runs it alone.
import { DrsrPasswordHashSource } from '../src/connectors/ad-password-hashes/index.js';
import { guidToBase64, parseGuid } from '../src/connectors/ldap/index.js';
import { cloudSyncApplicationTemplateId } from '../src/directory/application-templates/ids.js';
import { userToRow } from '../src/directory/users/user-repository.js';
import { newUser } from '../src/directory/users/user.js';
import { verifyUserPassword } from '../src/directory/users/user-password.js';
import { startBenchService, type BenchService } from './support/bench-service.js';
import { envCount } from './support/env-count.js';
import { benchPassword, hasReplicationDc, setPasswords, startPasswordBenchDc } from './support/password-dc.js';
import { benchGuid, inChunks } from './support/store-seeding.js';
import type { Benchmark, BenchResult } from './types.js';

const USERS = envCount('PHS_BENCH_USERS', 5000);

const benchmark: Benchmark = {
  name: 'password hash sync job',
  async run(): Promise<BenchResult[]> {
    if (!hasReplicationDc) {
      process.stderr.write('password hash sync job: Samba AD DC or python3-samba missing, benchmark skipped\n');
      return [];
    }
    process.stderr.write(`  a DC with ${USERS} accounts…\n`);
    const passwordDc = await startPasswordBenchDc(USERS);
    const { dc, ou, names, sync } = passwordDc;
    let bench: BenchService | undefined;
    try {
      const secrets = {
        Domain: JSON.stringify({ domain: dc.domain }),
        Server: dc.ldapUrl,
        UserName: `${sync.name}@${dc.domain}`,
        Password: sync.password,
        BaseDN: ou,
        AppKey: '{"appKeyScenario":"AD2AADPasswordHash"}',
      };
      // The objectGUIDs, as the provisioning job would have read them.
      const guids = new Map<string, string>();
      for await (const batch of DrsrPasswordHashSource.fromSecrets(new Map(Object.entries(secrets))).readChanges(undefined)) {
        for (const change of batch.changes) guids.set(change.samAccountName, change.objectGuid);
      }
      if (guids.size !== USERS) throw new Error(`expected ${USERS} accounts, read ${guids.size}`);

      bench = await startBenchService();
      const { service, graph } = bench;
      const { db } = service.context.store;
      const domain = service.context.tenant.defaultDomain;
      process.stderr.write(`  seeding ${USERS} synchronized directory users…\n`);
      const now = new Date().toISOString();
      const users = names.map((name, i) =>
        newUser(
          {
            id: benchGuid(0, i),
            userPrincipalName: `${name}@${domain}`,
            displayName: name,
            onPremisesImmutableId: guidToBase64(parseGuid(guids.get(name) as string)),
            onPremisesSyncEnabled: true,
          },
          now,
        ),
      );
      await inChunks(db, users, async (trx, chunk) => {
        await trx.insertInto('users').values(chunk.map((user) => userToRow(user, { managerId: null, passwordHash: null }))).execute();
      });

      const created = await graph('POST', `/applicationTemplates/${cloudSyncApplicationTemplateId}/instantiate`, { displayName: 'Bench cloud sync' });
      const spId = created.servicePrincipal.id as string;
      const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'AD2AADPasswordHash' });
      const jobPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.id}`;
      await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, { value: Object.entries(secrets).map(([key, value]) => ({ key, value })) });

      process.stderr.write('  first cycle (every account, none with a password)…\n');
      const first = await bench.cycle(jobPath);

      process.stderr.write(`  setting ${USERS} passwords in AD (Samba, not the engine)…\n`);
      const setSeconds = await setPasswords(passwordDc);

      process.stderr.write(`  the cycle that syncs ${USERS} password changes…\n`);
      const changes = await bench.cycle(jobPath);
      if (changes.execution.countExported !== USERS) throw new Error(`the cycle wrote ${changes.execution.countExported} credentials, expected ${USERS}`);
      const sample = await db.selectFrom('users').select('password_hash').where('id', '=', users[USERS - 1]!.id).executeTakeFirstOrThrow();
      if (!(await verifyUserPassword(benchPassword(USERS - 1), sample.password_hash))) throw new Error('a synchronized password does not verify');

      return [
        { name: `one cycle syncing ${USERS.toLocaleString('en-US')} password changes (start → status written)`, value: changes.ms, unit: 'ms', goal: '< 120000 (one PT2M cycle)', ok: changes.ms < 120_000 },
        { name: 'password changes synced', value: (USERS / changes.ms) * 1000, unit: 'changes/s' },
        { name: `first cycle: ${USERS.toLocaleString('en-US')} accounts without passwords`, value: first.ms, unit: 'ms' },
        { name: `setup: Samba sets ${USERS.toLocaleString('en-US')} passwords (not the engine)`, value: setSeconds, unit: 's' },
      ];
    } finally {
      await bench?.close();
      await dc.stop();
    }
  },
};

export default benchmark;
