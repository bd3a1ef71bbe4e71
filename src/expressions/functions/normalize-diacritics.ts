/*
 * NormalizeDiacritics: the documented table's special letters first (ß → ss, æ → ae, ø → oe, ł → l, ı → i, ...),
 * then canonical decomposition with combining marks removed, which covers every accented letter in the table.
 * Letters the table omits (œ, đ, ħ) are kept.
 */

const SPECIAL: ReadonlyArray<readonly [RegExp, string]> = [
  [/\u0153\u0304/g, 'oe'], // œ̄
  [/\u0152\u0304/g, 'OE'], // Œ̄
];

const LETTERS: Readonly<Record<string, string>> = {
  'æ': 'ae', 'ǣ': 'ae', 'Æ': 'AE', 'Ǣ': 'AE',
  'ø': 'oe', 'Ø': 'OE',
  'ß': 'ss',
  'ı': 'i', 'İ': 'I',
  'ł': 'l', 'Ł': 'L',
};
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const COMBINING_MARKS = /\p{Mn}/gu;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

export function normalizeDiacritics(text: string): string {
  if (ASCII.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of SPECIAL) out = out.replace(pattern, replacement);
  out = out.replace(LETTER_PATTERN, (ch) => LETTERS[ch] ?? ch);
  return out.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}
