/*
 * .NET's ToLowerInvariant/ToUpperInvariant use simple (one-to-one) case mapping: 'ß' stays 'ß' in upper case and
 * 'İ' lower-cases to 'i'. JavaScript's toLowerCase/toUpperCase use full mapping, which can change lengths.
 */

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

function mapSimple(text: string, map: (ch: string) => string, special: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) {
    const override = special[ch];
    if (override !== undefined) {
      out += override;
      continue;
    }
    const mapped = map(ch);
    // Keep characters whose full mapping is not one code point (simple mapping has no entry for them).
    out += mapped.length === ch.length || [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

const LOWER_SPECIAL: Readonly<Record<string, string>> = { '\u0130': 'i' };
const UPPER_SPECIAL: Readonly<Record<string, string>> = {};

export function invariantLower(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : mapSimple(text, (ch) => ch.toLowerCase(), LOWER_SPECIAL);
}

export function invariantUpper(text: string): string {
  return ASCII.test(text) ? text.toUpperCase() : mapSimple(text, (ch) => ch.toUpperCase(), UPPER_SPECIAL);
}

/** Case mapping with an RFC 4646 culture ("tr-TR" lower-cases 'I' to 'ı'). Throws RangeError on a bad name. */
export function cultureLower(text: string, culture: string): string {
  return text.toLocaleLowerCase(culture);
}

export function cultureUpper(text: string, culture: string): string {
  return text.toLocaleUpperCase(culture);
}

/** Whether `culture` is a usable culture name; the empty string means the invariant culture. */
export function isValidCulture(culture: string): boolean {
  if (culture === '') return true;
  try {
    Intl.getCanonicalLocales(culture);
    return true;
  } catch {
    return false;
  }
}
