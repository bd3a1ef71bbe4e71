import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const version = 'v1';

export class SecretKeyMismatchError extends Error {
  readonly code = 'SecretKeyMismatch';
}

export class SealedValueError extends Error {
  readonly code = 'SealedValueUnreadable';
}

/**
 * Authenticated encryption (AES-256-GCM) for synchronization secrets at rest. Every sealed value is bound to
 * a context string (the owning object's id), so a ciphertext copied to another row does not open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string | Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'provisio', 'synchronization-secrets/aes-256-gcm', 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${version}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    const [tag, iv, auth, data] = sealed.split('.');
    if (tag !== version || iv === undefined || auth === undefined || data === undefined) {
      throw new SealedValueError('The stored secret has an unknown format.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(auth, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError('The stored secret cannot be decrypted with the configured key.');
    }
  }

  /** A value that identifies the key without revealing it, stored once so a wrong key is caught at start. */
  fingerprint(): string {
    return createHmac('sha256', this.key).update('provisio-secret-key-check').digest('base64url');
  }

  matches(fingerprint: string): boolean {
    const mine = Buffer.from(this.fingerprint());
    const theirs = Buffer.from(fingerprint);
    return mine.length === theirs.length && timingSafeEqual(mine, theirs);
  }
}

/**
 * The key material: PROVISIO_SECRET_KEY, or a random key generated once into `{dataDir}/secret.key` (0600).
 * Nodes sharing a PostgreSQL database must share PROVISIO_SECRET_KEY.
 */
export function loadSecretKeyMaterial(configured: string | undefined, dataDir: string): string | Buffer {
  if (configured !== undefined) return configured;
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}
