import { describe, expect, it } from 'vitest';
import { findSchemaInconsistencies } from './consistency.js';
import { synchronizationSchemaSchema } from './synchronization-schema.js';

const attributeSource = (name: string) => ({ type: 'Attribute', name, expression: `[${name}]` });

interface AttributeInput {
  name: string;
  anchor?: boolean;
  type?: string;
  referencedObjects?: { referencedObjectName: string }[];
}

function baseSchema() {
  return {
    directories: [
      {
        id: 'd1',
        name: 'Active Directory',
        objects: [
          {
            name: 'user',
            attributes: <AttributeInput[]>[
              { name: 'objectGUID', anchor: true, type: 'Binary' },
              { name: 'PasswordHash' },
              { name: 'mail' },
              { name: 'manager', type: 'Reference', referencedObjects: [{ referencedObjectName: 'user' }] },
            ],
          },
        ],
      },
      {
        id: 'd2',
        name: 'Azure Active Directory',
        objects: [{ name: 'User', attributes: [{ name: 'objectId', anchor: true }, { name: 'sourceAnchorBinary', type: 'Binary' }, { name: 'CredentialData' }, { name: 'mail' }] }],
      },
    ],
    synchronizationRules: [
      {
        id: 'r1',
        name: 'rule',
        sourceDirectoryName: 'Active Directory',
        targetDirectoryName: 'Azure Active Directory',
        objectMappings: [
          {
            name: 'Provision Active Directory users',
            sourceObjectName: 'user',
            targetObjectName: 'User',
            attributeMappings: [
              { targetAttributeName: 'sourceAnchorBinary', matchingPriority: 1, source: attributeSource('objectGUID') },
              { targetAttributeName: 'mail', source: attributeSource('mail') },
            ],
          },
        ],
      },
    ],
  };
}

type Input = ReturnType<typeof baseSchema>;

function codesOf(edit: (input: Input) => void): string[] {
  const input = baseSchema();
  edit(input);
  return findSchemaInconsistencies(synchronizationSchemaSchema.parse(input)).map((problem) => problem.code);
}

const users = (input: Input) => {
  const mapping = input.synchronizationRules[0]?.objectMappings[0];
  if (mapping === undefined) throw new Error('fixture');
  return mapping;
};

describe('findSchemaInconsistencies', () => {
  it('finds nothing wrong with a consistent schema', () => {
    expect(codesOf(() => {})).toEqual([]);
  });

  it('flags the second CredentialData mapping of seed 001 as a conflict', () => {
    const credential = { targetAttributeName: 'CredentialData', source: attributeSource('PasswordHash') };
    expect(codesOf((input) => users(input).attributeMappings.push(credential))).toEqual([]);
    const input = baseSchema();
    users(input).attributeMappings.push(credential, credential);
    const problems = findSchemaInconsistencies(synchronizationSchemaSchema.parse(input));
    expect(problems.map((problem) => problem.code)).toEqual(['DuplicateTargetAttribute']);
    expect(problems[0]?.message).toMatch(/Conflict: target attribute CredentialData is mapped more than once/);
    expect(problems[0]?.path).toBe('synchronizationRules[0].objectMappings[0].attributeMappings');
  });

  it('flags unknown target and source attributes, naming the mapping', () => {
    const problems = findSchemaInconsistencies(
      synchronizationSchemaSchema.parse({
        ...baseSchema(),
        synchronizationRules: [
          {
            ...baseSchema().synchronizationRules[0],
            objectMappings: [
              {
                ...users(baseSchema()),
                attributeMappings: [
                  { targetAttributeName: 'sourceAnchorBinary', matchingPriority: 1, source: attributeSource('objectGUID') },
                  { targetAttributeName: 'nope', source: attributeSource('mail') },
                  {
                    targetAttributeName: 'mail',
                    source: { type: 'Function', name: 'Not', parameters: [{ key: 'source', value: attributeSource('missing') }] },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['UnknownTargetAttribute', 'synchronizationRules[0].objectMappings[0].attributeMappings[1]'],
      ['UnknownSourceAttribute', 'synchronizationRules[0].objectMappings[0].attributeMappings[2]'],
    ]);
  });

  it('flags unknown directories and objects', () => {
    expect(codesOf((input) => ((input.synchronizationRules[0] as { targetDirectoryName: string }).targetDirectoryName = 'Nowhere'))).toEqual(['UnknownDirectory']);
    expect(codesOf((input) => (users(input).sourceObjectName = 'computer'))).toEqual(['UnknownObject']);
  });

  it('flags anchors, duplicate names and dangling references', () => {
    const user = (input: Input) => input.directories[0]?.objects[0];
    expect(codesOf((input) => user(input)?.attributes.push({ name: 'other', anchor: true, type: 'String' }))).toEqual(['AnchorCount']);
    expect(codesOf((input) => user(input)?.attributes.push({ name: 'mail', anchor: false, type: 'String' }))).toEqual(['DuplicateAttributeName']);
    expect(
      codesOf((input) => user(input)?.attributes.push({ name: 'owner', type: 'Reference', referencedObjects: [{ referencedObjectName: 'computer' }] })),
    ).toEqual(['UnknownReferencedObject']);
    expect(codesOf((input) => input.directories.push({ ...input.directories[0]!, id: 'd3' }))).toEqual(['DuplicateDirectoryName']);
  });

  it('flags matching problems and scoping filters on unknown attributes', () => {
    expect(codesOf((input) => users(input).attributeMappings.push({ targetAttributeName: 'CredentialData', matchingPriority: 1, source: attributeSource('mail') }))).toEqual([
      'DuplicateMatchingPriority',
    ]);
    expect(codesOf((input) => users(input).attributeMappings.push({ targetAttributeName: 'CredentialData', matchingPriority: 2, source: null } as never))).toEqual([
      'MatchingWithoutSource',
    ]);
    expect(
      codesOf((input) =>
        Object.assign(users(input), {
          scope: { groups: [{ name: 'g', clauses: [{ operatorName: 'IS TRUE', sourceOperandName: 'isContractor', targetOperand: { values: [] } }] }] },
        }),
      ),
    ).toEqual(['UnknownScopeAttribute']);
  });
});
