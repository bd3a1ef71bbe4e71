import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SealedValueError, SecretBox, loadSecretKeyMaterial } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox('a-key-of-at-least-thirty-two-characters!');

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('s3cr3t-token', 'sp-1');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.open(sealed, 'sp-1')).toBe('s3cr3t-token');
    expect(box.seal('s3cr3t-token', 'sp-1')).not.toBe(sealed);
  });

  it('refuses another context, another key and tampering', () => {
    const sealed = box.seal('value', 'sp-1');
    expect(() => box.open(sealed, 'sp-2')).toThrow(SealedValueError);
    expect(() => new SecretBox('another-key-of-thirty-two-characters!!').open(sealed, 'sp-1')).toThrow(SealedValueError);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => box.open(tampered, 'sp-1')).toThrow(SealedValueError);
    expect(() => box.open('garbage', 'sp-1')).toThrow(SealedValueError);
  });

  it('identifies its key by fingerprint', () => {
    expect(box.matches(box.fingerprint())).toBe(true);
    expect(new SecretBox('another-key-of-thirty-two-characters!!').matches(box.fingerprint())).toBe(false);
  });

  it('generates a 0600 key file once and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisio-key-'));
    try {
      const first = loadSecretKeyMaterial(undefined, dir);
      const file = join(dir, 'secret.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe((first as Buffer).toString('base64'));
      expect(loadSecretKeyMaterial(undefined, dir)).toEqual(first);
      expect(loadSecretKeyMaterial('configured-key', dir)).toBe('configured-key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
