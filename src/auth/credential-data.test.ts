import { pbkdf2Sync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CredentialDataFormatError,
  credentialDataIterations,
  credentialDataMatches,
  deriveCredentialData,
  verifyPasswordAgainstCredentialData,
} from './credential-data.js';
import { ntHash } from './nt-hash.js';

const aliceHash = () => Buffer.from('d2367575b80a5eaa567f0dc4e7e8e17e', 'hex'); // NT hash of Passw0rd!Alice

describe('deriveCredentialData', () => {
  it('writes scheme, iteration count, a 10-byte salt and a 32-byte key', () => {
    const stored = deriveCredentialData(aliceHash());
    const [scheme, iterations, salt, key] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(credentialDataIterations);
    expect(credentialDataIterations).toBe(1000);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(10);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32);
  });

  it('is PBKDF2-HMAC-SHA256 over the UTF-16LE of the NT hash in lower-case hex (engine-behavior §5.4)', () => {
    const stored = deriveCredentialData(aliceHash());
    const [, , salt, key] = stored.split('$') as [string, string, string, string];
    const input = Buffer.from('d2367575b80a5eaa567f0dc4e7e8e17e', 'utf16le');
    expect(input).toHaveLength(64);
    const expected = pbkdf2Sync(input, Buffer.from(salt, 'base64url'), 1000, 32, 'sha256');
    expect(Buffer.from(key, 'base64url').equals(expected)).toBe(true);
  });

  it('salts per call: the same hash never gives the same stored value', () => {
    const values = new Set(Array.from({ length: 20 }, () => deriveCredentialData(aliceHash())));
    expect(values.size).toBe(20);
  });

  it('contains neither the NT hash nor its hex form, and leaves the hash buffer as it was', () => {
    const hash = aliceHash();
    const stored = deriveCredentialData(hash);
    expect(stored).not.toContain('d2367575');
    expect(stored).not.toContain(hash.toString('base64url'));
    expect(hash.toString('hex')).toBe('d2367575b80a5eaa567f0dc4e7e8e17e');
  });

  it('refuses anything but 16 bytes', () => {
    expect(() => deriveCredentialData(Buffer.alloc(15))).toThrow(RangeError);
    expect(() => deriveCredentialData(Buffer.alloc(32))).toThrow(RangeError);
  });
});

describe('verifyPasswordAgainstCredentialData', () => {
  it('accepts the password whose NT hash was stored and refuses others', () => {
    const stored = deriveCredentialData(aliceHash());
    expect(verifyPasswordAgainstCredentialData('Passw0rd!Alice', stored)).toBe(true);
    expect(verifyPasswordAgainstCredentialData('Passw0rd!alice', stored)).toBe(false);
    expect(verifyPasswordAgainstCredentialData('Passw0rd!Alice ', stored)).toBe(false);
    expect(verifyPasswordAgainstCredentialData('', stored)).toBe(false);
  });

  it('honours the iteration count written in the value', () => {
    const salt = Buffer.from('0102030405060708090a', 'hex');
    const key = pbkdf2Sync(Buffer.from(ntHash('password').toString('hex'), 'utf16le'), salt, 5, 32, 'sha256');
    const stored = `pbkdf2-sha256$5$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(verifyPasswordAgainstCredentialData('password', stored)).toBe(true);
    expect(verifyPasswordAgainstCredentialData('password', stored.replace('$5$', '$6$'))).toBe(false);
  });

  it('round-trips arbitrary passwords, and a different password fails', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 }), (password, other) => {
        const stored = deriveCredentialData(ntHash(password));
        expect(verifyPasswordAgainstCredentialData(password, stored)).toBe(true);
        if (other !== password) expect(verifyPasswordAgainstCredentialData(other, stored)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects stored values in another format with a typed error', () => {
    const good = deriveCredentialData(aliceHash());
    const [, , salt, key] = good.split('$') as [string, string, string, string];
    for (const bad of [
      '',
      'plaintext',
      `scrypt$1000$${salt}$${key}`,
      `pbkdf2-sha256$0$${salt}$${key}`,
      `pbkdf2-sha256$-1$${salt}$${key}`,
      `pbkdf2-sha256$99999999$${salt}$${key}`,
      `pbkdf2-sha256$1000$$${key}`,
      `pbkdf2-sha256$1000$${salt}$${key.slice(0, 20)}`,
      `pbkdf2-sha256$1000$${salt}$${key}$extra`,
      `pbkdf2-sha256$1000$not+base64url$${key}`,
    ]) {
      expect(() => verifyPasswordAgainstCredentialData('Passw0rd!Alice', bad), bad).toThrow(CredentialDataFormatError);
    }
    let caught: unknown;
    try {
      verifyPasswordAgainstCredentialData('x', 'nonsense');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'InvalidCredentialData' });
  });
});

describe('credentialDataMatches', () => {
  it('tells whether a stored value was derived from an NT hash, leaving the hash as it was', () => {
    const stored = deriveCredentialData(aliceHash());
    const hash = aliceHash();
    expect(credentialDataMatches(hash, stored)).toBe(true);
    expect(hash.toString('hex')).toBe('d2367575b80a5eaa567f0dc4e7e8e17e');
    expect(credentialDataMatches(ntHash('Passw0rd!Bob1'), stored)).toBe(false);
    expect(() => credentialDataMatches(Buffer.alloc(15), stored)).toThrow(RangeError);
    expect(() => credentialDataMatches(hash, 'scrypt$1$2$3')).toThrow(CredentialDataFormatError);
  });
});
