import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCredentialData } from '../../auth/credential-data.js';
import { ntHash } from '../../auth/nt-hash.js';
import { assertPasswordPolicy, hashUserPassword, meetsPasswordPolicy, verifyUserPassword } from './user-password.js';

describe('user passwords', () => {
  it('stores a salted scrypt hash that verifies only the right password', async () => {
    const first = await hashUserPassword('Str0ng!Passw0rd');
    const second = await hashUserPassword('Str0ng!Passw0rd');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(first).not.toContain('Str0ng');
    expect(first).not.toBe(second);
    expect(await verifyUserPassword('Str0ng!Passw0rd', first)).toBe(true);
    expect(await verifyUserPassword('str0ng!Passw0rd', first)).toBe(false);
    expect(await verifyUserPassword('Str0ng!Passw0rd', null)).toBe(false);
    expect(await verifyUserPassword('Str0ng!Passw0rd', 'plain')).toBe(false);
  });

  it('applies the cloud password policy: 8 to 256 allowed characters of three kinds', () => {
    expect(meetsPasswordPolicy('Abcdefg1')).toBe(true);
    expect(meetsPasswordPolicy('abcdefg1!')).toBe(true);
    expect(meetsPasswordPolicy('Abcdef1')).toBe(false);
    expect(meetsPasswordPolicy('abcdefgh1')).toBe(false);
    expect(meetsPasswordPolicy('Abcdefgh1é')).toBe(false);
    expect(meetsPasswordPolicy(`Aa1${'x'.repeat(254)}`)).toBe(false);
    expect(() => assertPasswordPolicy('password')).toThrow(/password complexity requirements/);
  });

  it('accepts exactly the passwords with three character kinds', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9!#]{8,40}$/), (password) => {
        const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[!#]/].filter((kind) => kind.test(password)).length;
        expect(meetsPasswordPolicy(password)).toBe(kinds >= 3);
      }),
    );
  });

  it('verifies a password against CredentialData synchronized from Active Directory', async () => {
    const credentialData = deriveCredentialData(ntHash('From-AD-Passw0rd'));
    expect(await verifyUserPassword('From-AD-Passw0rd', credentialData)).toBe(true);
    expect(await verifyUserPassword('from-ad-passw0rd', credentialData)).toBe(false);
  });
});
