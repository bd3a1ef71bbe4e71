import { describe, expect, it } from 'vitest';
import { bindNameFor, parseDomainSecret, parseServerList, readLdapSettings } from './connection-settings.js';
import { LdapConfigurationError } from './ldap-errors.js';

const pem = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

function secrets(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

describe('readLdapSettings', () => {
  it('names the missing secrets when only Domain is set, as the seeds do', () => {
    const read = () => readLdapSettings(secrets({ Domain: '{"domain":"ad2aadTest.com"}' }));
    expect(read).toThrow(LdapConfigurationError);
    try {
      read();
    } catch (error) {
      expect((error as LdapConfigurationError).missing).toEqual(['Server', 'UserName', 'Password']);
      expect((error as LdapConfigurationError).code).toBe('InvalidConfiguration');
      expect((error as Error).message).toBe('The directory connection is not configured: the Server, UserName and Password secrets are missing');
    }
  });

  it('asks for Domain (or BaseDN) when neither is there', () => {
    expect(() => readLdapSettings(secrets({ Server: 'dc1', UserName: 'svc', Password: 'x' }))).toThrow(
      /the Domain secret is missing/,
    );
  });

  it('reads a complete AD connection: base DN from the domain, bare account qualified, LDAPS by default', () => {
    const settings = readLdapSettings(
      secrets({ domain: '{"domain":"contoso.com"}', server: 'dc1.contoso.com, dc2.contoso.com:3269', username: 'svc-sync', password: ' p w ' }),
    );
    expect(settings).toEqual({
      domain: 'contoso.com',
      baseDn: 'DC=contoso,DC=com',
      servers: [
        { url: 'ldaps://dc1.contoso.com:636', transport: 'ldaps' },
        { url: 'ldaps://dc2.contoso.com:3269', transport: 'ldaps' },
      ],
      bindName: 'svc-sync@contoso.com',
      password: ' p w ',
      tls: { ca: undefined, serverName: undefined },
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('takes BaseDN over the domain, a plain Domain value, a CA with escaped newlines and a TLS name', () => {
    const settings = readLdapSettings(
      secrets({
        Domain: 'example.test',
        BaseDN: 'ou=Sync,dc=example,dc=test',
        Server: 'ldaps://10.0.0.5',
        UserName: 'cn=admin,dc=example,dc=test',
        Password: 'secret',
        TlsCaCertificate: pem.replace(/\n/g, '\\n'),
        TlsServerName: 'ldap.example.test',
      }),
    );
    expect(settings.baseDn).toBe('ou=Sync,dc=example,dc=test');
    expect(settings.bindName).toBe('cn=admin,dc=example,dc=test');
    expect(settings.tls).toEqual({ ca: pem, serverName: 'ldap.example.test' });
  });

  it('rejects a malformed CA, BaseDN and boolean', () => {
    const base = { Domain: 'example.test', Server: 'dc1', UserName: 'u', Password: 'p' };
    expect(() => readLdapSettings(secrets({ ...base, TlsCaCertificate: 'nope' }))).toThrow(/PEM/);
    expect(() => readLdapSettings(secrets({ ...base, BaseDN: 'not a dn' }))).toThrow(/BaseDN/);
    expect(() => readLdapSettings(secrets({ ...base, StartTls: 'maybe' }))).toThrow(/StartTls secret must be true or false/);
  });
});

describe('parseDomainSecret', () => {
  it('accepts the seeds JSON and plain names', () => {
    expect(parseDomainSecret('{"domain":"ad2aadTest.com"}')).toBe('ad2aadTest.com');
    expect(parseDomainSecret('{"Domain":"contoso.com"}')).toBe('contoso.com');
    expect(parseDomainSecret('contoso.com.')).toBe('contoso.com');
  });

  it('rejects JSON without a domain and non-domain names', () => {
    expect(() => parseDomainSecret('{"forest":"x"}')).toThrow(/no "domain"/);
    expect(() => parseDomainSecret('{oops')).toThrow(/neither/);
    expect(() => parseDomainSecret('contoso com')).toThrow(/not a DNS domain/);
  });
});

describe('parseServerList', () => {
  const secure = { allowInsecure: false };

  it('StartTLS for ldap:// and for bare hosts on 389 / 3268', () => {
    expect(parseServerList('ldap://dc1;dc2:389 dc3:3268', secure)).toEqual([
      { url: 'ldap://dc1:389', transport: 'startTls' },
      { url: 'ldap://dc2:389', transport: 'startTls' },
      { url: 'ldap://dc3:3268', transport: 'startTls' },
    ]);
  });

  it('bare hosts become ldap:// + StartTLS when StartTls=true', () => {
    expect(parseServerList('dc1', { startTls: true, allowInsecure: false })).toEqual([{ url: 'ldap://dc1:389', transport: 'startTls' }]);
  });

  it('plain LDAP only when explicitly allowed', () => {
    expect(() => parseServerList('ldap://dc1', { startTls: false, allowInsecure: false })).toThrow(/AllowInsecureLdap=true/);
    expect(parseServerList('ldap://dc1', { startTls: false, allowInsecure: true })).toEqual([{ url: 'ldap://dc1:389', transport: 'plain' }]);
    expect(parseServerList('ldap://127.0.0.1:3890', { allowInsecure: true })).toEqual([
      { url: 'ldap://127.0.0.1:3890', transport: 'plain' },
    ]);
  });

  it('keeps IPv6 literals and rejects other schemes, paths and credentials', () => {
    expect(parseServerList('ldaps://[::1]:1636', secure)).toEqual([{ url: 'ldaps://[::1]:1636', transport: 'ldaps' }]);
    expect(() => parseServerList('http://dc1', secure)).toThrow(/ldap:\/\/ or ldaps:\/\//);
    expect(() => parseServerList('ldap://dc1/dc=x', secure)).toThrow(/scheme, host and port only/);
    expect(() => parseServerList('ldap://u:p@dc1', secure)).toThrow(/scheme, host and port only/);
    expect(() => parseServerList(' , ', secure)).toThrow(/no server/);
  });
});

describe('bindNameFor', () => {
  it('leaves DNs, UPNs and down-level names alone and qualifies bare names', () => {
    expect(bindNameFor('CN=svc,CN=Users,DC=x', 'x')).toBe('CN=svc,CN=Users,DC=x');
    expect(bindNameFor('svc@x.test', 'y.test')).toBe('svc@x.test');
    expect(bindNameFor('EXAMPLE\\svc', 'example.test')).toBe('EXAMPLE\\svc');
    expect(bindNameFor('svc', 'example.test')).toBe('svc@example.test');
    expect(bindNameFor('svc', undefined)).toBe('svc');
  });
});
