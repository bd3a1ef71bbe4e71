import { describe, expect, it } from 'vitest';
import { defaultRedactionRules, isSecretName, redactDetails, redactedValue, redactModifiedProperty } from './redaction.js';

describe('isSecretName', () => {
  it.each(['CredentialData', 'credentialdata', 'password', 'userPassword', 'passwordProfile.password', 'unicodePwd', 'urn:ietf:params:scim:schemas:core:2.0:User:password', 'ClientSecret', 'SecretToken', 'extension_abc_Passphrase'])(
    '%s is secret',
    (name) => expect(isSecretName(name)).toBe(true),
  );

  it.each(['userName', 'displayName', 'mail', 'active', 'manager', 'emails[type eq "work"].value', 'pwdLastSet'])('%s is not secret', (name) =>
    expect(isSecretName(name)).toBe(false),
  );

  it('follows custom rules', () => {
    expect(isSecretName('pin', { names: ['PIN'], fragments: [] })).toBe(true);
    expect(isSecretName('password', { names: ['PIN'], fragments: [] })).toBe(false);
  });
});

describe('redactModifiedProperty', () => {
  it('replaces both values of a secret attribute', () => {
    expect(redactModifiedProperty({ displayName: 'CredentialData', oldValue: 'old-hash', newValue: 'new-hash' })).toEqual({
      displayName: 'CredentialData',
      oldValue: redactedValue,
      newValue: redactedValue,
    });
    expect(redactedValue).toBe('[Redact]');
  });

  it('replaces the values of a mapping that uses Redact()', () => {
    const property = { displayName: 'employeeId', oldValue: null, newValue: '1234' };
    expect(redactModifiedProperty(property, { expressionRedacts: true })).toEqual({ displayName: 'employeeId', oldValue: null, newValue: '[Redact]' });
  });

  it('keeps null values and leaves other attributes alone', () => {
    expect(redactModifiedProperty({ displayName: 'password', oldValue: null, newValue: null })).toEqual({ displayName: 'password', oldValue: null, newValue: null });
    const plain = { displayName: 'displayName', oldValue: 'Adele', newValue: 'Adele Vance' };
    expect(redactModifiedProperty(plain)).toBe(plain);
  });
});

describe('redactDetails', () => {
  it('redacts values under secret-named keys only', () => {
    expect(redactDetails({ ReportableIdentifier: 'adele', SecretToken: 'abc' })).toEqual({ ReportableIdentifier: 'adele', SecretToken: '[Redact]' });
    const plain = { ReportableIdentifier: 'adele' };
    expect(redactDetails(plain, defaultRedactionRules)).toBe(plain);
  });
});
