import { STANDARD_FORMATS } from './en-us-culture.js';

/** A .NET date/time format string is not valid (what .NET reports as FormatException). */
export class DateFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateFormatError';
  }
}

export type FieldLetter = 'y' | 'M' | 'd' | 'h' | 'H' | 'm' | 's' | 'f' | 'F' | 't' | 'z' | 'g' | 'K';

export type PatternToken =
  | { readonly kind: 'field'; readonly letter: FieldLetter; readonly length: number }
  | { readonly kind: 'literal'; readonly text: string };

const FIELD_LETTERS = new Set<string>(['y', 'M', 'd', 'h', 'H', 'm', 's', 'f', 'F', 't', 'z', 'g', 'K']);

function tokenizeCustom(format: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + text };
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    const c = format.charAt(i);
    if (FIELD_LETTERS.has(c)) {
      let end = i + 1;
      if (c !== 'K') while (format.charAt(end) === c) end++;
      const length = end - i;
      if ((c === 'f' || c === 'F') && length > 7) throw new DateFormatError(`'${c}' may repeat at most 7 times`);
      tokens.push({ kind: 'field', letter: c as FieldLetter, length });
      i = end;
    } else if (c === "'" || c === '"') {
      let end = i + 1;
      let text = '';
      while (end < format.length && format.charAt(end) !== c) {
        if (format.charAt(end) === '\\' && end + 1 < format.length) end++;
        text += format.charAt(end);
        end++;
      }
      if (end >= format.length) throw new DateFormatError(`unterminated quoted text in date format ${JSON.stringify(format)}`);
      literal(text);
      i = end + 1;
    } else if (c === '%') {
      const next = format.charAt(i + 1);
      if (next === '' || next === '%') throw new DateFormatError(`'%' must be followed by a format specifier`);
      if (FIELD_LETTERS.has(next)) tokens.push({ kind: 'field', letter: next as FieldLetter, length: 1 });
      else literal(next);
      i += 2;
    } else if (c === '\\') {
      if (i + 1 >= format.length) throw new DateFormatError('a date format cannot end with a backslash');
      literal(format.charAt(i + 1));
      i += 2;
    } else {
      // ':' and '/' are the time and date separators; en-US uses ':' and '/' themselves.
      literal(c);
      i++;
    }
  }
  return tokens;
}

const cache = new Map<string, readonly PatternToken[]>();
const CACHE_LIMIT = 512;

/**
 * Tokens of a .NET format string. A single character is a standard format ("o", "s", "d", ...), expanded to its
 * en-US pattern; anything longer is a custom format.
 */
export function datePattern(format: string): readonly PatternToken[] {
  const cached = cache.get(format);
  if (cached) return cached;
  if (format === '') throw new DateFormatError('the date format is empty');
  let tokens: readonly PatternToken[];
  if (format.length === 1) {
    const standard = STANDARD_FORMATS[format];
    if (standard === undefined) throw new DateFormatError(`'${format}' is not a standard date and time format`);
    tokens = Object.freeze(tokenizeCustom(standard));
  } else {
    tokens = Object.freeze(tokenizeCustom(format));
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(format, tokens);
  return tokens;
}

/** Standard formats that always describe UTC ("r" appends GMT, "u" appends Z). */
export function isUniversalStandardFormat(format: string): boolean {
  return format === 'r' || format === 'R' || format === 'u' || format === 'U';
}
