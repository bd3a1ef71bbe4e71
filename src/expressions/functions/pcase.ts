import { invariantLower, invariantUpper } from './invariant-case.js';

/*
 * PCase: .NET TextInfo.ToTitleCase after lower-casing (so all-caps words are converted too, as the documented
 * "PABLO GONSALVES (SECOND)" → "Pablo Gonsalves (Second)" requires), or, with explicit separators, a plain
 * "upper-case the first character after a separator" rule.
 */

/** ToTitleCase's word separators: space, control, format, punctuation and symbol categories. */
const SEPARATOR = /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;
const LETTER = /\p{L}/u;

function titleCase(text: string): string {
  const chars = [...invariantLower(text)];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (!LETTER.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    out += invariantUpper(ch);
    i++;
    // The rest of the word: letters, digits and marks, and an apostrophe inside the word ("John's").
    while (i < chars.length) {
      const next = chars[i]!;
      if (next === "'" || LETTER.test(next) || !SEPARATOR.test(next)) {
        out += next;
        i++;
      } else {
        break;
      }
    }
  }
  return out;
}

function withSeparators(text: string, separators: string): string {
  let out = '';
  let atWordStart = true;
  for (const ch of text) {
    if (separators.includes(ch)) {
      out += ch;
      atWordStart = true;
    } else {
      out += atWordStart ? invariantUpper(ch) : invariantLower(ch);
      atWordStart = false;
    }
  }
  return out;
}

export function properCase(text: string, separators: string | undefined): string {
  return separators === undefined || separators === '' ? titleCase(text) : withSeparators(text, separators);
}
