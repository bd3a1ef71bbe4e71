import { describe, expect, it } from 'vitest';
import { nextLinkFor } from './next-link.js';

describe('nextLinkFor', () => {
  it('appends $skiptoken and keeps the other options verbatim and in order', () => {
    expect(
      nextLinkFor(
        'https://graph.example/v1.0/servicePrincipals?$filter=startswith(displayName,%27a%27)&$top=5&$select=id,appId',
        'abc.def',
      ),
    ).toBe('https://graph.example/v1.0/servicePrincipals?$filter=startswith(displayName,%27a%27)&$top=5&$select=id,appId&$skiptoken=abc.def');
  });

  it('replaces an existing $skiptoken, whatever its spelling', () => {
    expect(nextLinkFor('https://h/beta/auditLogs/provisioning?$top=2&$skiptoken=old&x=1', 'new')).toBe(
      'https://h/beta/auditLogs/provisioning?$top=2&x=1&$skiptoken=new',
    );
    expect(nextLinkFor('https://h/beta/users?skiptoken=old&%24SkipToken=older&$top=2', 'new')).toBe(
      'https://h/beta/users?$top=2&$skiptoken=new',
    );
  });

  it('works without a query string and encodes the token', () => {
    expect(nextLinkFor('https://h/v1.0/users', 'a b/c')).toBe('https://h/v1.0/users?$skiptoken=a%20b%2Fc');
    expect(nextLinkFor(new URL('https://h:8443/v1.0/users?'), 't')).toBe('https://h:8443/v1.0/users?$skiptoken=t');
  });

  it('keeps parameters whose names are not valid percent-encoding', () => {
    expect(nextLinkFor('https://h/v1.0/users?%zz=1', 't')).toBe('https://h/v1.0/users?%zz=1&$skiptoken=t');
  });
});
