import { describe, expect, it } from 'vitest';
import {
  findAttributeDefinition,
  findAttributeMapping,
  findDirectory,
  findObjectDefinition,
  findObjectMapping,
  findSynchronizationRule,
  listMappedTargetAttributes,
  listMatchingAttributeMappings,
  listObjectMappings,
  listSourceAttributes,
} from './lookup.js';
import { synchronizationSchemaSchema } from './synchronization-schema.js';

const attribute = (name: string) => ({ source: { type: 'Attribute', name, expression: `[${name}]` } });

const schema = synchronizationSchemaSchema.parse({
  id: 's',
  directories: [
    { id: 'd1', name: 'Active Directory', objects: [{ name: 'user', attributes: [{ name: 'objectGUID', anchor: true }, { name: 'mail' }] }] },
    { id: 'd2', name: 'Azure Active Directory', objects: [{ name: 'User', attributes: [{ name: 'objectId', anchor: true }] }] },
  ],
  synchronizationRules: [
    { id: 'r0', sourceDirectoryName: 'x', targetDirectoryName: 'y', objectMappings: [{ name: 'first', sourceObjectName: 'a', targetObjectName: 'b' }] },
    {
      id: 'r1',
      sourceDirectoryName: 'Active Directory',
      targetDirectoryName: 'Azure Active Directory',
      objectMappings: [
        {
          name: 'Provision Active Directory users',
          sourceObjectName: 'user',
          targetObjectName: 'User',
          attributeMappings: [
            { targetAttributeName: 'mail', ...attribute('mail') },
            { targetAttributeName: 'userPrincipalName', matchingPriority: 2, ...attribute('userPrincipalName') },
            { targetAttributeName: 'sourceAnchorBinary', matchingPriority: 1, ...attribute('objectGUID') },
            { targetAttributeName: 'mail', ...attribute('proxyAddresses') },
            {
              targetAttributeName: 'displayName',
              source: {
                type: 'Function',
                name: 'IIF',
                parameters: [
                  { key: 'condition', value: { type: 'Function', name: 'IsPresent', parameters: [{ key: 'source', value: { type: 'Attribute', name: 'displayName' } }] } },
                  { key: 'valueIfTrue', value: { type: 'Attribute', name: 'displayName' } },
                  { key: 'valueIfFalse', value: { type: 'Attribute', name: 'cn' } },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
});

describe('schema lookups', () => {
  it('finds object mappings in any rule, exactly or ignoring case', () => {
    const exact = findObjectMapping(schema, 'Provision Active Directory users');
    expect(exact?.ruleIndex).toBe(1);
    expect(exact?.objectMappingIndex).toBe(0);
    expect(findObjectMapping(schema, 'Provision Active Directory Users')?.objectMapping).toBe(exact?.objectMapping);
    expect(findObjectMapping(schema, 'Provision Active Directory groups')).toBeUndefined();
    expect(listObjectMappings(schema).map((location) => location.objectMapping.name)).toEqual(['first', 'Provision Active Directory users']);
  });

  it('finds directories, objects, attributes and rules', () => {
    const ad = findDirectory(schema, 'active directory');
    expect(ad?.id).toBe('d1');
    const user = ad === undefined ? undefined : findObjectDefinition(ad, 'user');
    expect(user === undefined ? undefined : findAttributeDefinition(user, 'objectGUID')?.anchor).toBe(true);
    expect(findSynchronizationRule(schema, 'r1')?.targetDirectoryName).toBe('Azure Active Directory');
    expect(findSynchronizationRule(schema, 'R1')).toBeUndefined();
  });

  it('finds attribute mappings by exact target name and lists mapped targets once', () => {
    const users = findObjectMapping(schema, 'Provision Active Directory users')?.objectMapping;
    if (users === undefined) throw new Error('missing mapping');
    expect(findAttributeMapping(users, 'userPrincipalName')?.matchingPriority).toBe(2);
    expect(findAttributeMapping(users, 'UserPrincipalName')).toBeUndefined();
    expect(listMappedTargetAttributes(users)).toEqual(['mail', 'userPrincipalName', 'sourceAnchorBinary', 'displayName']);
    expect(listMatchingAttributeMappings(users).map((mapping) => mapping.targetAttributeName)).toEqual(['sourceAnchorBinary', 'userPrincipalName']);
  });

  it('lists every attribute a source reads, through nested functions', () => {
    const users = findObjectMapping(schema, 'Provision Active Directory users')?.objectMapping;
    const displayName = users === undefined ? undefined : findAttributeMapping(users, 'displayName');
    expect(listSourceAttributes(displayName?.source ?? null)).toEqual(['displayName', 'cn']);
    expect(listSourceAttributes(null)).toEqual([]);
  });
});
