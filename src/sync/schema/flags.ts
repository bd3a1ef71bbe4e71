import { z } from 'zod';
import { findEnumMember } from './graph-enum.js';
import { discoverabilityMembers, objectFlowTypeMembers } from './enums.js';

/**
 * OData flags enums travel as comma-separated member names. Input is accepted with any case and any
 * spacing; output lists the members in declaration order. `None` stands alone and only when nothing
 * else is set.
 */
export function parseFlags<T extends string>(members: readonly T[], value: string): T[] | undefined {
  const names = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const found = new Set<T>();
  for (const name of names) {
    const member = findEnumMember(members, name);
    if (member === undefined) return undefined;
    found.add(member);
  }
  const none = members[0];
  if (found.size > 1 && none !== undefined) found.delete(none);
  return members.filter((member) => found.has(member));
}

export function formatFlags<T extends string>(members: readonly T[], set: readonly T[], separator: string): string {
  const ordered = members.filter((member) => set.includes(member));
  return ordered.length === 0 ? (members[0] ?? '') : ordered.join(separator);
}

function flagsSchema<T extends string>(typeName: string, members: readonly T[], separator: string) {
  return z.string().transform((value, ctx): string => {
    const parsed = parseFlags(members, value);
    if (parsed === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `'${value}' is not a valid ${typeName}; expected a comma-separated subset of ${members.join(', ')}`,
      });
      return z.NEVER;
    }
    return formatFlags(members, parsed, separator);
  });
}

/**
 * `objectMapping.flowTypes`. Written without spaces because that is what the service returns in
 * every captured schema (`"Add,Update,Delete"`), and scripts edit schemas as text.
 */
export const objectFlowTypesSchema = flagsSchema('objectFlowTypes', objectFlowTypeMembers, ',');
export const defaultObjectFlowTypes = 'Add,Update,Delete';

/** `directoryDefinition.discoverabilities`, written the way the discover response shows it. */
export const discoverabilitiesSchema = flagsSchema('directoryDefinitionDiscoverabilities', discoverabilityMembers, ', ');
