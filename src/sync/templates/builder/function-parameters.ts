import { TemplateDefinitionError } from '../errors.js';

/**
 * Internal parameter names, in positional order, of the functions the built-in templates use.
 * Graph's parsed form keys each argument by these names (expressions-spec.md §1.3); a trailing `*`
 * marks a parameter that repeats for all remaining arguments. Kept local and small on purpose: the
 * full function catalog belongs to the expression engine (src/expressions), whose keys these match.
 */
const parameterNames: Readonly<Record<string, readonly string[]>> = {
  Append: ['source', 'suffix'],
  BitAnd: ['value1', 'value2'],
  IIF: ['condition', 'valueIfTrue', 'valueIfFalse'],
  IsPresent: ['Expression'],
  Join: ['separator', 'source*'],
  Left: ['source', 'NumChars'],
  Mid: ['source', 'start', 'length'],
  Not: ['source'],
  Replace: ['source', 'Find', 'RegularExpression', 'RegularExpressionGroupName', 'Replacement', 'ReplacementPropertyName', 'Template'],
  SingleAppRoleAssignment: ['source'],
  Switch: ['source', 'defaultValue', 'switchValue*'],
  ToLower: ['source', 'culture'],
};

/** The parameter key for the argument at `position` (0-based) of `functionName`. */
export function parameterKey(functionName: string, position: number): string {
  const names = parameterNames[functionName];
  if (names === undefined) throw new TemplateDefinitionError(`Template expressions do not know the function ${functionName}`);
  const name = names[Math.min(position, names.length - 1)];
  const repeats = names[names.length - 1]?.endsWith('*') ?? false;
  if (name === undefined || (position >= names.length && !repeats)) {
    throw new TemplateDefinitionError(`${functionName} takes at most ${names.length} arguments`);
  }
  return name.endsWith('*') ? name.slice(0, -1) : name;
}
