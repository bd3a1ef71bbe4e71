import { describe, expect, it } from 'vitest';
import { LdapConfigurationError, LdapInsufficientRightsError, LdapInvalidCredentialsError, LdapUnreachableError } from '../../connectors/ldap/index.js';
import { EngineError, JobLevelFailure } from '../engine-errors.js';
import { sourceFailure } from './ldap-failures.js';

describe('LDAP source failures', () => {
  it('quarantine what someone must fix, with the advice for a directory being read', () => {
    const refused = sourceFailure(new LdapInvalidCredentialsError('The server rejected the user name or password (invalid password)'));
    expect(refused).toBeInstanceOf(JobLevelFailure);
    expect(refused).toMatchObject({ code: 'InvalidCredentials', recommendedAction: expect.stringMatching(/UserName .* and Password secrets/) });

    const rights = sourceFailure(new LdapInsufficientRightsError('The bind account can neither use DirSync nor read CN=Deleted Objects', { scope: 'job' }));
    expect(rights).toMatchObject({ code: 'InsufficientRights', recommendedAction: expect.stringContaining('Replicating Directory Changes') });

    const foreign = sourceFailure(new LdapConfigurationError('The server is neither Active Directory nor OpenLDAP'));
    expect(foreign).toMatchObject({ code: 'InvalidConfiguration', recommendedAction: expect.stringContaining('Server secret') });
    for (const failure of [refused, rights, foreign]) expect((failure as JobLevelFailure).recommendedAction).not.toMatch(/BaseAddress|secret token/i);
  });

  it('only fail the cycle for what passes by itself', () => {
    const down = sourceFailure(new LdapUnreachableError('Cannot reach the LDAP server'));
    expect(down).toBeInstanceOf(EngineError);
    expect(down).not.toBeInstanceOf(JobLevelFailure);
    expect(down).toMatchObject({ code: 'ServerUnreachable', message: 'Cannot reach the LDAP server.' });
  });
});
