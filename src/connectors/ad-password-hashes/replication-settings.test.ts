import { describe, expect, it } from 'vitest';
import { PasswordHashConfigurationError } from './password-hash-errors.js';
import { domainNamingContext, readReplicationSettings } from './replication-settings.js';

const secrets = (values: Record<string, string>) => new Map(Object.entries(values));
const base = { Domain: '{"domain":"example.test"}', Server: 'ldaps://dc1.example.test, ldap://10.0.0.2:389', UserName: 'svc-sync', Password: 'pw', AllowInsecureLdap: 'true' };

describe('readReplicationSettings', () => {
  it('takes the DCs, the account and the domain from the LDAP secrets', () => {
    expect(readReplicationSettings(secrets(base))).toEqual({
      servers: ['dc1.example.test', '10.0.0.2'],
      account: 'svc-sync@example.test',
      password: 'pw',
      namingContext: 'DC=example,DC=test',
      scope: 'DC=example,DC=test',
    });
  });

  it('replicates the whole domain but only returns accounts under BaseDN', () => {
    const settings = readReplicationSettings(secrets({ ...base, BaseDN: 'OU=Staff,DC=Example,DC=test', UserName: 'EXAMPLE\\svc-sync' }));
    expect(settings).toMatchObject({ account: 'EXAMPLE\\svc-sync', namingContext: 'DC=Example,DC=test', scope: 'OU=Staff,DC=Example,DC=test' });
  });

  it('lists each DC once and strips IPv6 brackets', () => {
    const settings = readReplicationSettings(secrets({ ...base, Server: 'ldaps://[fd00::1]:636, ldaps://dc1, dc1:636' }));
    expect(settings.servers).toEqual(['fd00::1', 'dc1']);
  });

  it('names the missing secrets', () => {
    let caught: unknown;
    try {
      readReplicationSettings(secrets({ Domain: 'example.test' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PasswordHashConfigurationError);
    expect(caught).toMatchObject({ code: 'InvalidConfiguration', missing: ['Server', 'UserName', 'Password'] });
  });

  it('refuses an account given as a DN: NTLM cannot log on with it', () => {
    expect(() => readReplicationSettings(secrets({ ...base, UserName: 'CN=svc-sync,CN=Users,DC=example,DC=test' }))).toThrow(
      PasswordHashConfigurationError,
    );
  });
});

describe('domainNamingContext', () => {
  it('is the trailing run of DC= components', () => {
    expect(domainNamingContext('OU=Staff,OU=People,DC=corp,DC=example,DC=com')).toBe('DC=corp,DC=example,DC=com');
    expect(domainNamingContext('DC=example,DC=test')).toBe('DC=example,DC=test');
    expect(() => domainNamingContext('O=Example,C=US')).toThrow(PasswordHashConfigurationError);
  });
});
