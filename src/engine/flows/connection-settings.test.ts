import { describe, expect, it } from 'vitest';
import { readLdapSettings } from '../../connectors/ldap/index.js';
import { ScimClient } from '../../connectors/scim/index.js';
import { JobLevelFailure } from '../engine-errors.js';
import { fromConnectionSecrets } from './connection-settings.js';

function failureOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected the build to fail');
}

describe('fromConnectionSecrets', () => {
  it('turns missing LDAP and SCIM connection secrets into the same job-level failure, with the message naming them', () => {
    const ldap = failureOf(() => fromConnectionSecrets(() => readLdapSettings(new Map([['Domain', 'example.test']]))));
    const scim = failureOf(() => fromConnectionSecrets(() => ScimClient.fromSecrets(new Map([['SecretToken', 'x']]))));
    for (const failure of [ldap, scim]) {
      expect(failure).toBeInstanceOf(JobLevelFailure);
      expect(failure).toMatchObject({ code: 'InvalidConfiguration', message: expect.stringMatching(/secrets? (are|is) missing\.$/) });
    }
    expect((ldap as Error).message).toBe('The directory connection is not configured: the Server, UserName and Password secrets are missing.');
    expect((scim as Error).message).toBe('The BaseAddress (tenant URL) secret is missing.');
  });

  it("advises the secrets of the connector's own system: a directory's, or a SCIM application's", () => {
    const ldap = failureOf(() => fromConnectionSecrets(() => readLdapSettings(new Map([['Domain', 'example.test']])))) as JobLevelFailure;
    const scim = failureOf(() => fromConnectionSecrets(() => ScimClient.fromSecrets(new Map([['SecretToken', 'x']])))) as JobLevelFailure;
    expect(ldap.recommendedAction).toMatch(/Save the Domain \(or BaseDN\), Server, UserName and Password secrets/);
    expect(ldap.recommendedAction).not.toMatch(/BaseAddress|SecretToken/);
    expect(scim.recommendedAction).toMatch(/Save BaseAddress and SecretToken/);
  });

  it('lets other errors through', () => {
    const error = new Error('disk full');
    expect(failureOf(() => fromConnectionSecrets(() => {
      throw error;
    }))).toBe(error);
  });
});
