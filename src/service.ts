import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { AccessTokenVerifier, graphAppIdAudience, graphAudience } from './auth/access-tokens.js';
import { SigningKeyRing } from './auth/signing-keys.js';
import type { Config } from './config/config.js';
import { bootstrap, type BootstrapResult } from './directory/bootstrap.js';
import { schedulePurge } from './directory/deleted-items/purge.js';
import { buildApp } from './api/app.js';
import { Metrics } from './api/operations/metrics.js';
import type { ServiceContext } from './api/service-context.js';
import { loadTlsMaterial, type TlsMaterial } from './api/tls/tls-material.js';
import { loadSkipTokenKey } from './api/graph/skip-token-key.js';
import { SkipTokenCodec } from './api/odata/index.js';
import { ProvisioningEngine, type EngineOptionsInput } from './engine/index.js';
import { migrateToLatest, openStore } from './store/store.js';
import { SecretBox, loadSecretKeyMaterial } from './sync/secrets/secret-box.js';
import { ensureSecretKeyMatches } from './sync/secrets/secret-key-check.js';
import { SecretStore } from './sync/secrets/secret-store.js';
import { scheduleProvisioningLogPurge } from './sync/provisioning-logs/provisioning-log-retention.js';

export interface Service {
  readonly app: FastifyInstance;
  readonly context: ServiceContext;
  readonly bootstrap: BootstrapResult;
  readonly tls: TlsMaterial | undefined;
  close(): Promise<void>;
}

export interface CreateServiceOptions {
  logger?: FastifyServerOptions['logger'];
  /** Provisioning engine settings (docs/engine.md); `runner: false` serves the API without running jobs. */
  engine?: EngineOptionsInput & { runner?: boolean };
  /** Process-wide default metrics (event loop, memory) — off in tests that build many services. */
  defaultMetrics?: boolean;
}

/** Tokens carry Graph's audience, or this server's own base URL when a client asked for `{base}/.default`. */
function isAcceptedAudience(audience: string): boolean {
  if (audience === graphAudience || audience === graphAppIdAudience) return true;
  try {
    const url = new URL(audience);
    return (url.protocol === 'https:' || url.protocol === 'http:') && (url.pathname === '/' || url.pathname === '');
  } catch {
    return false;
  }
}

/** The composition root: store, migrations, first-start bootstrap, signing keys, HTTP app. */
export async function createService(config: Config, options: CreateServiceOptions = {}): Promise<Service> {
  const metrics = new Metrics({ defaultMetrics: options.defaultMetrics ?? true });
  const store = openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: (ms, failed) => metrics.observeQuery(ms, failed),
  });
  try {
    await migrateToLatest(store);
    const boot = await bootstrap(store.db, {
      tenantId: config.tenantId,
      adminClientId: config.adminClientId,
      adminClientSecret: config.adminClientSecret,
    });
    // Superseded keys verify for a day beyond the longest token lifetime, so a rotation breaks no live token.
    const keys = new SigningKeyRing(store, { retention: config.tokenLifetimeSeconds + 86_400 });
    await keys.load();
    const tokens = new AccessTokenVerifier(keys, boot.tenant.id, isAcceptedAudience);
    const box = new SecretBox(loadSecretKeyMaterial(config.secretKey, config.dataDir));
    await ensureSecretKeyMatches(store.db, box);
    const secrets = new SecretStore(box);
    const skipTokens = new SkipTokenCodec(await loadSkipTokenKey(store.db));
    // The provisioning engine: its runner starts once the app is built and stops before the store closes.
    const { runner: runJobs = true, ...engineSettings } = options.engine ?? {};
    const engineLog: { app?: FastifyInstance } = {};
    const engine = new ProvisioningEngine(
      {
        db: store.db,
        secrets,
        tenantId: boot.tenant.id,
        ...(store.dialect === 'sqlite' && store.location !== ':memory:' ? { sqliteFile: store.location } : {}),
        onError: (error, message) => engineLog.app?.log.error({ err: error }, message),
      },
      engineSettings,
    );
    const context: ServiceContext = { config, store, tenant: boot.tenant, keys, tokens, metrics, secrets, skipTokens, engine };
    const tls = await loadTlsMaterial(config.tls, config.dataDir);
    const app = await buildApp(context, {
      logger: options.logger ?? false,
      https: tls ? { key: tls.key, cert: tls.cert } : null,
    });
    // Deleted users and groups older than 30 days are purged hourly (see docs/directory.md).
    const purge = schedulePurge(store.db, { onError: (error) => app.log.error({ err: error }, 'deleted items purge failed') });
    // Provisioning logs older than the retention period (30 days by default) are purged hourly (see docs/provisioning-logs.md).
    const logPurge = scheduleProvisioningLogPurge(store.db, {
      retentionDays: config.provisioningLogRetentionDays,
      onError: (error) => app.log.error({ err: error }, 'provisioning logs purge failed') });
    engineLog.app = app;
    if (runJobs) engine.start();
    return {
      app,
      context,
      bootstrap: boot,
      tls,
      close: async () => {
        await engine.stop();
        await purge.stop();
        await logPurge.stop();
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
