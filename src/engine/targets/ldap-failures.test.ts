import { describe, expect, it } from 'vitest';
import { LdapInvalidCredentialsError, LdapStrongAuthRequiredError, LdapTlsError, LdapUnreachableError } from '../../connectors/ldap/index.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { fromLdapError, ldapJobFailure, ldapUnreachableAction } from './ldap-failures.js';

describe('LDAP target failures', () => {
  it('stop the job with the advice of the directory connection, not a SCIM application', () => {
    const cases = [
      [new LdapInvalidCredentialsError('The server rejected the user name or password (invalid password)'), 'InvalidCredentials', /UserName .* and Password secrets/],
      [new LdapTlsError('The certificate is not trusted'), 'TlsFailure', /TlsCaCertificate/],
      [new LdapStrongAuthRequiredError('Strong authentication required'), 'StrongAuthenticationRequired', /ldaps:\/\//],
    ] as const;
    for (const [error, code, advice] of cases) {
      const failure = fromLdapError(error);
      expect(failure).toBeInstanceOf(JobLevelFailure);
      expect(failure).toMatchObject({ code, recommendedAction: expect.stringMatching(advice) });
      expect(failure.recommendedAction).not.toMatch(/BaseAddress|secret token/i);
    }
  });

  it('advise on the job-level codes the target makes itself', () => {
    expect(ldapJobFailure('TargetUnreachable', 'No answer.').recommendedAction).toBe(ldapUnreachableAction);
    expect(ldapUnreachableAction).toContain('Check the Server secret');
    expect(ldapJobFailure('TargetSchemaIncomplete', 'The schema lacks msExchArchiveStatus.').recommendedAction).toMatch(/^Extend the directory schema/);
    expect(ldapJobFailure('InvalidMatchingAttribute', 'Two found.').recommendedAction).toMatch(/unique/);
    expect(ldapJobFailure('SomethingNew', 'Unknown.').recommendedAction).toBeNull();
  });

  it('leave an unreachable server to the object, retried', () => {
    const failure = fromLdapError(new LdapUnreachableError('Cannot reach the LDAP server'));
    expect(failure).toBeInstanceOf(ObjectFailure);
    expect(failure).toMatchObject({ code: 'ServerUnreachable', retryable: true, connectionFailure: true });
  });
});
