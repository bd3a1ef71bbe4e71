import { daysInMonth, DateTimeValue, utcEpochMs } from './date-time-value.js';
import { AM_DESIGNATOR, DAY_ABBREVIATIONS, DAY_NAMES, ERA_NAME, MONTH_ABBREVIATIONS, MONTH_NAMES, PM_DESIGNATOR } from './en-us-culture.js';
import { datePattern, isUniversalStandardFormat } from './dotnet-date-pattern.js';
import type { DateTimeStyles } from './dotnet-date-styles.js';

function isWhite(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u00a0';
}

/** What one parse collected before validation. */
interface Fields {
  year?: number;
  month?: number;
  day?: number;
  hour: number;
  minute: number;
  second: number;
  fraction: number;
  pm?: boolean;
  offsetMinutes?: number;
  utc: boolean;
  dayOfWeek?: number;
}

class Cursor {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  digits(min: number, max: number): number | undefined {
    let end = this.pos;
    let value = 0;
    while (end < this.text.length && end - this.pos < max) {
      const c = this.text.charCodeAt(end);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      end++;
    }
    if (end - this.pos < min) return undefined;
    this.pos = end;
    return value;
  }

  /** Longest case-insensitive match among `words`; returns its index. */
  word(words: readonly string[]): number | undefined {
    let best: number | undefined;
    let bestLength = 0;
    const rest = this.text.slice(this.pos).toLowerCase();
    words.forEach((w, index) => {
      if (w.length > bestLength && rest.startsWith(w.toLowerCase())) {
        best = index;
        bestLength = w.length;
      }
    });
    if (best !== undefined) this.pos += bestLength;
    return best;
  }

  skipWhite(): void {
    while (this.pos < this.text.length && isWhite(this.text.charAt(this.pos))) this.pos++;
  }

  /** ±h, ±hh, ±hh:mm or ±hhmm; minutes optional unless `requireMinutes`. */
  offset(hourDigits: 1 | 2, requireMinutes: boolean): number | undefined {
    const sign = this.text.charAt(this.pos);
    if (sign !== '+' && sign !== '-') return undefined;
    this.pos++;
    const hours = this.digits(hourDigits, 2);
    if (hours === undefined || hours > 14) return undefined;
    let minutes = 0;
    if (this.text.charAt(this.pos) === ':') {
      this.pos++;
      const m = this.digits(2, 2);
      if (m === undefined || m > 59) return undefined;
      minutes = m;
    } else if (requireMinutes) {
      const m = this.digits(2, 2);
      if (m === undefined || m > 59) return undefined;
      minutes = m;
    }
    return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
}

/**
 * DateTime.ParseExact(text, format, en-US, styles), normalised to UTC. Returns undefined when the text does not
 * match (the FormatException case); throws DateFormatError when the format itself is invalid. Dates missing from
 * the format default to `today` (or 0001-01-01 with NoCurrentDateDefault), as in .NET.
 */
export function parseExactDotNetDateTime(text: string, format: string, styles: DateTimeStyles, today: () => DateTimeValue): DateTimeValue | undefined {
  const tokens = datePattern(format);
  const cursor = new Cursor(text, 0);
  const f: Fields = { hour: 0, minute: 0, second: 0, fraction: 0, utc: isUniversalStandardFormat(format) };
  if (styles.allowLeadingWhite) cursor.skipWhite();
  for (const token of tokens) {
    if (styles.allowInnerWhite) cursor.skipWhite();
    if (token.kind === 'literal') {
      const literal = token.text;
      for (let i = 0; i < literal.length; i++) {
        const ch = literal.charAt(i);
        if (styles.allowInnerWhite && isWhite(ch)) {
          cursor.skipWhite();
          continue;
        }
        if (text.charCodeAt(cursor.pos) !== literal.charCodeAt(i)) return undefined;
        cursor.pos++;
      }
      continue;
    }
    const n = token.length;
    let value: number | undefined;
    switch (token.letter) {
      case 'y':
        if (n <= 2) {
          value = cursor.digits(n, 2);
          // en-US Gregorian TwoDigitYearMax is 2049.
          if (value !== undefined) value += value <= 49 ? 2000 : 1900;
        } else {
          value = cursor.digits(n, n === 3 ? 4 : n);
        }
        f.year = value;
        break;
      case 'M':
        value = n <= 2 ? cursor.digits(n, 2) : cursor.word(n === 3 ? MONTH_ABBREVIATIONS : MONTH_NAMES);
        if (n > 2 && value !== undefined) value += 1;
        f.month = value;
        break;
      case 'd':
        if (n <= 2) f.day = value = cursor.digits(n, 2);
        else f.dayOfWeek = value = cursor.word(n === 3 ? DAY_ABBREVIATIONS : DAY_NAMES);
        break;
      case 'h':
      case 'H':
        value = cursor.digits(Math.min(n, 2), 2);
        if (value !== undefined) f.hour = value;
        break;
      case 'm':
        value = cursor.digits(Math.min(n, 2), 2);
        if (value !== undefined) f.minute = value;
        break;
      case 's':
        value = cursor.digits(Math.min(n, 2), 2);
        if (value !== undefined) f.second = value;
        break;
      case 'f':
      case 'F': {
        const start = cursor.pos;
        value = cursor.digits(token.letter === 'f' ? n : 0, n);
        if (value !== undefined) f.fraction = Number(text.slice(start, cursor.pos).padEnd(7, '0') || '0');
        break;
      }
      case 't': {
        const designators = n === 1 ? [AM_DESIGNATOR.charAt(0), PM_DESIGNATOR.charAt(0)] : [AM_DESIGNATOR, PM_DESIGNATOR];
        value = cursor.word(designators);
        if (value !== undefined) f.pm = value === 1;
        break;
      }
      case 'z':
        value = f.offsetMinutes = cursor.offset(n === 1 ? 1 : 2, n >= 3);
        break;
      case 'K':
        if (text.charAt(cursor.pos) === 'Z' || text.charAt(cursor.pos) === 'z') {
          cursor.pos++;
          f.utc = true;
        } else if (text.charAt(cursor.pos) === '+' || text.charAt(cursor.pos) === '-') {
          f.offsetMinutes = cursor.offset(2, true);
          if (f.offsetMinutes === undefined) return undefined;
        }
        value = 0;
        break;
      case 'g':
        value = cursor.word([ERA_NAME, 'AD']);
        break;
    }
    if (value === undefined) return undefined;
  }
  if (styles.allowTrailingWhite) cursor.skipWhite();
  if (cursor.pos !== text.length) return undefined;
  return compose(f, styles, today);
}

function compose(f: Fields, styles: DateTimeStyles, today: () => DateTimeValue): DateTimeValue | undefined {
  let { year, month, day } = f;
  if (year === undefined && month === undefined && day === undefined) {
    if (styles.noCurrentDateDefault) {
      year = 1;
      month = 1;
      day = 1;
    } else {
      const t = today().parts;
      year = t.year;
      month = t.month;
      day = t.day;
    }
  }
  if (year === undefined) year = today().parts.year;
  month ??= 1;
  day ??= 1;
  let hour = f.hour;
  if (f.pm !== undefined) {
    if (hour > 12) return undefined;
    hour = (hour % 12) + (f.pm ? 12 : 0);
  }
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || f.minute > 59 || f.second > 59) return undefined;
  const local = utcEpochMs(year, month, day, hour, f.minute, f.second, Math.floor(f.fraction / 10_000));
  if (f.dayOfWeek !== undefined && new Date(local).getUTCDay() !== f.dayOfWeek) return undefined;
  const epochMs = f.offsetMinutes === undefined ? local : local - f.offsetMinutes * 60_000;
  if (!DateTimeValue.isInRange(epochMs)) return undefined;
  const utc = f.utc || f.offsetMinutes !== undefined || styles.assumeUniversal;
  return new DateTimeValue(epochMs, f.fraction % 10_000, utc ? 'Utc' : 'Unspecified');
}
