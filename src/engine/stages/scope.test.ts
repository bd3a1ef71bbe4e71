import { describe, expect, it } from 'vitest';
import { compileScopingFilter } from '../../expressions/index.js';
import type { SourceObject } from '../connectors/source-connector.js';
import { evaluateScope, sourceAttributeReader } from './scope.js';

const user = (overrides: Partial<SourceObject> = {}): SourceObject => ({
  id: 'u1',
  objectType: 'User',
  state: 'live',
  displayName: 'Ada',
  entitled: true,
  enabled: true,
  attributes: { department: 'Sales', userPrincipalName: 'ada@contoso.com' },
  appRoleAssignments: [],
  ...overrides,
});
const salesOnly = compileScopingFilter(
  { groups: [{ clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Sales'] } }] }] },
  { dialect: 'appProvisioning' },
);
const scopeOf = (object: SourceObject) => evaluateScope(object, salesOnly, sourceAttributeReader(object, () => false));

describe('evaluateScope', () => {
  it('is in scope when assigned, live, enabled and passing the filter', () => {
    expect(scopeOf(user())).toEqual({ inScope: true, isSoftDeleted: false, reason: 'InScope', passesFilter: true });
  });

  it('names why an object is out of scope', () => {
    expect(scopeOf(user({ entitled: false })).reason).toBe('NotAssigned');
    expect(scopeOf(user({ attributes: { department: 'Legal' } })).reason).toBe('FilteredOut');
    expect(scopeOf(user({ state: 'softDeleted' })).reason).toBe('SoftDeleted');
    expect(scopeOf(user({ state: 'gone' })).reason).toBe('Deleted');
  });

  it('keeps a disabled account in scope but soft-deleted', () => {
    expect(scopeOf(user({ enabled: false }))).toMatchObject({ inScope: true, isSoftDeleted: true, reason: 'Disabled' });
  });
});

describe('sourceAttributeReader', () => {
  it('reads attributes exactly, then case-insensitively, and computes IsSoftDeleted', () => {
    const read = sourceAttributeReader(user(), () => true);
    expect(read('userPrincipalName')).toBe('ada@contoso.com');
    expect(read('USERPRINCIPALNAME')).toBe('ada@contoso.com');
    expect(read('IsSoftDeleted')).toBe(true);
    expect(read('missing')).toBeUndefined();
  });
});
