import { z } from 'zod';

/**
 * A Graph enum as a zod schema. Graph serializes enum members by name; clients are lenient about
 * case and surrounding whitespace, so input is matched case-insensitively and normalized to the
 * member's canonical spelling. Anything that is not a member is rejected.
 */
export function graphEnum<const T extends readonly [string, ...string[]]>(typeName: string, members: T) {
  const byLowerCase = new Map<string, T[number]>(members.map((member) => [member.toLowerCase(), member]));
  return z.string().transform((value, ctx): T[number] => {
    const member = byLowerCase.get(value.trim().toLowerCase());
    if (member === undefined) {
      ctx.addIssue({ code: 'custom', message: `'${value}' is not a valid ${typeName}; expected one of ${members.join(', ')}` });
      return z.NEVER;
    }
    return member;
  });
}

/** Resolves a member name case-insensitively, as `graphEnum` does; undefined when it is not a member. */
export function findEnumMember<T extends string>(members: readonly T[], value: string): T | undefined {
  const wanted = value.trim().toLowerCase();
  return members.find((member) => member.toLowerCase() === wanted);
}
