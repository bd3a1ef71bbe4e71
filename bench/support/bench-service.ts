import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { CycleEvent, EngineOptionsInput } from '../../src/engine/index.js';
import { createService, type Service } from '../../src/service.js';
import { cpuMs, cpuSince } from './proc-cpu.js';

const adminClientId = '3d8f2a61-7c4e-4b19-a0d5-6e2f9c1b8a47';
const adminSecret = 'bench-service-secret-0123456789';

export interface BenchCycle {
  /** From the start request to the end of the cycle (status written). */
  readonly ms: number;
  readonly event: CycleEvent & { readonly state: string };
  /** The job's status.lastExecution after the cycle. */
  readonly execution: Record<string, unknown>;
  /** CPU time of this process (every thread) during the cycle. */
  readonly cpuMs: number;
  /** CPU time of the main thread (the engine's) during the cycle; NaN without /proc. */
  readonly mainThreadCpuMs: number;
}

export interface BenchService {
  readonly service: Service;
  /** A Graph call on /beta through inject, as the bootstrap admin; throws on a 4xx or 5xx answer. */
  graph(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Starts the job and waits for the cycle that runs; throws unless it succeeded. */
  cycle(jobPath: string): Promise<BenchCycle>;
  close(): Promise<void>;
}

/**
 * Provisio in this process for a benchmark: a store in a temp dir (BENCH_DATABASE_URL=postgres://… puts it on
 * PostgreSQL), logs off, an engine that polls every 10 ms and runs a job's next cycle only when started.
 */
export async function startBenchService(engine: EngineOptionsInput = {}): Promise<BenchService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provisio-bench-'));
  const waiters: ((event: CycleEvent & { state: string }) => void)[] = [];
  let service: Service;
  try {
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
          progressIntervalMs: 5_000,
          observer: { cycleEnded: (event) => waiters.splice(0).forEach((wake) => wake(event)) },
          ...engine,
        },
      },
    );
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const tokenResponse = await service.app.inject({
    method: 'POST',
    url: `/${service.context.tenant.id}/oauth2/v2.0/token`,
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: adminClientId, client_secret: adminSecret, scope: 'https://graph.microsoft.com/.default' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const token = (tokenResponse.json() as { access_token: string }).access_token;
  const graph: BenchService['graph'] = async (method, url, body) => {
    const response = await service.app.inject({
      method,
      url: `/beta${url}`,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    if (response.statusCode >= 400) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.body === '' ? undefined : response.json();
  };
  return {
    service,
    graph,
    async cycle(jobPath) {
      const ended = new Promise<CycleEvent & { state: string }>((resolve) => waiters.push(resolve));
      const cpu = process.cpuUsage();
      const mainCpu = cpuMs(process.pid, process.pid);
      const started = performance.now();
      await graph('POST', `${jobPath}/start`);
      const event = await ended;
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const mainThreadCpuMs = cpuSince(mainCpu, cpuMs(process.pid, process.pid));
      const execution = (await graph('GET', jobPath)).status.lastExecution as Record<string, unknown>;
      if (event.state !== 'Succeeded') throw new Error(`the ${event.kind} cycle ended ${event.state}: ${JSON.stringify(execution)}`);
      return { ms, event, execution, cpuMs: (used.user + used.system) / 1000, mainThreadCpuMs };
    },
    async close() {
      try {
        await service.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
