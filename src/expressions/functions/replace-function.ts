import { isNullOrEmpty, scalarToText, toText } from '../coerce.js';
import { groupIndex, RegexTranslationError, translateDotNetRegex } from '../dotnet-regex.js';
import type { DotNetRegex } from '../dotnet-regex.js';
import { dotNetReplace, firstGroupText, replaceGroupSpans } from '../dotnet-regex-replace.js';
import { ExpressionEvaluationError } from '../errors.js';
import { eachValue, eagerN } from '../function-helpers.js';
import { parameter } from '../function-definition.js';
import type { BuildSite, FunctionDefinition } from '../function-definition.js';
import type { ExpressionValue } from '../values.js';
import { BOTH } from './dialects.js';

const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

function regexFor(pattern: string): DotNetRegex {
  try {
    return translateDotNetRegex(pattern);
  } catch (error) {
    if (error instanceof RegexTranslationError) throw new ExpressionEvaluationError(error.code, error.message, { functionName: 'Replace', cause: error });
    throw error;
  }
}

function groupOf(regex: DotNetRegex, name: string): number {
  const index = groupIndex(regex, name);
  if (index === undefined) {
    throw new ExpressionEvaluationError('InvalidArgument', `the pattern has no group named '${name}'`, { functionName: 'Replace' });
  }
  return index;
}

function validateConstants(site: BuildSite): void {
  const pattern = site.constantText(PATTERN);
  if (pattern === undefined) return;
  let regex: DotNetRegex;
  try {
    regex = translateDotNetRegex(pattern);
  } catch (error) {
    if (error instanceof RegexTranslationError) site.fail(error.code === 'UnsupportedRegex' ? 'UnsupportedRegex' : 'InvalidArgument', error.message, PATTERN);
    throw error;
  }
  const group = site.constantText(GROUP);
  if (group !== undefined && groupIndex(regex, group) === undefined) site.fail('InvalidArgument', `the pattern has no group named '${group}'`, GROUP);
}

type Mode = (values: readonly (ExpressionValue | undefined)[]) => ExpressionValue;

const text = (value: ExpressionValue | undefined) => (value === undefined ? null : toText(value, 'Replace'));

/**
 * Which of the documented behaviours applies depends on which arguments are supplied (not on their values), so
 * it is chosen once at compile time, checking the combinations in the documented order (§4.1 DECISION).
 */
function chooseMode(site: BuildSite): Mode {
  const has = (index: number) => site.args[index] !== undefined;
  const perSourceValue = (values: readonly (ExpressionValue | undefined)[], map: (source: string) => ExpressionValue) =>
    eachValue(values[SOURCE] ?? null, (value) => (value === null ? null : map(scalarToText(value, 'Replace'))));

  if (has(OLD_VALUE) && has(TEMPLATE)) {
    return (values) => {
      const oldValue = text(values[OLD_VALUE]);
      const template = text(values[TEMPLATE]);
      return perSourceValue(values, (source) => (oldValue === null || oldValue === '' || template === null ? template : template.replaceAll(oldValue, source)));
    };
  }
  if (has(OLD_VALUE) && has(REPLACEMENT)) {
    return (values) => {
      const oldValue = text(values[OLD_VALUE]);
      const replacement = text(values[REPLACEMENT]) ?? '';
      // An empty oldValue would make .NET throw; the source is returned unchanged instead.
      return perSourceValue(values, (source) => (oldValue === null || oldValue === '' ? source : source.replaceAll(oldValue, replacement)));
    };
  }
  if (has(PATTERN) && has(GROUP) && has(REPLACEMENT_ATTRIBUTE)) {
    if (site.dialect === 'cloudSync') {
      // Cloud Sync: an empty source is returned; otherwise the group is replaced with the attribute's value.
      return (values) => {
        if (isNullOrEmpty(values[SOURCE] ?? null)) return values[SOURCE] ?? null;
        const pattern = text(values[PATTERN]);
        const group = text(values[GROUP]);
        if (pattern === null || group === null) return values[SOURCE] ?? null;
        const regex = regexFor(pattern);
        const index = groupOf(regex, group);
        const replacement = text(values[REPLACEMENT_ATTRIBUTE]) ?? '';
        return perSourceValue(values, (source) => replaceGroupSpans(regex, index, source, replacement));
      };
    }
    // App provisioning: a source with a value wins; otherwise extract the group from the other attribute.
    return (values) => {
      const source = values[SOURCE] ?? null;
      if (!isNullOrEmpty(source)) return source;
      const pattern = text(values[PATTERN]);
      const group = text(values[GROUP]);
      const other = text(values[REPLACEMENT_ATTRIBUTE]);
      if (pattern === null || group === null || other === null) return source;
      const regex = regexFor(pattern);
      return firstGroupText(regex, groupOf(regex, group), other) ?? source;
    };
  }
  if (has(PATTERN) && has(GROUP) && has(REPLACEMENT)) {
    return (values) => {
      const pattern = text(values[PATTERN]);
      const group = text(values[GROUP]);
      if (pattern === null || group === null) return values[SOURCE] ?? null;
      const regex = regexFor(pattern);
      const index = groupOf(regex, group);
      const replacement = text(values[REPLACEMENT]) ?? '';
      return perSourceValue(values, (source) => replaceGroupSpans(regex, index, source, replacement));
    };
  }
  if (has(PATTERN) && has(REPLACEMENT)) {
    return (values) => {
      const pattern = text(values[PATTERN]);
      if (pattern === null) return values[SOURCE] ?? null;
      const regex = regexFor(pattern);
      const replacement = text(values[REPLACEMENT]) ?? '';
      return perSourceValue(values, (source) => dotNetReplace(regex, source, replacement));
    };
  }
  return (values) => values[SOURCE] ?? null;
}

export const Replace: FunctionDefinition = {
  name: 'Replace',
  dialects: BOTH,
  signatures: [
    {
      parameters: [
        parameter('source'),
        parameter('Find', 'String', false),
        parameter('RegularExpression', 'String', false),
        parameter('RegularExpressionGroupName', 'String', false),
        parameter('Replacement', 'String', false),
        parameter('ReplacementPropertyName', 'String', false),
        parameter('Template', 'String', false),
      ],
    },
  ],
  build: (site) => {
    validateConstants(site);
    const mode = chooseMode(site);
    return eagerN(site, (values) => mode(values));
  },
};
