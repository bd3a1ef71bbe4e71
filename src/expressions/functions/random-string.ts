import { randomInt } from 'node:crypto';

/** The non-alphanumeric characters of the Windows password complexity rules. */
export const SPECIAL_CHARACTERS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

export interface RandomStringRequest {
  readonly length: number;
  readonly minimumNumbers: number;
  readonly minimumSpecialCharacters: number;
  readonly minimumCapital: number;
  readonly minimumLowerCase: number;
  readonly charactersToAvoid: string;
}

/** Why a request cannot be satisfied, or undefined when it can. */
export function randomStringProblem(r: RandomStringRequest): string | undefined {
  const minimums = [r.minimumNumbers, r.minimumSpecialCharacters, r.minimumCapital, r.minimumLowerCase];
  if (r.length < 1 || r.length > 256) return 'Length must be between 1 and 256';
  if (minimums.some((m) => m < 0)) return 'minimums cannot be negative';
  if (minimums.reduce((a, b) => a + b, 0) > r.length) return 'Length is smaller than the sum of the minimums';
  return undefined;
}

function pick(pool: string): string {
  return pool.charAt(randomInt(pool.length));
}

/**
 * A cryptographically random string meeting the minimums. Characters beyond the minimums come from the classes
 * that have a minimum (the documented samples show no other classes), or from all classes when none has one.
 */
export function randomString(r: RandomStringRequest): string {
  const avoid = (pool: string) => [...pool].filter((ch) => !r.charactersToAvoid.includes(ch)).join('');
  const classes = [
    { pool: avoid(DIGITS), minimum: r.minimumNumbers },
    { pool: avoid(SPECIAL_CHARACTERS), minimum: r.minimumSpecialCharacters },
    { pool: avoid(UPPER), minimum: r.minimumCapital },
    { pool: avoid(LOWER), minimum: r.minimumLowerCase },
  ];
  const chars: string[] = [];
  for (const c of classes) {
    if (c.minimum > 0 && c.pool === '') throw new RangeError('CharactersToAvoid removes every character of a required class');
    for (let i = 0; i < c.minimum; i++) chars.push(pick(c.pool));
  }
  const required = classes.filter((c) => c.minimum > 0).map((c) => c.pool).join('');
  const fill = required || classes.map((c) => c.pool).join('');
  if (fill === '' && chars.length < r.length) throw new RangeError('CharactersToAvoid removes every character');
  while (chars.length < r.length) chars.push(pick(fill));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
