import { describe, expect, it } from 'vitest';
import { LdapConfigurationError, LdapEntry } from '../../connectors/ldap/index.js';
import { containersNotFoundError, containersOutsideDomainError, LdapScope } from './ldap-scope.js';

const base = 'DC=example,DC=test';
const entry = (dn: string, attributes: Record<string, string[]> = {}) => new LdapEntry(dn, Object.entries(attributes));

describe('LdapScope', () => {
  it('searches the outermost OUs of the containerFilter within the domain, or the domain', () => {
    expect(new LdapScope({ baseDn: base, containers: [], groups: [] }, 'activeDirectory').bases).toEqual([base]);
    const scope = new LdapScope(
      { baseDn: base, containers: ['OU=Staff,DC=example,DC=test', 'ou=Berlin,ou=staff,dc=example,dc=test', 'OU=Staff,DC=other,DC=test'], groups: [] },
      'activeDirectory',
    );
    expect(scope.bases).toEqual(['OU=Staff,DC=example,DC=test']);
    expect(new LdapScope({ baseDn: base, containers: ['OU=Staff,DC=other,DC=test'], groups: [] }, 'activeDirectory').bases).toEqual([]);
  });

  it('excludes critical system objects, conflict objects and objects outside the OUs', () => {
    const scope = new LdapScope({ baseDn: base, containers: ['OU=Staff,DC=example,DC=test'], groups: [] }, 'activeDirectory');
    expect(scope.includes(entry('CN=alice,OU=Staff,DC=example,DC=test'))).toBe(true);
    expect(scope.includes(entry('CN=bob,OU=Elsewhere,DC=example,DC=test'))).toBe(false);
    expect(scope.includes(entry('CN=Domain Admins,OU=Staff,DC=example,DC=test', { isCriticalSystemObject: ['TRUE'] }))).toBe(false);
    expect(scope.includes(entry('CN=alice\\0ACNF:0f0e,OU=Staff,DC=example,DC=test'))).toBe(false);
    expect(scope.filter('(objectClass=group)')).toBe('(&(objectClass=group)(!(isCriticalSystemObject=TRUE)))');
  });

  it('scopes by direct membership of the groupFilter groups, by memberOf', () => {
    const pilots = 'CN=Pilots,OU=Groups,DC=example,DC=test';
    const scope = new LdapScope({ baseDn: base, containers: [], groups: [pilots] }, 'openLdap');
    expect(scope.attributes).toEqual(['memberOf']);
    expect(scope.includes(entry('uid=a,ou=People,dc=example,dc=test', { memberOf: ['cn=pilots,ou=groups,dc=example,dc=test'] }))).toBe(true);
    expect(scope.includes(entry('uid=b,ou=People,dc=example,dc=test', { memberOf: ['cn=others,ou=groups,dc=example,dc=test'] }))).toBe(false);
    expect(scope.isScopingGroup('cn=PILOTS,ou=Groups,dc=example,dc=test')).toBe(true);
    // No isCriticalSystemObject on OpenLDAP: a NOT of an unknown attribute would match nothing.
    expect(scope.filter('(objectClass=inetOrgPerson)')).toBe('(&(objectClass=inetOrgPerson)(memberOf=CN=Pilots,OU=Groups,DC=example,DC=test))');
  });

  it('names the containerFilter entries outside the domain it ignores, and why', () => {
    expect(containersOutsideDomainError(base, [])).toBeNull();
    expect(containersOutsideDomainError(base, ['ou=Staff,dc=EXAMPLE,dc=test', base])).toBeNull();
    const one = containersOutsideDomainError(base, ['OU=Staff,DC=example,DC=test', 'OU=Staff,DC=exmaple,DC=test']);
    expect(one).toEqual({
      code: 'ContainerOutsideDomain',
      message:
        "The containerFilter entry 'OU=Staff,DC=exmaple,DC=test' is outside the domain's naming context 'DC=example,DC=test' and was ignored: " +
        "only objects under 'DC=example,DC=test' are read. Correct the synchronization rule's containerFilter in the job's schema (PUT …/schema), or the Domain or BaseDN secret.",
      tenantActionable: true,
    });
    const two = containersOutsideDomainError(base, ['OU=A,DC=other,DC=test', 'DC=test']);
    expect(two?.message).toMatch(/^The containerFilter entries 'OU=A,DC=other,DC=test', 'DC=test' are outside .* and were ignored/);
    // Not a DN: the scope refuses it (InvalidConfiguration) rather than ignoring it.
    expect(containersOutsideDomainError(base, ['Staff'])).toBeNull();
  });

  it('names the containerFilter entries that do not exist', () => {
    expect(containersNotFoundError([])).toBeNull();
    expect(containersNotFoundError(['OU=Staf,DC=example,DC=test'])).toEqual({
      code: 'ContainerNotFound',
      message:
        "The containerFilter entry 'OU=Staf,DC=example,DC=test' does not exist in the directory: nothing is read from it. " +
        "Correct the synchronization rule's containerFilter in the job's schema (PUT …/schema).",
      tenantActionable: true,
    });
    expect(containersNotFoundError(['OU=A,DC=example,DC=test', 'OU=B,DC=example,DC=test'])?.message).toMatch(/^The containerFilter entries 'OU=A,.*', 'OU=B,.*' do not exist .* from them\./);
  });

  it('refuses a container that is not a distinguished name', () => {
    expect(() => new LdapScope({ baseDn: base, containers: ['Staff'], groups: [] }, 'activeDirectory')).toThrow(LdapConfigurationError);
  });
});
