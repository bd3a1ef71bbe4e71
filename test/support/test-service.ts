import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Permission } from '../../src/auth/permissions.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createApiClient } from '../../src/directory/api-clients.js';
import { createService, type CreateServiceOptions, type Service } from '../../src/service.js';
import { createTestSchema } from './postgres.js';
import type { StoreKind } from './stores.js';

export const adminClientId = '5e7c3c59-79a4-4b5b-bb0e-3c1b2f6c8a01';
export const adminClientSecret = 'admin-secret-for-tests-only-0123456789';

export interface TestService {
  service: Service;
  config: Config;
  tenantId: string;
  /** A token for the bootstrap admin (every permission), through the real token endpoint. */
  adminToken(): Promise<string>;
  /** A token for a new client holding exactly these permissions. */
  tokenWith(permissions: readonly Permission[]): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * A service on a fresh store of the given kind, not listening (use `service.app.inject`) unless `listen` is set.
 * `options.engine` tunes the provisioning engine (short cycle intervals, leases and backoffs for tests).
 */
export async function startTestService(
  kind: StoreKind,
  env: NodeJS.ProcessEnv = {},
  options: Pick<CreateServiceOptions, 'engine'> = {},
): Promise<TestService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provisio-svc-'));
  const schema = kind === 'postgres' ? await createTestSchema() : undefined;
  const config = loadConfig({
    PROVISIO_DATA_DIR: dataDir,
    PROVISIO_ADMIN_CLIENT_ID: adminClientId,
    PROVISIO_ADMIN_CLIENT_SECRET: adminClientSecret,
    PROVISIO_LOG_LEVEL: 'silent',
    ...(schema ? { DATABASE_URL: schema.url } : {}),
    ...env,
  });
  const service = await createService(config, { defaultMetrics: false, ...options });
  const tenantId = service.context.tenant.id;
  let adminTokenCache: string | undefined;

  const requestToken = async (clientId: string, clientSecret: string): Promise<string> => {
    const response = await service.app.inject({
      method: 'POST',
      url: `/${tenantId}/oauth2/v2.0/token`,
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`);
    return (response.json() as { access_token: string }).access_token;
  };

  return {
    service,
    config,
    tenantId,
    async adminToken() {
      adminTokenCache ??= await requestToken(adminClientId, adminClientSecret);
      return adminTokenCache;
    },
    async tokenWith(permissions) {
      const { client, secretText } = await createApiClient(service.context.store.db, {
        displayName: `test client ${permissions.join(' ') || 'without permissions'}`,
        permissions,
      });
      return requestToken(client.appId, secretText);
    },
    async dispose() {
      await service.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
