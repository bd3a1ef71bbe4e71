import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import type { TlsConfig } from '../../config/config.js';
import { ConfigError } from '../../config/config.js';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** Where the certificate lives, so users can point NODE_EXTRA_CA_CERTS at it. */
  certPath: string;
}

/**
 * The server's TLS key and certificate: the configured PEM files, or a self-signed pair for 127.0.0.1 and
 * localhost created once in the data dir and reused (clients trust it once, not on every start). A
 * self-signed certificate within 30 days of expiry is replaced.
 */
export async function loadTlsMaterial(tls: TlsConfig, dataDir: string): Promise<TlsMaterial | undefined> {
  if (tls.mode === 'off') return undefined;
  if (tls.mode === 'files') {
    try {
      return { key: readFileSync(tls.keyPath, 'utf8'), cert: readFileSync(tls.certPath, 'utf8'), certPath: tls.certPath };
    } catch (error) {
      throw new ConfigError(`Cannot read the TLS certificate or key: ${(error as Error).message}`);
    }
  }
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    if (validTo - Date.now() > 30 * 86_400_000) return { key: readFileSync(keyPath, 'utf8'), cert, certPath };
  }
  const notAfter = new Date(Date.now() + 825 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert, certPath };
}
