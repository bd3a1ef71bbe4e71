import { describe, expect, it } from 'vitest';
import { readConnectionSettings } from './connection-settings.js';
import { ScimConfigurationError } from './scim-errors.js';

describe('readConnectionSettings', () => {
  it('reads the tenant URL and the secret token; trailing slashes do not matter', () => {
    for (const base of ['https://api.contoso.com/scim', 'https://api.contoso.com/scim/', 'https://api.contoso.com/scim//']) {
      const settings = readConnectionSettings([
        { key: 'BaseAddress', value: base },
        { key: 'SecretToken', value: 's3cret' },
      ]);
      expect(settings).toMatchObject({
        baseUrl: 'https://api.contoso.com/scim',
        baseQuery: [],
        dialect: 'default',
        credentials: { kind: 'bearer', token: 's3cret' },
      });
    }
  });

  it('takes behaviour flags out of the tenant URL and keeps other query parameters', () => {
    const settings = readConnectionSettings(
      new Map([
        ['baseaddress', 'https://api.contoso.com/scim/v2/?aadOptscim062020&tenant=acme'],
        ['secrettoken', 't'],
      ]),
    );
    expect(settings.baseUrl).toBe('https://api.contoso.com/scim/v2');
    expect(settings.baseQuery).toEqual([['tenant', 'acme']]);
    expect([...settings.flags]).toEqual(['aadOptscim062020']);
    expect(settings.dialect).toBe('aadOptscim062020');
  });

  it('lets the rollback flag win over the opt-in', () => {
    const settings = readConnectionSettings([
      { key: 'BaseAddress', value: 'https://x.example/scim?AADOPTSCIM062020&AzureAdScimPatch2017' },
      { key: 'SecretToken', value: 't' },
    ]);
    expect(settings.dialect).toBe('default');
  });

  it('prefers OAuth 2.0 client credentials when they are configured', () => {
    const settings = readConnectionSettings([
      { key: 'BaseAddress', value: 'https://x.example/scim' },
      { key: 'SecretToken', value: '' },
      { key: 'Oauth2TokenExchangeUri', value: 'https://login.example/token' },
      { key: 'ClientIdentifier', value: 'id' },
      { key: 'ClientSecret', value: 'secret' },
    ]);
    expect(settings.credentials).toEqual({ kind: 'oauth2ClientCredentials', tokenUri: 'https://login.example/token', clientId: 'id', clientSecret: 'secret' });
  });

  it('refuses incomplete or unusable secrets', () => {
    const cases: [string, [string, string][]][] = [
      ['no base address', [['SecretToken', 't']]],
      ['no credentials', [['BaseAddress', 'https://x.example/scim']]],
      ['blank token', [['BaseAddress', 'https://x.example/scim'], ['SecretToken', '  ']]],
      ['not a URL', [['BaseAddress', 'scim.example'], ['SecretToken', 't']]],
      ['not http', [['BaseAddress', 'ftp://x.example/scim'], ['SecretToken', 't']]],
      ['half OAuth', [['BaseAddress', 'https://x.example/scim'], ['ClientIdentifier', 'id']]],
    ];
    for (const [name, entries] of cases) {
      expect(() => readConnectionSettings(new Map(entries)), name).toThrow(ScimConfigurationError);
    }
  });
});
