// The built-in directory at size: seeds 100,000 users and 5,000 groups with 200,000 memberships straight into
// the store (bulk inserts in transactions, feed rows included), then measures a filtered user listing and
// delta paging over HTTP. BENCH_DATABASE_URL=postgres://… runs it on PostgreSQL instead of SQLite;
// BENCH_USERS / BENCH_GROUPS / BENCH_MEMBERS_PER_GROUP scale it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { appendChanges } from '../src/directory/change-feed.js';
import { groupToRow } from '../src/directory/groups/group-repository.js';
import { newGroup } from '../src/directory/groups/group.js';
import { userToRow } from '../src/directory/users/user-repository.js';
import { newUser } from '../src/directory/users/user.js';
import { createService } from '../src/service.js';
import type { Database } from '../src/store/database.js';
import { envCount } from './support/env-count.js';
import { benchGuid as guid, inChunks } from './support/store-seeding.js';
import type { Benchmark, BenchResult } from './types.js';

const userCount = envCount('BENCH_USERS', 100_000);
const groupCount = envCount('BENCH_GROUPS', 5_000);
const membersPerGroup = envCount('BENCH_MEMBERS_PER_GROUP', 40);

const givenNames = ['Adele', 'Bianca', 'Carlos', 'Dmitri', 'Elena', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun', 'Xavier', 'Xenia', 'Yara', 'Zoltan'];
const surnames = ['Vance', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Silva', 'Haddad', 'Kowalski', 'Brennan'];

async function seed(db: Kysely<Database>, domain: string): Promise<void> {
  const now = new Date().toISOString();
  const userIds = Array.from({ length: userCount }, (_, index) => guid(1, index));
  await inChunks(db, userIds, async (trx, ids) => {
    const rows = ids.map((id) => {
      const index = Number.parseInt(id.slice(-12), 16);
      const givenName = givenNames[index % givenNames.length]!;
      const surname = surnames[Math.floor(index / givenNames.length) % surnames.length]!;
      const alias = `u${index}`;
      const user = newUser(
        {
          id,
          userPrincipalName: `${alias}@${domain}`,
          displayName: `${givenName} ${surname} ${index}`,
          givenName,
          surname,
          mailNickname: alias,
          department: `Department ${index % 50}`,
          employeeId: String(100_000 + index),
        },
        now,
      );
      return userToRow(user, { managerId: index === 0 ? null : guid(1, Math.floor((index - 1) / 10)), passwordHash: null });
    });
    await trx.insertInto('users').values(rows).execute();
    await appendChanges(trx, ids.map((id) => ({ objectType: 'user', objectId: id, changeType: 'created' })), now);
  });

  const groupIds = Array.from({ length: groupCount }, (_, index) => guid(2, index));
  await inChunks(db, groupIds, async (trx, ids) => {
    const rows = ids.map((id) => {
      const index = Number.parseInt(id.slice(-12), 16);
      return groupToRow(newGroup({ id, displayName: `Group ${index}`, mailNickname: `group${index}`, mailEnabled: false, securityEnabled: true }, domain, now));
    });
    await trx.insertInto('groups').values(rows).execute();
    await appendChanges(trx, ids.map((id) => ({ objectType: 'group', objectId: id, changeType: 'created' })), now);
  });

  // Each group gets `membersPerGroup` distinct users: the stride is coprime with the user count.
  const memberships = groupIds.flatMap((groupId, group) =>
    Array.from({ length: membersPerGroup }, (_, k) => ({ groupId, memberId: userIds[(group * 7919 + k * 2477) % userCount]! })),
  );
  await inChunks(db, memberships, async (trx, links) => {
    await trx
      .insertInto('group_members')
      .values(links.map((link) => ({ group_id: link.groupId, member_id: link.memberId, member_type: 'user', created_at: now })))
      .execute();
    await appendChanges(
      trx,
      links.map((link) => ({ objectType: 'group', objectId: link.groupId, changeType: 'linked', details: { relation: 'members', targetId: link.memberId, targetType: 'user' } })),
      now,
    );
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Follows a delta series from its first request to its deltaLink; returns objects per second. */
async function deltaThroughput(firstUrl: string, headers: Record<string, string>): Promise<{ objects: number; perSecond: number; pages: number }> {
  let url: string | undefined = firstUrl;
  let objects = 0;
  let pages = 0;
  const started = performance.now();
  while (url !== undefined) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { value: unknown[]; '@odata.nextLink'?: string };
    objects += body.value.length;
    pages += 1;
    url = body['@odata.nextLink'];
  }
  return { objects, pages, perSecond: objects / ((performance.now() - started) / 1000) };
}

const benchmark: Benchmark = {
  name: 'directory',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'provisio-bench-directory-'));
    const clientId = '0b6a8c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5c';
    const secret = 'bench-secret-0123456789abcdef';
    const config = loadConfig({
      PROVISIO_DATA_DIR: dataDir,
      PROVISIO_ADMIN_CLIENT_ID: clientId,
      PROVISIO_ADMIN_CLIENT_SECRET: secret,
      PROVISIO_LOG_LEVEL: 'silent',
      ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    });
    const service = await createService(config, { defaultMetrics: false });
    try {
      const { db } = service.context.store;
      const seedStarted = performance.now();
      await seed(db, service.context.tenant.defaultDomain);
      // Planner statistics for the bulk-loaded tables, as autovacuum (or SQLite's optimize) would gather them.
      for (const table of ['users', 'groups', 'group_members', 'directory_changes']) await sql`analyze ${sql.table(table)}`.execute(db);
      const seedSeconds = (performance.now() - seedStarted) / 1000;

      const baseUrl = await service.app.listen({ host: '127.0.0.1', port: 0 });
      const tokenResponse = await fetch(`${baseUrl}/${service.context.tenant.id}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }),
      });
      const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
      const headers = { authorization: `Bearer ${token}` };

      const listUrl = `${baseUrl}/v1.0/users?$filter=startswith(displayName,'x')`;
      const latencies: number[] = [];
      for (let request = 0; request < 220; request += 1) {
        const started = performance.now();
        const response = await fetch(listUrl, { headers });
        const body = (await response.json()) as { value?: unknown[] };
        if (!response.ok || body.value?.length !== 100) throw new Error(`${listUrl}: ${response.status}`);
        // The first 20 warm the JIT, the statement cache and the page cache.
        if (request >= 20) latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);

      const users = await deltaThroughput(`${baseUrl}/v1.0/users/delta`, headers);
      const groups = await deltaThroughput(`${baseUrl}/v1.0/groups/delta?$select=displayName,members`, headers);
      if (users.objects !== userCount || groups.objects < groupCount) throw new Error(`delta returned ${users.objects} users, ${groups.objects} groups`);
      const store = service.context.store.dialect;
      const results: BenchResult[] = [
        { name: `seed ${userCount} users, ${groupCount} groups, ${groupCount * membersPerGroup} memberships (${store})`, value: seedSeconds, unit: 's' },
        { name: "GET /v1.0/users?$filter=startswith(displayName,'x') p50", value: percentile(latencies, 50), unit: 'ms' },
        { name: "GET /v1.0/users?$filter=startswith(displayName,'x') p95", value: percentile(latencies, 95), unit: 'ms' },
        { name: `GET /v1.0/users/delta initial round (${users.pages} pages)`, value: users.perSecond, unit: 'objects/s' },
        { name: `GET /v1.0/groups/delta?$select=displayName,members initial round (${groups.pages} pages)`, value: groups.perSecond, unit: 'objects/s' },
      ];
      return results;
    } finally {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
