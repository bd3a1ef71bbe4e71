// The provisioning engine at size (issue 6, item 10): a directory of 100,000 users and 2,000 groups with
// 200,000 memberships, all in scope (SyncAll), provisioned to a fast in-memory SCIM server in its own process.
// In the same run: that server's raw capacity for the initial cycle's request mix (autocannon, in a process of
// its own), the engine's initial cycle, and an incremental cycle after 100 user changes; peak RSS of the
// process that runs the engine. BENCH_ENGINE_USERS / BENCH_ENGINE_GROUPS / BENCH_ENGINE_MEMBERS_PER_GROUP scale
// it; BENCH_DATABASE_URL=postgres://… runs the store on PostgreSQL; BENCH_DURATION sets the load test's seconds.
// CPU time per object and per request (from /proc, on Linux) says where the time went on a shared machine,
// where wall times vary with the other processes' load.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { groupToRow } from '../src/directory/groups/group-repository.js';
import { newGroup } from '../src/directory/groups/group.js';
import { updateUser, userFromData, userToRow } from '../src/directory/users/user-repository.js';
import { newUser } from '../src/directory/users/user.js';
import type { CycleEvent } from '../src/engine/index.js';
import { createService, type Service } from '../src/service.js';
import type { Database } from '../src/store/database.js';
import type { Benchmark, BenchResult } from './types.js';

const userCount = Number(process.env.BENCH_ENGINE_USERS ?? 100_000);
const groupCount = Number(process.env.BENCH_ENGINE_GROUPS ?? 2_000);
const membersPerGroup = Number(process.env.BENCH_ENGINE_MEMBERS_PER_GROUP ?? 100);
const loadSeconds = Number(process.env.BENCH_DURATION ?? 10);
const changedUsers = 100;
const adminClientId = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5c';
const adminSecret = 'engine-bench-secret-0123456789';
const here = fileURLToPath(new URL('.', import.meta.url));

/** A deterministic GUID for object number `index` of a kind. */
const guid = (kind: number, index: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

function startProcess(script: string, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end !== -1) resolve(text.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)));
  });
}

/** CPU milliseconds (user + system) a process or one of its threads has used, from /proc; undefined elsewhere. */
function cpuMs(pid: number, thread?: number): number | undefined {
  const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  if (!existsSync(file)) return undefined;
  // Fields after the parenthesized command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU milliseconds used between two readings of cpuMs; NaN where /proc is not there. */
const cpuSince = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? Number.NaN : after - before);

async function loadTest(baseUrl: string, seconds: number): Promise<{ requestsPerSecond: number; non2xx: number; errors: number }> {
  return JSON.parse(await firstLine(startProcess('engine/load-generator.ts', [baseUrl, String(seconds)])));
}

async function seed(db: Kysely<Database>, domain: string): Promise<void> {
  const now = new Date().toISOString();
  const insert = async <T>(items: readonly T[], write: (trx: Kysely<Database>, chunk: readonly T[]) => Promise<void>) => {
    for (let start = 0; start < items.length; start += 10_000) {
      const batch = items.slice(start, start + 10_000);
      await db.transaction().execute(async (trx) => {
        for (let offset = 0; offset < batch.length; offset += 500) await write(trx, batch.slice(offset, offset + 500));
      });
    }
  };
  const users = Array.from({ length: userCount }, (_, index) => index);
  await insert(users, async (trx, chunk) => {
    const rows = chunk.map((index) =>
      userToRow(
        newUser(
          {
            id: guid(1, index),
            userPrincipalName: `u${index}@${domain}`,
            displayName: `User ${index}`,
            givenName: 'User',
            surname: String(index),
            mailNickname: `u${index}`,
            mail: `u${index}@${domain}`,
            jobTitle: 'Engineer',
            department: `Department ${index % 50}`,
            employeeId: String(100_000 + index),
          },
          now,
        ),
        { managerId: null, passwordHash: null },
      ),
    );
    await trx.insertInto('users').values(rows).execute();
  });
  const groups = Array.from({ length: groupCount }, (_, index) => index);
  await insert(groups, async (trx, chunk) => {
    const rows = chunk.map((index) => groupToRow(newGroup({ id: guid(2, index), displayName: `Group ${index}`, mailNickname: `group${index}`, mailEnabled: false, securityEnabled: true }, domain, now)));
    await trx.insertInto('groups').values(rows).execute();
  });
  // Group g has the users g·(n/groups)+k for k < membersPerGroup (wrapping), so members spread over everyone.
  const stride = Math.max(1, Math.floor(userCount / groupCount));
  const memberships = groups.flatMap((group) => Array.from({ length: membersPerGroup }, (_, k) => [group, (group * stride + k) % userCount] as const));
  await insert(memberships, async (trx, chunk) => {
    await trx
      .insertInto('group_members')
      .values(chunk.map(([group, user]) => ({ group_id: guid(2, group), member_id: guid(1, user), member_type: 'user', created_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
}

const benchmark: Benchmark = {
  name: 'engine',
  async run() {
    const server = startProcess('engine/memory-scim-server.ts');
    const dataDir = mkdtempSync(join(tmpdir(), 'provisio-engine-bench-'));
    let service: Service | undefined;
    try {
      const port = Number((await firstLine(server)).split(' ')[1]);
      const scimBase = `http://127.0.0.1:${port}/scim`;
      const stats = async () => (await (await fetch(`http://127.0.0.1:${port}/__stats`)).json()) as { requests: number; byMethod: Record<string, number>; users: number; groups: number; memberships: number };
      const reset = () => fetch(`http://127.0.0.1:${port}/__reset`, { method: 'POST' });

      process.stderr.write('  measuring the SCIM server alone…\n');
      await loadTest(`http://127.0.0.1:${port}`, 2);
      await reset();
      const serverCpuBeforeLoad = cpuMs(server.pid!);
      const raw = await loadTest(`http://127.0.0.1:${port}`, loadSeconds);
      if (raw.non2xx > 0 || raw.errors > 0) throw new Error(`load test: ${raw.non2xx} non-2xx, ${raw.errors} errors`);
      const rawServerCpu = cpuSince(serverCpuBeforeLoad, cpuMs(server.pid!));
      const rawRequests = (await stats()).requests;
      await reset();

      const ended: (CycleEvent & { state: string })[] = [];
      const waiters: (() => void)[] = [];
      const config = loadConfig({
        PROVISIO_DATA_DIR: dataDir,
        PROVISIO_ADMIN_CLIENT_ID: adminClientId,
        PROVISIO_ADMIN_CLIENT_SECRET: adminSecret,
        PROVISIO_LOG_LEVEL: 'silent',
        ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
      });
      service = await createService(config, {
        defaultMetrics: false,
        engine: {
          pollIntervalMs: 10,
          cycleIntervalMs: 3_600_000,
          progressIntervalMs: 5_000,
          observer: {
            cycleEnded: (event) => {
              ended.push(event);
              waiters.splice(0).forEach((wake) => wake());
            },
          },
        },
      });
      const { db } = service.context.store;
      process.stderr.write(`  seeding ${userCount} users, ${groupCount} groups, ${groupCount * membersPerGroup} memberships…\n`);
      await seed(db, service.context.tenant.defaultDomain);

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
      const created = await graph('POST', '/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate', { displayName: 'Bench SCIM app' });
      const spId = created.servicePrincipal.id as string;
      const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'scim' });
      const jobPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.id}`;
      await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, {
        value: [
          { key: 'BaseAddress', value: `${scimBase}?aadOptscim062020` },
          { key: 'SecretToken', value: 'bench-token' },
          { key: 'SyncAll', value: 'true' },
        ],
      });
      const cycle = async () => {
        const done = new Promise<void>((resolve) => waiters.push(resolve));
        const before = (await stats()).requests;
        const cpuBefore = { engine: process.cpuUsage(), main: cpuMs(process.pid, process.pid), server: cpuMs(server.pid!) };
        const started = performance.now();
        await graph('POST', `${jobPath}/start`);
        await done;
        const engineCpu = process.cpuUsage(cpuBefore.engine);
        const cpu = {
          engine: (engineCpu.user + engineCpu.system) / 1000,
          main: cpuSince(cpuBefore.main, cpuMs(process.pid, process.pid)),
          server: cpuSince(cpuBefore.server, cpuMs(server.pid!)),
        };
        const event = ended.at(-1)!;
        if (event.state !== 'Succeeded') throw new Error(`the ${event.kind} cycle ended ${event.state}: ${JSON.stringify((await graph('GET', jobPath)).status.lastExecution)}`);
        return { ms: performance.now() - started, requests: (await stats()).requests - before, cpu };
      };

      process.stderr.write('  initial cycle…\n');
      const initial = await cycle();
      const afterInitial = await stats();
      const objects = userCount + groupCount;
      if (afterInitial.users !== userCount || afterInitial.groups !== groupCount || afterInitial.memberships !== groupCount * membersPerGroup) {
        throw new Error(`the target holds ${afterInitial.users} users, ${afterInitial.groups} groups, ${afterInitial.memberships} memberships`);
      }

      process.stderr.write(`  incremental cycle after ${changedUsers} changes…\n`);
      const rows = await db.selectFrom('users').select('data').orderBy('id').limit(changedUsers).execute();
      for (const row of rows) {
        const user = userFromData(row.data);
        await db.transaction().execute((trx) => updateUser(trx, { ...user, jobTitle: 'Principal Engineer' }, ['jobTitle']));
      }
      const incremental = await cycle();
      if (incremental.requests !== changedUsers) throw new Error(`the incremental cycle sent ${incremental.requests} requests for ${changedUsers} changes`);

      const engineRate = initial.requests / (initial.ms / 1000);
      const ratio = engineRate / raw.requestsPerSecond;
      const peakMiB = process.resourceUsage().maxRSS / 1024;
      const perObject = (ms: number) => (ms / objects) * 1000;
      const results: BenchResult[] = [
        { name: 'SCIM server raw capacity (lookup + create mix, autocannon, 16 connections)', value: raw.requestsPerSecond, unit: 'req/s' },
        ...(Number.isNaN(rawServerCpu) ? [] : [{ name: 'SCIM server CPU per request at raw capacity', value: (rawServerCpu / rawRequests) * 1000, unit: 'µs' }]),
        { name: `initial cycle: ${userCount} users, ${groupCount} groups, ${groupCount * membersPerGroup} memberships`, value: initial.ms / 1000, unit: 's', goal: '< 120', ok: initial.ms < 120_000 },
        { name: 'initial cycle throughput', value: objects / (initial.ms / 1000), unit: 'objects/s' },
        { name: `engine request rate (${initial.requests} requests: ${JSON.stringify(afterInitial.byMethod).replace(/"/g, '')})`, value: engineRate, unit: 'req/s' },
        { name: 'engine request rate / server raw capacity', value: ratio, unit: 'ratio', goal: '>= 0.7', ok: ratio >= 0.7 },
        ...(Number.isNaN(initial.cpu.main)
          ? []
          : [
              { name: 'initial cycle: engine process CPU per object (all threads)', value: perObject(initial.cpu.engine), unit: 'µs' },
              { name: 'initial cycle: engine main thread CPU per object', value: perObject(initial.cpu.main), unit: 'µs' },
              { name: 'initial cycle: SCIM server CPU per request', value: (initial.cpu.server / initial.requests) * 1000, unit: 'µs' },
            ]),
        { name: `incremental cycle after ${changedUsers} user changes`, value: incremental.ms, unit: 'ms', goal: '< 2000', ok: incremental.ms < 2_000 },
        { name: 'peak RSS of the engine process', value: peakMiB, unit: 'MiB', goal: '< 1024', ok: peakMiB < 1024 },
      ];
      return results;
    } finally {
      await service?.close();
      server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
