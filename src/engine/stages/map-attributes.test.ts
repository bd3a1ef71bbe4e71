import { describe, expect, it } from 'vitest';
import { findSynchronizationTemplate } from '../../sync/templates/index.js';
import { ObjectFailure } from '../engine-errors.js';
import { compileSchema, type CompiledAttributeMapping } from '../mapping/compiled-mapping.js';
import { evaluateReference, mapAttributes, type MappingInput } from './map-attributes.js';
import { compileExpression, parseExpression } from '../../expressions/index.js';

const users = compileSchema('map-test', findSynchronizationTemplate('scim')!.schema!, 'appProvisioning').objectMappings.get('User')!;
const input = (attributes: Record<string, unknown>): MappingInput => ({
  attribute: (name) => attributes[name],
  appRoleAssignments: [],
  now: () => new Date('2026-01-01T00:00:00Z'),
});
const mapping = (targetPath: string, expression: string | null, overrides: Partial<CompiledAttributeMapping> = {}): CompiledAttributeMapping => ({
  targetPath,
  expression: expression === null ? null : compileExpression(parseExpression(expression), { dialect: 'appProvisioning' }),
  defaultValue: null,
  flowType: 'Always',
  flowBehavior: 'FlowWhenChanged',
  matchingPriority: 0,
  reference: null,
  softDeletion: false,
  redacts: false,
  ...overrides,
});

describe('mapAttributes', () => {
  it('evaluates the SCIM user mappings, leaving out null values', async () => {
    const mapped = await mapAttributes(
      users.attributes,
      input({ userPrincipalName: 'ada@contoso.com', IsSoftDeleted: false, givenName: 'Ada', surname: 'Lovelace', mailNickname: 'ada', jobTitle: null }),
      'create',
    );
    expect(Object.fromEntries(mapped.values)).toEqual({
      userName: 'ada@contoso.com',
      active: 'True',
      'name.givenName': 'Ada',
      'name.familyName': 'Lovelace',
      'name.formatted': 'Ada Lovelace',
      externalId: 'ada',
    });
    expect(mapped.skipObject).toBe(false);
  });

  it('uses default values and ObjectAddOnly mappings only on create', async () => {
    const mappings = [mapping('title', '[jobTitle]', { defaultValue: 'Staff' }), mapping('nickName', '"initial"', { flowType: 'ObjectAddOnly' }), mapping('locale', null, { defaultValue: 'en-US' })];
    expect(Object.fromEntries((await mapAttributes(mappings, input({}), 'create')).values)).toEqual({ title: 'Staff', nickName: 'initial', locale: 'en-US' });
    expect(Object.fromEntries((await mapAttributes(mappings, input({}), 'update')).values)).toEqual({});
  });

  it('honours IgnoreAttributeFlow and IgnoreObjectFlow, and marks redacted attributes', async () => {
    const dropped = await mapAttributes([mapping('title', 'IgnoreFlowIfNullOrEmpty([jobTitle])'), mapping('x', '"y"', { redacts: true })], input({ jobTitle: '' }), 'create');
    expect([...dropped.values.keys()]).toEqual(['x']);
    expect([...dropped.redacted]).toEqual(['x']);
    const skipped = await mapAttributes([mapping('title', 'Switch([jobTitle], IgnoreObjectFlow, "CEO", "Chief")')], input({ jobTitle: 'Intern' }), 'create');
    expect(skipped.skipObject).toBe(true);
  });

  it('fails the object with ExpressionEvaluationFailed when an expression cannot be evaluated', async () => {
    const failing = mapping('title', 'CDate([jobTitle])');
    await expect(mapAttributes([failing], input({ jobTitle: 'not a date' }), 'create')).rejects.toBeInstanceOf(ObjectFailure);
    await expect(mapAttributes([failing], input({ jobTitle: 'not a date' }), 'create')).rejects.toMatchObject({ code: 'ExpressionEvaluationFailed', retryable: false });
  });

  it('asks the target whether SelectUniqueValue candidates are free', async () => {
    const unique = mapping('userName', 'SelectUniqueValue(Join("@", [mailNickname], "contoso.com"), Join("@", Join("", [mailNickname], "2"), "contoso.com"))');
    const taken = new Set(['ada@contoso.com']);
    const mapped = await mapAttributes([unique], { ...input({ mailNickname: 'ada' }), isUnique: async (_path, value) => !taken.has(value) }, 'create');
    expect(mapped.values.get('userName')).toBe('ada2@contoso.com');
  });

  it('reads references as source ids', () => {
    expect(evaluateReference(mapping('manager', '[manager]', { reference: 'single' }), input({ manager: 'm-1' }))).toBe('m-1');
    expect(evaluateReference(mapping('members', '[members]', { reference: 'multi' }), input({ members: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(evaluateReference(mapping('manager', '[manager]', { reference: 'single' }), input({}))).toBeNull();
  });
});
