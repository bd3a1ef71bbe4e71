import { describe, expect, it } from 'vitest';
import { objectFlowTypeMembers } from './enums.js';
import { discoverabilitiesSchema, formatFlags, objectFlowTypesSchema, parseFlags } from './flags.js';

describe('flags enums', () => {
  it('parses any case and spacing into declaration order', () => {
    expect(parseFlags(objectFlowTypeMembers, ' delete ,add')).toEqual(['Add', 'Delete']);
    expect(parseFlags(objectFlowTypeMembers, 'Add, Update, Delete')).toEqual(['Add', 'Update', 'Delete']);
  });

  it('drops None when other members are set and rejects unknown members', () => {
    expect(parseFlags(objectFlowTypeMembers, 'None, Update')).toEqual(['Update']);
    expect(parseFlags(objectFlowTypeMembers, 'Add, Remove')).toBeUndefined();
  });

  it('formats an empty set as None', () => {
    expect(formatFlags(objectFlowTypeMembers, [], ',')).toBe('None');
    expect(parseFlags(objectFlowTypeMembers, '')).toEqual([]);
  });

  it('writes objectMapping.flowTypes without spaces, as the service does', () => {
    expect(objectFlowTypesSchema.parse('add, update, delete')).toBe('Add,Update,Delete');
    expect(objectFlowTypesSchema.parse('Update')).toBe('Update');
    expect(objectFlowTypesSchema.safeParse('Add,Create').success).toBe(false);
  });

  it('writes discoverabilities with comma and space', () => {
    expect(discoverabilitiesSchema.parse('attributedatatypes,AttributeNames')).toBe('AttributeNames, AttributeDataTypes');
  });
});
