// Throughput of an authenticated Graph read against a bare Fastify route serving a same-sized JSON body,
// in one run on one machine, so the ratio says what our layers (auth, OData, store, envelope) cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadConfig } from '../src/config/config.js';
import { createService } from '../src/service.js';
import { envCount } from './support/env-count.js';
import type { Benchmark } from './types.js';

const durationSeconds = envCount('BENCH_DURATION', 10);
/** Each route's time is split into rounds that alternate with the other route's, so both see the same machine. */
const rounds = envCount('BENCH_ROUNDS', 5);
const connections = 16;
const warmUpSeconds = 3;

async function requests(url: string, headers: Record<string, string>, duration: number): Promise<{ total: number; seconds: number }> {
  const result = await autocannon({ url, headers, connections, duration, pipelining: 1, workers: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { total: result.requests.total, seconds: result.duration };
}

/** Requests per second of each route over alternating rounds. */
async function alternated(routes: readonly { url: string; headers: Record<string, string> }[]): Promise<number[]> {
  const totals = routes.map(() => ({ total: 0, seconds: 0 }));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, route] of routes.entries()) {
      const measured = await requests(route.url, route.headers, durationSeconds / rounds);
      totals[index]!.total += measured.total;
      totals[index]!.seconds += measured.seconds;
    }
  }
  return totals.map(({ total, seconds }) => total / seconds);
}

const benchmark: Benchmark = {
  name: 'api',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'provisio-bench-'));
    const clientId = '0b6a8c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b';
    const secret = 'bench-secret-0123456789abcdef';
    const config = loadConfig({
      PROVISIO_DATA_DIR: dataDir,
      PROVISIO_ADMIN_CLIENT_ID: clientId,
      PROVISIO_ADMIN_CLIENT_SECRET: secret,
      PROVISIO_LOG_LEVEL: 'silent',
    });
    const service = await createService(config, { defaultMetrics: false });
    const bare = Fastify();
    try {
      const baseUrl = await service.app.listen({ host: '127.0.0.1', port: 0 });
      const tokenResponse = await fetch(`${baseUrl}/${service.context.tenant.id}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }),
      });
      const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
      const graphUrl = `${baseUrl}/v1.0/servicePrincipals?$top=1`;
      const sample = await fetch(graphUrl, { headers: { authorization: `Bearer ${token}` } });
      if (!sample.ok) throw new Error(`sample request failed: ${sample.status} ${await sample.text()}`);
      const body = await sample.json();
      bare.get('/bare', async () => body);
      const bareUrl = `${await bare.listen({ host: '127.0.0.1', port: 0 })}/bare`;

      // Each route warmed up first, so that neither pays for its code being compiled in its measured run.
      const auth = { authorization: `Bearer ${token}` };
      await requests(bareUrl, {}, warmUpSeconds);
      await requests(graphUrl, auth, warmUpSeconds);
      const [bareRps, graphRps] = (await alternated([
        { url: bareUrl, headers: {} },
        { url: graphUrl, headers: auth },
      ])) as [number, number];
      const ratio = graphRps / bareRps;
      return [
        { name: 'bare Fastify route, same JSON body', value: bareRps, unit: 'req/s' },
        { name: 'GET /v1.0/servicePrincipals?$top=1 (authenticated)', value: graphRps, unit: 'req/s' },
        { name: 'authenticated Graph read / bare Fastify', value: ratio, unit: 'ratio', goal: '>= 0.4', ok: ratio >= 0.4 },
      ];
    } finally {
      await bare.close();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
