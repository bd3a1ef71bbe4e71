import { TextDecoder } from 'node:util';
import {
  AndFilter,
  ApproximateFilter,
  EqualityFilter,
  ExtensibleFilter,
  FilterParser,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  SubstringFilter,
  type Filter,
} from 'ldapts';
import { LdapInvalidFilterError } from './ldap-errors.js';

// ignoreBOM keeps a leading EF BB BF as a character instead of dropping it (it may be part of a GUID).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses an RFC 4515 filter into ldapts filter objects with the right bytes on the wire. ldapts' own
 * string parsing turns each `\xx` escape into one character and sends it UTF-8 encoded, so
 * `(objectGUID=\9d\9e...)` went out as `c2 9d c2 9e...` and `\c3\bc` (ü) as four bytes. Here every
 * non-ASCII character is first written as its escaped UTF-8 bytes, so that after ldapts' parsing each
 * character stands for exactly one byte; then values that are valid UTF-8 become text again and the
 * others (binary equality values such as a GUID) become Buffers.
 */
export function parseFilter(text: string): Filter {
  const escaped = [...text]
    .map((ch) => (ch.charCodeAt(0) < 0x80 ? ch : [...Buffer.from(ch, 'utf8')].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')))
    .join('');
  let filter: Filter;
  try {
    filter = FilterParser.parseString(escaped);
  } catch (error) {
    throw new LdapInvalidFilterError(`Invalid LDAP filter ${text}: ${error instanceof Error ? error.message : String(error)}`);
  }
  fixValues(filter, text);
  return filter;
}

function fixValues(filter: Filter, text: string): void {
  if (filter instanceof AndFilter || filter instanceof OrFilter) {
    for (const inner of filter.filters) fixValues(inner, text);
  } else if (filter instanceof NotFilter) {
    fixValues(filter.filter, text);
  } else if (filter instanceof EqualityFilter) {
    const bytes = typeof filter.value === 'string' ? Buffer.from(filter.value, 'latin1') : filter.value;
    filter.value = decodeOr(bytes, () => bytes);
  } else if (
    filter instanceof GreaterThanEqualsFilter ||
    filter instanceof LessThanEqualsFilter ||
    filter instanceof ApproximateFilter ||
    filter instanceof ExtensibleFilter
  ) {
    filter.value = textValue(filter.value, text);
  } else if (filter instanceof SubstringFilter) {
    filter.initial = textValue(filter.initial, text);
    filter.any = filter.any.map((part) => textValue(part, text));
    filter.final = textValue(filter.final, text);
  }
}

function textValue(value: string, text: string): string {
  return decodeOr(Buffer.from(value, 'latin1'), () => {
    throw new LdapInvalidFilterError(`Invalid LDAP filter ${text}: binary values are only supported in equality matches`);
  });
}

function decodeOr<T>(bytes: Buffer, fallback: () => T): string | T {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return fallback();
  }
}
