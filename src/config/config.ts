import { resolve } from 'node:path';
import { z } from 'zod';

/** How the server terminates TLS: not at all, with PEM files, or with a self-signed pair it keeps in the data dir. */
export type TlsConfig = { mode: 'off' } | { mode: 'files'; certPath: string; keyPath: string } | { mode: 'self-signed' };

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file `${dataDir}/provisio.db`. */
  databaseUrl: string | undefined;
  /** Fixed tenant id; when unset, one is generated on first start and kept in the store. */
  tenantId: string | undefined;
  tls: TlsConfig;
  /** Base URL clients reach us at (issuer, discovery, nextLinks); derived from each request when unset. */
  publicUrl: string | undefined;
  adminClientId: string | undefined;
  adminClientSecret: string | undefined;
  /** Key for secrets at rest (AES-256-GCM); generated into the data dir when unset. */
  secretKey: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Access-token lifetime in seconds (Microsoft issues 60–90 minutes; 3599 is what MSAL expects). */
  tokenLifetimeSeconds: number;
  /** Days provisioning logs are kept (Entra keeps 30 with a premium licence). */
  provisioningLogRetentionDays: number;
}

export class ConfigError extends Error {
  readonly code = 'InvalidConfiguration';
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const envSchema = z.object({
  PROVISIO_HOST: z.string().min(1).default('127.0.0.1'),
  PROVISIO_PORT: z.coerce.number().int().min(0).max(65535).default(8040),
  PROVISIO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  PROVISIO_TENANT_ID: z.string().regex(guid, 'must be a GUID').optional(),
  PROVISIO_TLS_CERT: z.string().min(1).optional(),
  PROVISIO_TLS_KEY: z.string().min(1).optional(),
  PROVISIO_TLS: z.enum(['0', '1', 'true', 'false']).optional(),
  PROVISIO_PUBLIC_URL: z.url().optional(),
  PROVISIO_ADMIN_CLIENT_ID: z.string().regex(guid, 'must be a GUID').optional(),
  PROVISIO_ADMIN_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PROVISIO_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PROVISIO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROVISIO_TOKEN_LIFETIME: z.coerce.number().int().min(60).max(86_400).default(3599),
  PROVISIO_PROVISIONING_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export interface ConfigOverrides {
  host?: string;
  port?: number;
  tls?: boolean;
}

/** Reads configuration from the environment; CLI flags override it. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if ((e.PROVISIO_TLS_CERT === undefined) !== (e.PROVISIO_TLS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration: PROVISIO_TLS_CERT and PROVISIO_TLS_KEY must be set together.');
  }
  if (e.PROVISIO_ADMIN_CLIENT_SECRET !== undefined && e.PROVISIO_ADMIN_CLIENT_ID === undefined) {
    throw new ConfigError('Invalid configuration: PROVISIO_ADMIN_CLIENT_SECRET needs PROVISIO_ADMIN_CLIENT_ID.');
  }
  if (e.DATABASE_URL !== undefined && !/^(postgres|postgresql):\/\//.test(e.DATABASE_URL) && !/^(sqlite|file):/.test(e.DATABASE_URL)) {
    throw new ConfigError('Invalid configuration: DATABASE_URL must be a postgres:// URL or a sqlite: / file: path.');
  }
  const dataDir = resolve(e.PROVISIO_DATA_DIR);
  let tls: TlsConfig = { mode: 'off' };
  if (e.PROVISIO_TLS_CERT !== undefined && e.PROVISIO_TLS_KEY !== undefined) {
    tls = { mode: 'files', certPath: resolve(e.PROVISIO_TLS_CERT), keyPath: resolve(e.PROVISIO_TLS_KEY) };
  } else if (overrides.tls === true || e.PROVISIO_TLS === '1' || e.PROVISIO_TLS === 'true') {
    tls = { mode: 'self-signed' };
  }
  return {
    host: overrides.host ?? e.PROVISIO_HOST,
    port: overrides.port ?? e.PROVISIO_PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    tenantId: e.PROVISIO_TENANT_ID?.toLowerCase(),
    tls,
    publicUrl: e.PROVISIO_PUBLIC_URL?.replace(/\/+$/, ''),
    adminClientId: e.PROVISIO_ADMIN_CLIENT_ID?.toLowerCase(),
    adminClientSecret: e.PROVISIO_ADMIN_CLIENT_SECRET,
    secretKey: e.PROVISIO_SECRET_KEY,
    logLevel: e.PROVISIO_LOG_LEVEL,
    tokenLifetimeSeconds: e.PROVISIO_TOKEN_LIFETIME,
    provisioningLogRetentionDays: e.PROVISIO_PROVISIONING_LOG_RETENTION_DAYS,
  };
}
