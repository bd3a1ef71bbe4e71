import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMemberOperations, chunkMemberChanges } from './member-operations.js';
import { buildPatchOperations, type AttributeChange } from './patch-operations.js';
import { patchRequestBody } from './patch-operation.js';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const json = (value: unknown): string => JSON.stringify(value);

describe('buildPatchOperations, default dialect (engine-behavior §2.3, §2.4)', () => {
  it('reproduces the reference multi- and single-valued update bodies', () => {
    const operations = buildPatchOperations(
      'User',
      [
        { path: 'emails[type eq "work"].value', oldValue: 'old@microsoft.com', newValue: 'updatedEmail@microsoft.com' },
        { path: 'name.familyName', oldValue: 'familyName', newValue: 'updatedFamilyName' },
      ],
      'default',
    );
    expect(json(patchRequestBody(operations))).toBe(
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],' +
        '"Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},' +
        '{"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}',
    );
    expect(json(buildPatchOperations('User', [{ path: 'userName', oldValue: 'a', newValue: '5b50642d-...@testuser.com' }], 'default'))).toBe(
      '[{"op":"Replace","path":"userName","value":"5b50642d-...@testuser.com"}]',
    );
  });

  it('disables with the string "False" and adds a first value with Add', () => {
    expect(json(buildPatchOperations('User', [{ path: 'active', oldValue: 'True', newValue: 'False' }], 'default'))).toBe(
      '[{"op":"Replace","path":"active","value":"False"}]',
    );
    expect(json(buildPatchOperations('User', [{ path: 'active', oldValue: false, newValue: true }], 'default'))).toBe(
      '[{"op":"Replace","path":"active","value":"True"}]',
    );
    expect(json(buildPatchOperations('User', [{ path: 'nickName', oldValue: null, newValue: 'Babs' }], 'default'))).toBe(
      '[{"op":"Add","path":"nickName","value":"Babs"}]',
    );
  });

  it('removes cleared values with a path and no value', () => {
    expect(
      buildPatchOperations(
        'User',
        [
          { path: 'phoneNumbers[type eq "work"].value', oldValue: '+1 555', newValue: null },
          { path: 'title', oldValue: 'Engineer', newValue: '' },
        ],
        'default',
      ),
    ).toEqual([
      { op: 'Remove', path: 'phoneNumbers[type eq "work"].value' },
      { op: 'Remove', path: 'title' },
    ]);
  });

  it('sets, changes and clears the enterprise manager as a bare target id', () => {
    const manager = `${enterprise}:manager`;
    expect(buildPatchOperations('User', [{ path: manager, oldValue: null, newValue: 'm1' }], 'default')).toEqual([
      { op: 'Add', path: manager, value: 'm1' },
    ]);
    expect(buildPatchOperations('User', [{ path: manager, oldValue: { value: 'm1' }, newValue: { value: 'm2' } }], 'default')).toEqual([
      { op: 'Replace', path: manager, value: 'm2' },
    ]);
    expect(buildPatchOperations('User', [{ path: manager, oldValue: 'm2', newValue: null }], 'default')).toEqual([
      { op: 'Remove', path: manager },
    ]);
  });

  it('emits nothing for unchanged values, including "True" versus true for active', () => {
    expect(
      buildPatchOperations(
        'User',
        [
          { path: 'active', oldValue: true, newValue: 'True' },
          { path: 'displayName', oldValue: 'A', newValue: 'A' },
          { path: 'title', oldValue: null, newValue: undefined },
          { path: 'roles', oldValue: [{ value: 'x' }], newValue: [{ value: 'x' }] },
        ],
        'default',
      ),
    ).toEqual([]);
  });

  it('reproduces the reference group displayName update and member add/remove bodies', () => {
    expect(json(buildPatchOperations('Group', [{ path: 'displayName', oldValue: 'a', newValue: '...updatedDisplayName' }], 'default'))).toBe(
      '[{"op":"Replace","path":"displayName","value":"...updatedDisplayName"}]',
    );
    expect(json(buildMemberOperations(['f648f8d5ea4e4cd38e9c'], [], 'default'))).toBe(
      '[{"op":"Add","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}]',
    );
    expect(json(buildMemberOperations([], ['u1091'], 'default'))).toBe('[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]');
  });

  it('turns a group members change into the net additions and removals', () => {
    expect(
      buildPatchOperations('Group', [{ path: 'members', oldValue: ['a', 'b', 'c'], newValue: [{ value: 'b' }, { value: 'd' }] }], 'default'),
    ).toEqual([
      { op: 'Add', path: 'members', value: [{ $ref: null, value: 'd' }] },
      { op: 'Remove', path: 'members', value: [{ value: 'a' }, { value: 'c' }] },
    ]);
  });
});

describe('buildPatchOperations, aadOptscim062020 dialect', () => {
  it('disables with a boolean and lowercases ops', () => {
    expect(json(buildPatchOperations('User', [{ path: 'active', oldValue: 'True', newValue: 'False' }], 'aadOptscim062020'))).toBe(
      '[{"op":"replace","path":"active","value":false}]',
    );
    expect(json(buildPatchOperations('User', [{ path: 'nickName', oldValue: undefined, newValue: 'Babs' }], 'aadOptscim062020'))).toBe(
      '[{"op":"add","path":"nickName","value":"Babs"}]',
    );
  });

  it('merges simple replaces into one path-less op and keeps filtered paths separate (reference example)', () => {
    const operations = buildPatchOperations(
      'User',
      [
        { path: 'emails[type eq "work"].value', oldValue: 'a@x', newValue: 'b@x' },
        { path: 'displayName', oldValue: 'old', newValue: 'Bjfe' },
        { path: 'name.givenName', oldValue: 'old', newValue: 'Kkom' },
        { path: 'name.familyName', oldValue: 'old', newValue: 'Unua' },
        { path: `${enterprise}:employeeNumber`, oldValue: 'old', newValue: 'Aklq' },
        { path: 'title', oldValue: 'old', newValue: null },
      ],
      'aadOptscim062020',
    );
    expect(json(operations)).toBe(
      '[{"op":"replace","path":"emails[type eq \\"work\\"].value","value":"b@x"},' +
        '{"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom","name.familyName":"Unua",' +
        '"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}},' +
        '{"op":"remove","path":"title"}]',
    );
  });

  it('removes members one filtered path each, without a value', () => {
    expect(json(buildMemberOperations([], ['7f4bc1a3-285e-48ae-8202-5accb43efb0e', 'x"y'], 'aadOptscim062020'))).toBe(
      '[{"op":"remove","path":"members[value eq \\"7f4bc1a3-285e-48ae-8202-5accb43efb0e\\"]"},' +
        '{"op":"remove","path":"members[value eq \\"x\\\\\\"y\\"]"}]',
    );
    expect(buildMemberOperations(['u1'], [], 'aadOptscim062020')).toEqual([{ op: 'add', path: 'members', value: [{ $ref: null, value: 'u1' }] }]);
  });
});

describe('chunkMemberChanges', () => {
  it('splits removals then additions into requests of at most the chunk size', () => {
    expect(chunkMemberChanges(['a1', 'a2', 'a3'], ['r1', 'r2'], 2)).toEqual([
      { add: [], remove: ['r1', 'r2'] },
      { add: ['a1', 'a2'], remove: [] },
      { add: ['a3'], remove: [] },
    ]);
    expect(chunkMemberChanges([], [], 5)).toEqual([]);
    expect(() => chunkMemberChanges(['a'], [], 0)).toThrow(RangeError);
  });
});

describe('PATCH generation properties', () => {
  const scalar = fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 5 }), fc.boolean());
  const paths = ['displayName', 'title', 'name.givenName', 'emails[type eq "work"].value', `${enterprise}:department`, 'active'];
  const changes = fc.array(
    fc.record({ path: fc.constantFrom(...paths), oldValue: scalar, newValue: scalar }),
    { maxLength: 6 },
  ).map((list) => [...new Map(list.map((change) => [change.path, change])).values()] as AttributeChange[]);

  it('never emits an operation for an unchanged attribute and always uses the dialect casing', () => {
    fc.assert(
      fc.property(changes, fc.constantFrom('default' as const, 'aadOptscim062020' as const), (list, dialect) => {
        const operations = buildPatchOperations('User', list, dialect);
        const touched = new Set(
          operations.flatMap((operation) => (operation.path ? [operation.path] : Object.keys(operation.value as object))),
        );
        for (const change of list) {
          const empty = (value: unknown): boolean => value === null || value === '';
          const unchanged = (empty(change.oldValue) && empty(change.newValue)) || change.oldValue === change.newValue;
          if (unchanged) expect(touched.has(change.path)).toBe(false);
        }
        for (const operation of operations) {
          expect(operation.op).toBe(dialect === 'default' ? operation.op[0]!.toUpperCase() + operation.op.slice(1) : operation.op.toLowerCase());
          if (operation.op.toLowerCase() === 'remove') expect(operation).not.toHaveProperty('value');
        }
      }),
    );
  });
});
