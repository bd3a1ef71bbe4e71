import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:8040, ./data, SQLite and no TLS', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8040);
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.tls).toEqual({ mode: 'off' });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PROVISIO_HOST: '0.0.0.0',
      PROVISIO_PORT: '9000',
      PROVISIO_DATA_DIR: '/tmp/p',
      DATABASE_URL: 'postgres://u@h/db',
      PROVISIO_TENANT_ID: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
      PROVISIO_TLS_CERT: '/c.pem',
      PROVISIO_TLS_KEY: '/k.pem',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/tmp/p',
      databaseUrl: 'postgres://u@h/db',
      tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      tls: { mode: 'files', certPath: '/c.pem', keyPath: '/k.pem' },
    });
  });

  it('lets CLI flags override the environment', () => {
    expect(loadConfig({ PROVISIO_PORT: '1' }, { port: 2, tls: true })).toMatchObject({ port: 2, tls: { mode: 'self-signed' } });
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PROVISIO_PORT: 'x', PROVISIO_TENANT_ID: 'nope' })).toThrowError(
      /PROVISIO_PORT[\s\S]*PROVISIO_TENANT_ID: must be a GUID/,
    );
    expect(() => loadConfig({ PROVISIO_TLS_CERT: '/c.pem' })).toThrowError(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL/);
  });
});
