import { randomUUID } from 'node:crypto';
import { isNullOrEmpty, scalarToText, toSafeInteger, toText } from '../coerce.js';
import { dotNetTrim } from '../dotnet-whitespace.js';
import { ExpressionEvaluationError } from '../errors.js';
import { eachValue, eager1, eager2, eager3, eagerN } from '../function-helpers.js';
import { parameter } from '../function-definition.js';
import type { BuildSite, FunctionDefinition, Thunk } from '../function-definition.js';
import type { ExpressionValue, ScalarValue } from '../values.js';
import { APP_PROVISIONING, BOTH, CLOUD_SYNC } from './dialects.js';
import { cultureLower, cultureUpper, invariantLower, invariantUpper, isValidCulture } from './invariant-case.js';
import { normalizeDiacritics } from './normalize-diacritics.js';
import { properCase } from './pcase.js';
import { randomString, randomStringProblem } from './random-string.js';

const str = (value: ScalarValue | null, fn: string): string | null => (value === null ? null : scalarToText(value, fn));

/** Builds a function that maps each value of its (possibly multi-valued) first argument; null stays null. */
function perValue(site: BuildSite, map: (text: string, rest: readonly (ExpressionValue | undefined)[]) => ExpressionValue) {
  const fn = site.functionName;
  const apply = (source: ExpressionValue, rest: readonly (ExpressionValue | undefined)[]) =>
    eachValue(source, (value) => {
      const text = str(value, fn);
      return text === null ? null : map(text, rest);
    });
  switch (site.args.length) {
    case 1:
      return eager1(site, (a) => apply(a, []));
    case 2:
      return eager2(site, (a, b) => apply(a, [b]));
    case 3:
      return eager3(site, (a, b, c) => apply(a, [b, c]));
    default:
      return eagerN(site, (values) => apply(values[0] ?? null, values.slice(1)));
  }
}

function checkCulture(site: BuildSite, index: number): void {
  const culture = site.constantText(index);
  if (culture !== undefined && !isValidCulture(culture)) site.fail('InvalidArgument', `'${culture}' is not a culture name`, index);
}

function caseMap(fn: string, text: string, culture: ExpressionValue | undefined, invariant: (t: string) => string, cultural: (t: string, c: string) => string): string {
  const name = culture === undefined ? null : toText(culture, fn);
  if (name === null || name === '') return invariant(text);
  try {
    return cultural(text, name);
  } catch (error) {
    throw new ExpressionEvaluationError('InvalidArgument', `'${name}' is not a culture name`, { functionName: fn, cause: error });
  }
}

export const Append: FunctionDefinition = {
  name: 'Append',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source'), parameter('suffix')] }],
  // A null source counts as "" (expressions-spec §4.1 DECISION).
  build: (site) =>
    eager2(site, (source, suffix) => {
      const tail = toText(suffix ?? null, 'Append') ?? '';
      return eachValue(source, (value) => (str(value, 'Append') ?? '') + tail);
    }),
};

export const Prepend: FunctionDefinition = {
  name: 'Prepend',
  dialects: APP_PROVISIONING,
  undocumented: true,
  signatures: [{ parameters: [parameter('prefix'), parameter('source')] }],
  build: (site) =>
    eager2(site, (prefix, source) => {
      const head = toText(prefix, 'Prepend') ?? '';
      return eachValue(source ?? null, (value) => head + (str(value, 'Prepend') ?? ''));
    }),
};

export const Join: FunctionDefinition = {
  name: 'Join',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('separator'), parameter('source', 'String', true, { repeating: true })] }],
  // Written out rather than via eagerN: Join is the most common mapping and runs once per object and attribute.
  build: (site) => {
    const separatorThunk = site.args[0]!;
    const constantSeparator = site.constantText(0);
    const sources = site.args.slice(1).filter((t): t is Thunk => t !== undefined);
    return (context) => {
      let separator: string;
      if (constantSeparator !== undefined) {
        separator = constantSeparator;
      } else {
        const value = separatorThunk(context);
        if (typeof value === 'symbol') return value;
        separator = toText(value, 'Join') ?? '';
      }
      let out = '';
      let parts = 0;
      let anyValue = false;
      for (const thunk of sources) {
        const value = thunk(context);
        if (value === null) continue;
        if (typeof value === 'symbol') return value;
        const items = Array.isArray(value) ? (value as readonly ScalarValue[]) : [value as ScalarValue];
        for (const item of items) {
          anyValue = true;
          const text = typeof item === 'string' ? item : scalarToText(item, 'Join');
          // Empty values are skipped, so Join(", ", "", [sn], [givenName]) gives "Doe, John".
          if (text !== '') out = parts++ === 0 ? text : out + separator + text;
        }
      }
      // Nothing but nulls: null, so the attribute is not flowed.
      return anyValue ? out : null;
    };
  },
};

export const Left: FunctionDefinition = {
  name: 'Left',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source'), parameter('NumChars', 'Integer')] }],
  build: (site) =>
    eager2(site, (source, count) => {
      const n = toSafeInteger(count ?? null, 'Left', 'NumChars');
      if (n === null) return null;
      return eachValue(source, (value) => {
        const text = str(value, 'Left') ?? '';
        return n < 0 ? text : text.slice(0, n);
      });
    }),
};

export const Mid: FunctionDefinition = {
  name: 'Mid',
  dialects: BOTH,
  // Graph marks length required; Cloud Sync's Mid(x, 6) omits it, meaning "to the end" (§4.1 DECISION).
  signatures: [{ parameters: [parameter('source'), parameter('start', 'Integer'), parameter('length', 'Integer', false)] }],
  build: (site) =>
    eager3(site, (source, startArg, lengthArg) => {
      const start = toSafeInteger(startArg ?? null, 'Mid', 'start');
      const length = lengthArg === undefined ? undefined : toSafeInteger(lengthArg, 'Mid', 'length');
      if (start === null || length === null) return null;
      if (start < 1) throw new ExpressionEvaluationError('InvalidArgument', `'start' must be 1 or more, got ${start}`, { functionName: 'Mid' });
      if (length !== undefined && length < 0) throw new ExpressionEvaluationError('InvalidArgument', `'length' cannot be negative, got ${length}`, { functionName: 'Mid' });
      return eachValue(source, (value) => {
        const text = str(value, 'Mid') ?? '';
        return length === undefined ? text.slice(start - 1) : text.slice(start - 1, start - 1 + length);
      });
    }),
};

export const StripSpaces: FunctionDefinition = {
  name: 'StripSpaces',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source')] }],
  build: (site) => perValue(site, (text) => text.replaceAll(' ', '')),
};

export const Trim: FunctionDefinition = {
  name: 'Trim',
  dialects: CLOUD_SYNC,
  signatures: [{ parameters: [parameter('value')] }],
  build: (site) => perValue(site, dotNetTrim),
};

export const ToLower: FunctionDefinition = {
  name: 'ToLower',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source'), parameter('culture', 'String', false)] }],
  build: (site) => {
    checkCulture(site, 1);
    return perValue(site, (text, [culture]) => caseMap('ToLower', text, culture, invariantLower, cultureLower));
  },
};

export const ToUpper: FunctionDefinition = {
  name: 'ToUpper',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source'), parameter('culture', 'String', false)] }],
  build: (site) => {
    checkCulture(site, 1);
    return perValue(site, (text, [culture]) => caseMap('ToUpper', text, culture, invariantUpper, cultureUpper));
  },
};

export const PCase: FunctionDefinition = {
  name: 'PCase',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('source'), parameter('wordSeparators', 'String', false)] }],
  build: (site) => perValue(site, (text, [separators]) => properCase(text, separators === undefined ? undefined : (toText(separators, 'PCase') ?? undefined))),
};

export const NormalizeDiacritics: FunctionDefinition = {
  name: 'NormalizeDiacritics',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source')] }],
  build: (site) => perValue(site, normalizeDiacritics),
};

export const Word: FunctionDefinition = {
  name: 'Word',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('String'), parameter('WordNumber', 'Integer'), parameter('Delimiters')] }],
  build: (site) =>
    eager3(site, (source, numberArg, delimitersArg) => {
      const n = toSafeInteger(numberArg ?? null, 'Word', 'WordNumber');
      const delimiters = toText(delimitersArg ?? null, 'Word') ?? '';
      return eachValue(source, (value) => {
        const text = str(value, 'Word');
        if (text === null || n === null || n < 1) return '';
        // Consecutive delimiters do not make empty words (§4.1 DECISION).
        const words: string[] = [];
        let word = '';
        for (const ch of text) {
          if (delimiters.includes(ch)) {
            if (word) words.push(word);
            word = '';
          } else {
            word += ch;
          }
        }
        if (word) words.push(word);
        return words[n - 1] ?? '';
      });
    }),
};

export const InStr: FunctionDefinition = {
  name: 'InStr',
  dialects: BOTH,
  signatures: [
    {
      parameters: [
        parameter('value1'),
        parameter('value2'),
        parameter('start', 'Integer', false),
        parameter('compareType', 'String', false, { keywords: ['vbBinaryCompare', 'vbTextCompare'] }),
      ],
    },
  ],
  build: (site) => {
    const compare = site.constantText(3) ?? site.keyword(3);
    if (compare !== undefined && !/^vb(binary|text)compare$/i.test(compare)) {
      site.fail('InvalidArgument', `compareType must be vbBinaryCompare or vbTextCompare, got '${compare}'`, 3);
    }
    return eagerN(site, ([a, b, startArg, compareArg]) => {
      const haystack = toText(a ?? null, 'InStr');
      const needle = toText(b ?? null, 'InStr');
      if (haystack === null || needle === null) return null;
      const start = startArg === undefined ? 1 : toSafeInteger(startArg, 'InStr', 'start');
      if (start === null) return null;
      if (start < 1) throw new ExpressionEvaluationError('InvalidArgument', `'start' must be 1 or more, got ${start}`, { functionName: 'InStr' });
      const mode = compareArg === undefined ? 'vbbinarycompare' : (toText(compareArg, 'InStr') ?? '').toLowerCase();
      if (mode !== 'vbbinarycompare' && mode !== 'vbtextcompare') {
        throw new ExpressionEvaluationError('InvalidArgument', 'compareType must be vbBinaryCompare or vbTextCompare', { functionName: 'InStr' });
      }
      if (start > haystack.length + 1) return 0;
      const text = mode === 'vbtextcompare' ? invariantLower(haystack) : haystack;
      const find = mode === 'vbtextcompare' ? invariantLower(needle) : needle;
      return text.indexOf(find, start - 1) + 1;
    });
  },
};

export const Split: FunctionDefinition = {
  name: 'Split',
  dialects: BOTH,
  // Graph lists the delimiter as optional without a default; it is required here (§4.1 DECISION).
  signatures: [{ parameters: [parameter('source'), parameter('delimiter')] }],
  build: (site) => {
    const trim = site.compat.splitTrimsValues === true;
    return eager2(site, (source, delimiterArg) => {
      const delimiter = toText(delimiterArg ?? null, 'Split');
      if (isNullOrEmpty(source)) return source === '' ? Object.freeze(['']) : null;
      return eachValue(source, (value) => {
        const text = str(value, 'Split');
        if (text === null) return null;
        const pieces = delimiter === null || delimiter === '' ? [text] : text.split(delimiter);
        return Object.freeze(trim ? pieces.map(dotNetTrim) : pieces);
      });
    });
  },
};

export const Guid: FunctionDefinition = {
  name: 'Guid',
  dialects: BOTH,
  signatures: [{ parameters: [] }],
  build: () => (context) => (context.newGuid ? context.newGuid() : randomUUID()),
};

export const RandomString: FunctionDefinition = {
  name: 'RandomString',
  dialects: APP_PROVISIONING,
  signatures: [
    {
      parameters: [
        parameter('Length', 'Integer'),
        parameter('MinimumNumbers', 'Integer'),
        parameter('MinimumSpecialCharacters', 'Integer'),
        parameter('MinimumCapital', 'Integer'),
        parameter('MinimumLowerCase', 'Integer'),
        parameter('CharactersToAvoid', 'String', false),
      ],
    },
  ],
  build: (site) =>
    eagerN(site, (values) => {
      const number = (index: number, name: string) => {
        const n = toSafeInteger(values[index] ?? null, 'RandomString', name);
        if (n === null) throw new ExpressionEvaluationError('InvalidArgument', `'${name}' is required`, { functionName: 'RandomString' });
        return n;
      };
      const request = {
        length: number(0, 'Length'),
        minimumNumbers: number(1, 'MinimumNumbers'),
        minimumSpecialCharacters: number(2, 'MinimumSpecialCharacters'),
        minimumCapital: number(3, 'MinimumCapital'),
        minimumLowerCase: number(4, 'MinimumLowerCase'),
        charactersToAvoid: toText(values[5] ?? null, 'RandomString') ?? '',
      };
      const problem = randomStringProblem(request);
      if (problem) throw new ExpressionEvaluationError('InvalidArgument', problem, { functionName: 'RandomString' });
      try {
        return randomString(request);
      } catch (error) {
        throw new ExpressionEvaluationError('InvalidArgument', (error as Error).message, { functionName: 'RandomString' });
      }
    }),
};

/** The value flows unchanged; CompiledExpression.redactsOutput tells the logs to show "[Redact]" instead. */
export const Redact: FunctionDefinition = {
  name: 'Redact',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('value')] }],
  build: (site) => site.args[0]!,
};
