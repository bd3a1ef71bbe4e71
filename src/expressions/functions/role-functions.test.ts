import { describe, expect, it } from 'vitest';
import { evaluate, result, results } from '../test-helpers.js';

const assignments = [
  { appRoleId: 'r1', value: 'Admin', displayName: 'Administrator' },
  { appRoleId: 'r2', value: null, displayName: 'Reader' },
];

describe('app role functions', () => {
  it('SingleAppRoleAssignment returns one role value from the context', () => {
    expect(result('SingleAppRoleAssignment([appRoleAssignments])', {}, { context: { appRoleAssignments: assignments } })).toBe('Admin');
    expect(evaluate('SingleAppRoleAssignment([appRoleAssignments])', {}, { context: { appRoleAssignments: [] } })).toBeNull();
  });

  it('AppRoleAssignmentsComplex and the assertive variant return complex roles', () => {
    const expected = [
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'Administrator', value: 'Admin' },
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'Reader', value: null },
    ];
    expect(evaluate('AppRoleAssignmentsComplex([appRoleAssignments])', {}, { context: { appRoleAssignments: assignments } })).toEqual(expected);
    expect(evaluate('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', {}, { context: { appRoleAssignments: assignments } })).toEqual(expected);
    expect(results('AppRoleAssignments([appRoleAssignments])', {}, { context: { appRoleAssignments: assignments } })).toEqual(['Admin', 'Reader']);
  });

  it('fall back to the attribute value when the context has no assignments', () => {
    expect(result('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: assignments })).toBe('Admin');
    expect(() => evaluate('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: ['x'] })).toThrow(expect.objectContaining({ code: 'TypeMismatch' }));
  });

  it('DefaultDomain reads the tenant domain from the context', () => {
    expect(result('Join("@", [alias], DefaultDomain())', { alias: 'a' }, { context: { defaultDomain: 'contoso.com' } })).toBe('a@contoso.com');
    expect(() => evaluate('DefaultDomain()')).toThrow(expect.objectContaining({ code: 'MissingContext' }));
  });
});
