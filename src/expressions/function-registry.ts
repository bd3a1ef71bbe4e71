import type { FunctionDefinition } from './function-definition.js';
import * as collection from './functions/collection-functions.js';
import * as conditional from './functions/conditional-functions.js';
import * as date from './functions/date-functions.js';
import * as encoding from './functions/encoding-functions.js';
import { Replace } from './functions/replace-function.js';
import * as roles from './functions/role-functions.js';
import { SelectUniqueValue } from './functions/select-unique-value.js';
import * as strings from './functions/string-functions.js';

/** Every function of both dialects, in alphabetical order (the order of the Graph `functions` catalog). */
export const FUNCTIONS: readonly FunctionDefinition[] = Object.freeze(
  [
    ...Object.values(collection),
    ...Object.values(conditional),
    ...Object.values(date),
    ...Object.values(encoding),
    Replace,
    ...Object.values(roles),
    SelectUniqueValue,
    ...Object.values(strings),
  ].sort((a, b) => a.name.localeCompare(b.name, 'en')),
);

const byName = new Map(FUNCTIONS.map((f) => [f.name, f]));
const byLowerName = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/**
 * Resolves a function name: exactly first, then case-insensitively (the Cloud Sync table writes "Cstr" and
 * "GUID"); `exact` tells the caller whether to warn (§1.2 DECISION).
 */
export function lookupFunction(name: string): { definition: FunctionDefinition; exact: boolean } | undefined {
  const exact = byName.get(name);
  if (exact) return { definition: exact, exact: true };
  const loose = byLowerName.get(name.toLowerCase());
  return loose ? { definition: loose, exact: false } : undefined;
}
