import { InvalidFilterError } from './errors.js';
import type { LiteralValue } from './filter-ast.js';

/**
 * Tokens of the OData `$filter` grammar Graph accepts. Keywords (`and`, `eq`, `true`, …) come out as
 * identifiers; the parser recognizes them case-insensitively, as Graph does (`NOT`, `startsWith`, `OR`).
 */
export type Token =
  | { readonly kind: 'identifier'; readonly text: string; readonly position: number }
  | { readonly kind: 'literal'; readonly literal: LiteralValue; readonly text: string; readonly position: number }
  | { readonly kind: 'punctuation'; readonly text: '(' | ')' | ',' | '/' | ':'; readonly position: number }
  | { readonly kind: 'end'; readonly text: ''; readonly position: number };

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9_])/y;
const DATETIME =
  /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(Z|[+-]\d{2}:\d{2})(?![A-Za-z0-9_])/y;
const DATE = /(\d{4})-(\d{2})-(\d{2})(?![A-Za-z0-9_:T-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /\$?[A-Za-z_][A-Za-z0-9_]*/y;

export function syntaxError(text: string, position: number): InvalidFilterError {
  return new InvalidFilterError('FilterSyntax', `Syntax error at position ${position} in '${text}'.`, position);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '(' || char === ')' || char === ',' || char === '/' || char === ':') {
      tokens.push({ kind: 'punctuation', text: char, position: index });
      index += 1;
      continue;
    }
    if (char === "'") {
      const { value, end } = readString(text, index);
      tokens.push({ kind: 'literal', literal: { type: 'string', value }, text: text.slice(index, end), position: index });
      index = end;
      continue;
    }
    const literal = readUnquotedLiteral(text, index);
    if (literal !== undefined) {
      tokens.push({ kind: 'literal', literal: literal.value, text: text.slice(index, literal.end), position: index });
      index = literal.end;
      continue;
    }
    IDENTIFIER.lastIndex = index;
    const identifier = IDENTIFIER.exec(text);
    if (identifier) {
      tokens.push({ kind: 'identifier', text: identifier[0], position: index });
      index += identifier[0].length;
      continue;
    }
    throw new InvalidFilterError(
      'FilterSyntax',
      `Syntax error: character '${char}' is not valid at position ${index} in '${text}'.`,
      index,
    );
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** A single-quoted string; `''` stands for one quote. */
function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === "'") {
      if (text.charAt(index + 1) === "'") {
        value += "'";
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
  throw new InvalidFilterError(
    'FilterSyntax',
    `There is an unterminated string literal at position ${start} in '${text}'.`,
    start,
  );
}

/** GUIDs, date-times and dates before numbers: all three start with digits (GUIDs also with hex letters). */
function readUnquotedLiteral(text: string, index: number): { value: LiteralValue; end: number } | undefined {
  GUID.lastIndex = index;
  const guid = GUID.exec(text);
  if (guid) return { value: { type: 'guid', value: guid[0].toLowerCase() }, end: index + guid[0].length };
  const char = text.charAt(index);
  if (!/[0-9-]/.test(char)) return undefined;

  DATETIME.lastIndex = index;
  const dateTime = DATETIME.exec(text);
  if (dateTime) {
    const [raw, year, month, day, hour, minute, second = '00'] = dateTime;
    const ms = Date.parse(raw);
    if (!validDate(year, month, day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number.isNaN(ms)) {
      throw invalidLiteral('Edm.DateTimeOffset', raw, index, text);
    }
    return { value: { type: 'datetime', value: new Date(ms).toISOString() }, end: index + raw.length };
  }
  DATE.lastIndex = index;
  const date = DATE.exec(text);
  if (date) {
    const [raw, year, month, day] = date;
    if (!validDate(year, month, day)) throw invalidLiteral('Edm.Date', raw, index, text);
    return { value: { type: 'date', value: raw }, end: index + raw.length };
  }
  NUMBER.lastIndex = index;
  const number = NUMBER.exec(text);
  if (number) return { value: { type: 'number', value: Number(number[0]) }, end: index + number[0].length };
  return undefined;
}

function validDate(year = '', month = '', day = ''): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function invalidLiteral(type: string, raw: string, position: number, text: string): InvalidFilterError {
  return new InvalidFilterError(
    'FilterSyntax',
    `Unrecognized '${type}' literal '${raw}' at '${position}' in '${text}'.`,
    position,
  );
}
