import { describe, expect, it } from 'vitest';
import { applyUserChanges, checkUserPrincipalName, parseUserWrite } from './user-input.js';
import { newUser } from './user.js';

const domain = 'contoso.onmicrosoft.com';

describe('user input', () => {
  it('checks the shape and the domain of a userPrincipalName', () => {
    expect(() => checkUserPrincipalName(`o'neil.j_x-y#EXT#@${domain}`, domain)).not.toThrow();
    expect(() => checkUserPrincipalName(`Alice@CONTOSO.onmicrosoft.com`, domain)).not.toThrow();
    expect(() => checkUserPrincipalName('alice@fabrikam.com', domain)).toThrow(/domain portion/);
    for (const invalid of ['alice', '@contoso.onmicrosoft.com', `.alice@${domain}`, `al ice@${domain}`, `${'a'.repeat(65)}@${domain}`]) {
      expect(() => checkUserPrincipalName(invalid, domain), invalid).toThrow("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
    }
  });

  it('requires what Graph requires on create and normalizes values', () => {
    expect(() => parseUserWrite({ displayName: 'x' }, { create: true, extensions: [], tenantDomain: domain })).toThrow(
      'Property accountEnabled value is required but is empty or missing.',
    );
    const parsed = parseUserWrite(
      { employeeHireDate: '2020-01-01', usageLocation: 'us', passwordProfile: { password: 'Secret!123' } },
      { create: false, extensions: [], tenantDomain: domain },
    );
    expect(parsed.changes).toEqual({ employeeHireDate: '2020-01-01T00:00:00Z', usageLocation: 'US' });
    expect(parsed.password).toBe('Secret!123');
    expect(() => parseUserWrite({ passwordProfile: {} }, { create: false, extensions: [], tenantDomain: domain })).toThrow(/passwordProfile.password/);
  });

  it('merges complex values key by key', () => {
    const user = applyUserChanges(newUser({ id: '00000000-0000-0000-0000-000000000001', userPrincipalName: `a@${domain}` }), {
      onPremisesExtensionAttributes: { extensionAttribute1: 'one' },
      employeeOrgData: { costCenter: 'CC' },
    });
    const again = applyUserChanges(user, { onPremisesExtensionAttributes: { extensionAttribute2: 'two' } });
    expect(again.onPremisesExtensionAttributes).toMatchObject({ extensionAttribute1: 'one', extensionAttribute2: 'two', extensionAttribute3: null });
    expect(again.employeeOrgData).toEqual({ division: null, costCenter: 'CC' });
    expect(applyUserChanges(again, { onPremisesExtensionAttributes: null }).onPremisesExtensionAttributes.extensionAttribute1).toBeNull();
  });
});
