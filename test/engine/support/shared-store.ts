import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/config.js';
import type { EngineOptionsInput } from '../../../src/engine/index.js';
import { createService, type Service } from '../../../src/service.js';
import { graphClient } from '../../support/graph-inject.js';
import { createTestSchema } from '../../support/postgres.js';
import type { StoreKind } from '../../support/stores.js';
import { adminClientId, adminClientSecret, type TestService } from '../../support/test-service.js';
import { CycleWatcher, testEngineOptions, type EngineTestService } from './engine-fixture.js';

/**
 * One store (a SQLite data directory, or a PostgreSQL schema plus the data directory that holds the secret key)
 * that several Provisio services use one after another or at the same time, in this process or in child
 * processes: what a restart after a crash, or a second node, sees.
 */
export interface SharedStore {
  readonly env: NodeJS.ProcessEnv;
  /** A service in this process on the store. */
  start(engine?: EngineOptionsInput & { runner?: boolean }): Promise<EngineTestService>;
  /** A service in a child process on the store (its engine settings as JSON). */
  spawn(engine: EngineOptionsInput): Promise<ChildProcess>;
  dispose(): Promise<void>;
}

const processScript = fileURLToPath(new URL('./engine-process.ts', import.meta.url));

export async function createSharedStore(kind: StoreKind): Promise<SharedStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provisio-shared-'));
  const schema = kind === 'postgres' ? await createTestSchema() : undefined;
  const env: NodeJS.ProcessEnv = {
    PROVISIO_DATA_DIR: dataDir,
    PROVISIO_ADMIN_CLIENT_ID: adminClientId,
    PROVISIO_ADMIN_CLIENT_SECRET: adminClientSecret,
    PROVISIO_LOG_LEVEL: 'silent',
    ...(schema ? { DATABASE_URL: schema.url } : {}),
  };
  const services: Service[] = [];
  const children: ChildProcess[] = [];
  return {
    env,
    async start(engine = {}) {
      const watcher = new CycleWatcher();
      const config = loadConfig(env);
      const { runner, ...options } = engine;
      const service = await createService(config, { defaultMetrics: false, engine: { ...testEngineOptions(watcher, options), ...(runner === undefined ? {} : { runner }) } });
      services.push(service);
      let token: string | undefined;
      const t: TestService = {
        service,
        config,
        tenantId: service.context.tenant.id,
        async adminToken() {
          if (token) return token;
          const response = await service.app.inject({
            method: 'POST',
            url: `/${service.context.tenant.id}/oauth2/v2.0/token`,
            payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: adminClientId, client_secret: adminClientSecret, scope: 'https://graph.microsoft.com/.default' }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          token = (response.json() as { access_token: string }).access_token;
          return token;
        },
        tokenWith: () => Promise.reject(new Error('not needed')),
        dispose: () => service.close(),
      };
      return Object.assign(t, { graph: graphClient(t), watcher, domain: service.context.tenant.defaultDomain });
    },
    async spawn(engine) {
      const child = spawn(process.execPath, ['--import', 'tsx', processScript], {
        env: { ...process.env, ...env, ENGINE_OPTIONS: JSON.stringify(engine) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`engine process exited with ${code}`)));
      });
      return child;
    },
    async dispose() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      for (const service of services) await service.close().catch(() => undefined);
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
