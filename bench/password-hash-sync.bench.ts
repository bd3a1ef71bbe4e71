// Password hash sync end to end (issue 8): the time for one cycle of an AD2AADPasswordHash job to sync
// USERS password changes from a real Samba AD DC — the engine's runner, the helper process reading the delta
// over MS-DRSR, the lookup of the directory users, the CredentialData derivation, the credential writes and a
// provisioning log record per user — from the start request to the job's status being written. Setup: a DC
// with USERS accounts without passwords, the same number of synchronized directory users seeded straight into
// the store, a first (full) cycle, then every password set directly in sam.ldb (Samba computes all its keys for
// each, so setup takes minutes). PHS_BENCH_USERS overrides the 5,000; BENCH_DATABASE_URL=postgres://… puts the
// store on PostgreSQL. `npm run bench password-hash-sync` runs it alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { DrsrPasswordHashSource } from '../src/connectors/ad-password-hashes/index.js';
import { guidToBase64, parseGuid } from '../src/connectors/ldap/index.js';
import { cloudSyncApplicationTemplateId } from '../src/directory/application-templates/ids.js';
import { userToRow } from '../src/directory/users/user-repository.js';
import { newUser } from '../src/directory/users/user.js';
import { verifyUserPassword } from '../src/directory/users/user-password.js';
import type { CycleEvent } from '../src/engine/index.js';
import { createService, type Service } from '../src/service.js';
import { hasSamba, startSambaDc } from '../test/support/samba-ad.js';
import type { Benchmark, BenchResult } from './types.js';

const USERS = Number(process.env.PHS_BENCH_USERS ?? 5000);
const LDIF_CHUNK = 500;
// Samba computes every key of a password (tens of ms each): small chunks stay within ldbmodify's timeout on a loaded machine.
const PASSWORD_CHUNK = 100;
const adminClientId = '0b6c1f3e-5d2a-4c8b-9e7f-1a2b3c4d5e6f';
const adminSecret = 'phs-bench-secret-0123456789';
const sync = { name: 'svc-phs', password: 'Passw0rd!Sync1' };

const benchmark: Benchmark = {
  name: 'password hash sync job',
  async run(): Promise<BenchResult[]> {
    const bindings = spawnSync('/usr/bin/python3', ['-I', '-c', 'import samba.dcerpc.drsuapi'], { stdio: 'ignore' }).status === 0;
    if (!hasSamba || !bindings) {
      process.stderr.write('password hash sync job: Samba AD DC or python3-samba missing, benchmark skipped\n');
      return [];
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'provisio-phs-bench-'));
    const dc = await startSambaDc({ services: ['ldap', 'rpc'] });
    let service: Service | undefined;
    try {
      process.stderr.write(`  a DC with ${USERS} accounts…\n`);
      const ou = await dc.createOu('Bench');
      const account = await dc.createUser({ name: sync.name, password: sync.password });
      for (const right of ['get-changes', 'get-changes-all']) {
        await dc.tool('dsacl', 'set', `--car=${right}`, '--action=allow', `--objectdn=${dc.baseDn}`, `--trusteedn=${account.dn}`);
      }
      const names = Array.from({ length: USERS }, (_, i) => `user${String(i).padStart(5, '0')}`);
      for (let i = 0; i < USERS; i += LDIF_CHUNK) {
        // 544 = normal account, password not required: created without a password, enabled.
        const ldif = names.slice(i, i + LDIF_CHUNK).map((name) =>
          [`dn: CN=${name},${ou}`, 'changetype: add', 'objectClass: user', `sAMAccountName: ${name}`, 'userAccountControl: 544', ''].join('\n'),
        );
        await dc.ldbModify(`${ldif.join('\n')}\n`);
      }
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

      const ended: (CycleEvent & { state: string })[] = [];
      const waiters: (() => void)[] = [];
      service = await createService(
        loadConfig({
          PROVISIO_DATA_DIR: dataDir,
          PROVISIO_ADMIN_CLIENT_ID: adminClientId,
          PROVISIO_ADMIN_CLIENT_SECRET: adminSecret,
          PROVISIO_LOG_LEVEL: 'silent',
          ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
        }),
        {
          defaultMetrics: false,
          engine: {
            pollIntervalMs: 10,
            cycleIntervalMs: 3_600_000,
            observer: {
              cycleEnded: (event) => {
                ended.push(event);
                waiters.splice(0).forEach((wake) => wake());
              },
            },
          },
        },
      );
      const { db } = service.context.store;
      const domain = service.context.tenant.defaultDomain;
      process.stderr.write(`  seeding ${USERS} synchronized directory users…\n`);
      const now = new Date().toISOString();
      const users = names.map((name, i) =>
        newUser(
          {
            id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
            userPrincipalName: `${name}@${domain}`,
            displayName: name,
            onPremisesImmutableId: guidToBase64(parseGuid(guids.get(name) as string)),
            onPremisesSyncEnabled: true,
          },
          now,
        ),
      );
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < users.length; i += LDIF_CHUNK) {
          await trx.insertInto('users').values(users.slice(i, i + LDIF_CHUNK).map((user) => userToRow(user, { managerId: null, passwordHash: null }))).execute();
        }
      });

      const token = (
        (await service.app
          .inject({
            method: 'POST',
            url: `/${service.context.tenant.id}/oauth2/v2.0/token`,
            payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: adminClientId, client_secret: adminSecret, scope: 'https://graph.microsoft.com/.default' }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
          .then((response) => response.json())) as { access_token: string }
      ).access_token;
      const graph = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
        const response = await service!.app.inject({
          method,
          url: `/beta${url}`,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
        if (response.statusCode >= 400) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
        return response.body === '' ? undefined : response.json();
      };
      const created = await graph('POST', `/applicationTemplates/${cloudSyncApplicationTemplateId}/instantiate`, { displayName: 'Bench cloud sync' });
      const spId = created.servicePrincipal.id as string;
      const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'AD2AADPasswordHash' });
      const jobPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.id}`;
      await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, { value: Object.entries(secrets).map(([key, value]) => ({ key, value })) });
      const cycle = async () => {
        const done = new Promise<void>((resolve) => waiters.push(resolve));
        const started = performance.now();
        await graph('POST', `${jobPath}/start`);
        await done;
        const ms = performance.now() - started;
        const execution = (await graph('GET', jobPath)).status.lastExecution;
        if (ended.at(-1)?.state !== 'Succeeded') throw new Error(`the cycle ended ${ended.at(-1)?.state}: ${JSON.stringify(execution)}`);
        return { ms, execution };
      };

      process.stderr.write('  first cycle (every account, none with a password)…\n');
      const first = await cycle();

      process.stderr.write(`  setting ${USERS} passwords in AD (Samba, not the engine)…\n`);
      const setStarted = performance.now();
      for (let i = 0; i < USERS; i += PASSWORD_CHUNK) {
        const ldif = names.slice(i, i + PASSWORD_CHUNK).map((name, j) => {
          const value = Buffer.from(`"Bench!Pass-${i + j}"`, 'utf16le').toString('base64');
          return [`dn: CN=${name},${ou}`, 'changetype: modify', 'replace: unicodePwd', `unicodePwd:: ${value}`, ''].join('\n');
        });
        await dc.ldbModify(`${ldif.join('\n')}\n`);
      }
      const setSeconds = (performance.now() - setStarted) / 1000;

      process.stderr.write(`  the cycle that syncs ${USERS} password changes…\n`);
      const changes = await cycle();
      if (changes.execution.countExported !== USERS) throw new Error(`the cycle wrote ${changes.execution.countExported} credentials, expected ${USERS}`);
      const sample = await db.selectFrom('users').select('password_hash').where('id', '=', users[USERS - 1]!.id).executeTakeFirstOrThrow();
      if (!(await verifyUserPassword(`Bench!Pass-${USERS - 1}`, sample.password_hash))) throw new Error('a synchronized password does not verify');

      return [
        { name: `one cycle syncing ${USERS.toLocaleString('en-US')} password changes (start → status written)`, value: changes.ms, unit: 'ms', goal: '< 120000 (one PT2M cycle)', ok: changes.ms < 120_000 },
        { name: 'password changes synced', value: (USERS / changes.ms) * 1000, unit: 'changes/s' },
        { name: `first cycle: ${USERS.toLocaleString('en-US')} accounts without passwords`, value: first.ms, unit: 'ms' },
        { name: `setup: Samba sets ${USERS.toLocaleString('en-US')} passwords (not the engine)`, value: setSeconds, unit: 's' },
      ];
    } finally {
      await service?.close();
      await dc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
