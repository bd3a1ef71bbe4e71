// Cloud sync at size (issue 7, item 7): 20,000 users and 500 groups in a throw-away Samba AD DC (every user in
// one group, one group in five nested in another, managers), provisioned into the directory by an
// AD2AADProvisioning job. In the same run: the raw paged-search read rate of those entries (ldapts, the same
// bases, filters, attributes and page size as the LDAP source), the engine's initial cycle (start request →
// status written), their ratio, and an incremental cycle after attribute changes on 50 users (DirSync).
// BENCH_CLOUD_SYNC_USERS / BENCH_CLOUD_SYNC_GROUPS scale it; BENCH_DATABASE_URL=postgres://… puts the store on
// PostgreSQL. Populating the DC (LDIF written to sam.ldb with ldbmodify, the fastest way Samba offers: see
// docs/benchmarks.md) takes minutes and is not measured.
import { Attribute, Change, Client } from 'ldapts';
import { defaultBinaryAttributes } from '../src/connectors/ldap/index.js';
import { cloudSyncApplicationTemplateId } from '../src/directory/application-templates/ids.js';
import { defaultEngineOptions } from '../src/engine/index.js';
import { objectTypeFilter } from '../src/engine/sources/ldap-object-types.js';
import { LdapScope } from '../src/engine/sources/ldap-scope.js';
import { ldapSourceSchema } from '../src/engine/sources/ldap-source-schema.js';
import { searchAttributes } from '../src/engine/sources/ldap-source.js';
import type { SynchronizationSchema } from '../src/sync/schema/index.js';
import { hasSamba, startSambaDc, type SambaDc } from '../test/support/samba-ad.js';
import { startBenchService, type BenchService } from './support/bench-service.js';
import { envCount } from './support/env-count.js';
import type { Benchmark, BenchResult } from './types.js';

const CHANGES = 50;
const USERS = envCount('BENCH_CLOUD_SYNC_USERS', 20_000, CHANGES);
const GROUPS = envCount('BENCH_CLOUD_SYNC_GROUPS', 500);
/** Entries per ldbmodify run: one transaction each; Samba's per-entry cost grows with the directory, not the chunk. */
const LDIF_CHUNK = 1_000;
/** Every MANAGER_SPAN-th user manages the users up to the next one. */
const MANAGER_SPAN = 50;

const userName = (index: number) => `user${String(index).padStart(5, '0')}`;
const groupName = (index: number) => `group${String(index).padStart(4, '0')}`;

/** Users, then groups (user i in group i mod GROUPS; group g nests group g-1 when g mod 5 = 4), as LDIF adds. */
function entries(dc: SambaDc, ou: string): string[] {
  const userDn = (index: number) => `CN=${userName(index)},${ou}`;
  const users = Array.from({ length: USERS }, (_, i) => {
    const name = userName(i);
    const lines = [
      `dn: ${userDn(i)}`,
      'changetype: add',
      'objectClass: user',
      `sAMAccountName: ${name}`,
      `userPrincipalName: ${name}@${dc.domain}`,
      // 544: a normal account that needs no password (created without one), enabled.
      'userAccountControl: 544',
      `givenName: Given${i}`,
      `sn: Surname${i}`,
      `displayName: User ${i}`,
      `mail: ${name}@${dc.domain}`,
      'title: Engineer',
      `department: Department ${i % 40}`,
      'company: Bench Corp',
      `employeeID: ${100_000 + i}`,
      `telephoneNumber: +1 555 ${String(i).padStart(7, '0')}`,
      ...(i % MANAGER_SPAN === 0 ? [] : [`manager: ${userDn(i - (i % MANAGER_SPAN))}`]),
    ];
    return `${lines.join('\n')}\n`;
  });
  const groups = Array.from({ length: GROUPS }, (_, g) => {
    const members = Array.from({ length: Math.ceil((USERS - g) / GROUPS) }, (_, k) => userDn(g + k * GROUPS));
    if (g % 5 === 4) members.push(`CN=${groupName(g - 1)},${ou}`);
    const lines = [`dn: CN=${groupName(g)},${ou}`, 'changetype: add', 'objectClass: group', `sAMAccountName: ${groupName(g)}`, `displayName: Group ${g}`, ...members.map((dn) => `member: ${dn}`)];
    return `${lines.join('\n')}\n`;
  });
  return [...users, ...groups];
}

async function populate(dc: SambaDc, ou: string): Promise<number> {
  const all = entries(dc, ou);
  const started = performance.now();
  for (let start = 0; start < all.length; start += LDIF_CHUNK) {
    await dc.ldbModify(all.slice(start, start + LDIF_CHUNK).join('\n'), [], 600_000);
    if ((start / LDIF_CHUNK) % 5 === 4) process.stderr.write(`    ${Math.min(start + LDIF_CHUNK, all.length)} of ${all.length} entries…\n`);
  }
  return (performance.now() - started) / 1000;
}

/** The LDAP source's full-import reads without the engine: one paged search per type, counting entries. */
async function rawRead(dc: SambaDc, schema: SynchronizationSchema, ruleId: string): Promise<{ entries: number; ms: number }> {
  const source = ldapSourceSchema(schema, ruleId);
  const scope = new LdapScope({ baseDn: dc.baseDn, containers: source.containers, groups: source.groups }, 'activeDirectory');
  const attributes = searchAttributes(source, scope, 'activeDirectory');
  const client = new Client({ url: dc.ldapUrl, timeout: 120_000 });
  await client.bind(dc.adminUpn, dc.adminPassword);
  try {
    let count = 0;
    const started = performance.now();
    for (const type of source.types.keys()) {
      for (const base of scope.bases) {
        const pages = client.searchPaginated(base, {
          scope: 'sub',
          filter: scope.filter(objectTypeFilter(type)),
          attributes,
          explicitBufferAttributes: [...defaultBinaryAttributes],
          paged: { pageSize: defaultEngineOptions.pageSize },
        });
        for await (const page of pages) count += page.searchEntries.length;
      }
    }
    return { entries: count, ms: performance.now() - started };
  } finally {
    await client.unbind();
  }
}

async function createJob(bench: BenchService, dc: SambaDc, ou: string): Promise<{ jobPath: string; schema: SynchronizationSchema; ruleId: string }> {
  const { graph } = bench;
  const created = await graph('POST', `/applicationTemplates/${cloudSyncApplicationTemplateId}/instantiate`, { displayName: dc.domain });
  const spId = created.servicePrincipal.id as string;
  const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'AD2AADProvisioning' });
  const jobPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.id}`;
  await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, { value: [...dc.secrets()].map(([key, value]) => ({ key, value })) });
  const { '@odata.context': _context, ...schema } = await graph('GET', `${jobPath}/schema`);
  schema.synchronizationRules[0].containerFilter = { includedContainers: [ou] };
  await graph('PUT', `${jobPath}/schema`, schema);
  return { jobPath, schema: schema as SynchronizationSchema, ruleId: schema.synchronizationRules[0].id as string };
}

const benchmark: Benchmark = {
  name: 'cloud sync',
  async run(): Promise<BenchResult[]> {
    if (!hasSamba) {
      process.stderr.write('cloud sync: Samba AD DC missing, benchmark skipped\n');
      return [];
    }
    const objects = USERS + GROUPS;
    const dc = await startSambaDc({ backendStore: 'mdb' });
    let bench: BenchService | undefined;
    let ad: Client | undefined;
    try {
      const ou = await dc.createOu('Bench');
      process.stderr.write(`  populating the DC: ${USERS} users, ${GROUPS} groups…\n`);
      const populateSeconds = await populate(dc, ou);

      bench = await startBenchService();
      const { jobPath, schema, ruleId } = await createJob(bench, dc, ou);

      process.stderr.write('  raw paged-search read (one warm-up pass, one measured)…\n');
      await rawRead(dc, schema, ruleId);
      const raw = await rawRead(dc, schema, ruleId);
      if (raw.entries !== objects) throw new Error(`the raw read found ${raw.entries} entries, expected ${objects}`);
      const rawRate = raw.entries / (raw.ms / 1000);

      process.stderr.write('  initial cycle…\n');
      const initial = await bench.cycle(jobPath);
      const counts = (await bench.graph('GET', jobPath)).status.synchronizedEntryCountByType as { key: string; value: number }[];
      const synced = counts.reduce((sum, entry) => sum + entry.value, 0);
      const { db } = bench.service.context.store;
      const memberships = Number((await db.selectFrom('group_members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const expectedMemberships = USERS + Math.floor((GROUPS + 1) / 5);
      if (initial.event.kind !== 'full' || synced !== objects || memberships !== expectedMemberships) {
        throw new Error(`the initial cycle synchronized ${synced} objects and ${memberships} memberships, expected ${objects} and ${expectedMemberships}`);
      }
      const engineRate = objects / (initial.ms / 1000);
      const ratio = engineRate / rawRate;

      process.stderr.write(`  incremental cycle after ${CHANGES} changes in AD…\n`);
      ad = await dc.adminClient();
      const step = Math.max(1, Math.floor(USERS / CHANGES));
      for (let k = 0; k < CHANGES; k++) {
        await ad.modify(`CN=${userName(k * step)},${ou}`, [new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Principal Engineer'] }) })]);
      }
      const incremental = await bench.cycle(jobPath);
      if (incremental.event.kind !== 'incremental' || incremental.execution.countExported !== CHANGES) {
        throw new Error(`the ${incremental.event.kind} cycle exported ${String(incremental.execution.countExported)} changes, expected ${CHANGES}`);
      }
      const cycleMs = (execution: Record<string, unknown>) => Date.parse(String(execution.timeEnded)) - Date.parse(String(execution.timeBegan));

      return [
        { name: `raw paged-search read of ${objects.toLocaleString('en-US')} entries (ldapts, the source's attributes)`, value: rawRate, unit: 'objects/s' },
        { name: `initial cycle: ${USERS.toLocaleString('en-US')} users, ${GROUPS} groups, ${memberships.toLocaleString('en-US')} memberships (start → status written)`, value: initial.ms / 1000, unit: 's' },
        { name: 'initial cycle throughput', value: engineRate, unit: 'objects/s' },
        { name: 'initial cycle throughput / raw read rate', value: ratio, unit: 'ratio', goal: '>= 0.3', ok: ratio >= 0.3 },
        { name: 'initial cycle: CPU of the engine process per object (all threads)', value: (initial.cpuMs / objects) * 1000, unit: 'µs' },
        ...(Number.isNaN(initial.mainThreadCpuMs) ? [] : [{ name: 'initial cycle: CPU of the main thread per object', value: (initial.mainThreadCpuMs / objects) * 1000, unit: 'µs' }]),
        { name: `incremental cycle after ${CHANGES} user changes (start → status written)`, value: incremental.ms, unit: 'ms', goal: '< 1000', ok: incremental.ms < 1_000 },
        { name: 'incremental cycle as recorded (timeBegan → timeEnded)', value: cycleMs(incremental.execution), unit: 'ms' },
        { name: `setup: populating the DC (ldbmodify, ${LDIF_CHUNK} entries a run; not the engine)`, value: populateSeconds, unit: 's' },
      ];
    } finally {
      await ad?.unbind().catch(() => undefined);
      await bench?.close();
      await dc.stop();
    }
  },
};

export default benchmark;
