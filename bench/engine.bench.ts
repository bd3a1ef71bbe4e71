// The provisioning engine at size (issue 6, item 10): a directory of 100,000 users and 2,000 groups with
// 200,000 memberships, all in scope (SyncAll), provisioned to a fast in-memory SCIM server in its own process.
// In the same run: that server's raw capacity for the initial cycle's request mix (autocannon, in a process of
// its own), the engine's initial cycle, and an incremental cycle after 100 user changes; peak RSS of the
// process that runs the engine. BENCH_ENGINE_USERS / BENCH_ENGINE_GROUPS / BENCH_ENGINE_MEMBERS_PER_GROUP scale
// it; BENCH_DATABASE_URL=postgres://… runs the store on PostgreSQL; BENCH_DURATION sets the load test's seconds.
// CPU time per object and per request (from /proc, on Linux) says where the time went on a shared machine,
// where wall times vary with the other processes' load.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { nonGalleryApplicationTemplateId } from '../src/directory/application-templates/ids.js';
import { groupToRow } from '../src/directory/groups/group-repository.js';
import { newGroup } from '../src/directory/groups/group.js';
import { updateUser, userFromData, userToRow } from '../src/directory/users/user-repository.js';
import { newUser } from '../src/directory/users/user.js';
import type { Database } from '../src/store/database.js';
import { startBenchService, type BenchService } from './support/bench-service.js';
import { envCount } from './support/env-count.js';
import { cpuMs, cpuSince } from './support/proc-cpu.js';
import { benchGuid as guid, inChunks } from './support/store-seeding.js';
import type { Benchmark, BenchResult } from './types.js';

const changedUsers = 100;
const userCount = envCount('BENCH_ENGINE_USERS', 100_000, changedUsers);
const groupCount = envCount('BENCH_ENGINE_GROUPS', 2_000);
const membersPerGroup = envCount('BENCH_ENGINE_MEMBERS_PER_GROUP', 100);
const loadSeconds = envCount('BENCH_DURATION', 10);
const here = fileURLToPath(new URL('.', import.meta.url));

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

async function loadTest(baseUrl: string, seconds: number): Promise<{ requestsPerSecond: number; non2xx: number; errors: number }> {
  return JSON.parse(await firstLine(startProcess('engine/load-generator.ts', [baseUrl, String(seconds)])));
}

async function seed(db: Kysely<Database>, domain: string): Promise<void> {
  const now = new Date().toISOString();
  const users = Array.from({ length: userCount }, (_, index) => index);
  await inChunks(db, users, async (trx, chunk) => {
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
  await inChunks(db, groups, async (trx, chunk) => {
    const rows = chunk.map((index) => groupToRow(newGroup({ id: guid(2, index), displayName: `Group ${index}`, mailNickname: `group${index}`, mailEnabled: false, securityEnabled: true }, domain, now)));
    await trx.insertInto('groups').values(rows).execute();
  });
  // Group g has the users g·(n/groups)+k for k < membersPerGroup (wrapping), so members spread over everyone.
  const stride = Math.max(1, Math.floor(userCount / groupCount));
  const memberships = groups.flatMap((group) => Array.from({ length: membersPerGroup }, (_, k) => [group, (group * stride + k) % userCount] as const));
  await inChunks(db, memberships, async (trx, chunk) => {
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
    let bench: BenchService | undefined;
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

      bench = await startBenchService();
      const { service, graph, cycle: benchCycle } = bench;
      const { db } = service.context.store;
      process.stderr.write(`  seeding ${userCount} users, ${groupCount} groups, ${groupCount * membersPerGroup} memberships…\n`);
      await seed(db, service.context.tenant.defaultDomain);

      const created = await graph('POST', `/applicationTemplates/${nonGalleryApplicationTemplateId}/instantiate`, { displayName: 'Bench SCIM app' });
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
      /** A cycle, with the requests the server received and the CPU it used meanwhile. */
      const cycle = async () => {
        const requestsBefore = (await stats()).requests;
        const serverCpuBefore = cpuMs(server.pid!);
        const run = await benchCycle(jobPath);
        const serverCpu = cpuSince(serverCpuBefore, cpuMs(server.pid!));
        return { ...run, requests: (await stats()).requests - requestsBefore, serverCpu };
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
        ...(Number.isNaN(initial.mainThreadCpuMs)
          ? []
          : [
              { name: 'initial cycle: engine process CPU per object (all threads)', value: perObject(initial.cpuMs), unit: 'µs' },
              { name: 'initial cycle: engine main thread CPU per object', value: perObject(initial.mainThreadCpuMs), unit: 'µs' },
              { name: 'initial cycle: SCIM server CPU per request', value: (initial.serverCpu / initial.requests) * 1000, unit: 'µs' },
            ]),
        { name: `incremental cycle after ${changedUsers} user changes`, value: incremental.ms, unit: 'ms', goal: '< 2000', ok: incremental.ms < 2_000 },
        { name: 'peak RSS of the engine process', value: peakMiB, unit: 'MiB', goal: '< 1024', ok: peakMiB < 1024 },
      ];
      return results;
    } finally {
      await bench?.close();
      server.kill();
    }
  },
};

export default benchmark;
