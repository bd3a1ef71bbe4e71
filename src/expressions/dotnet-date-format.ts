import { AM_DESIGNATOR, DAY_ABBREVIATIONS, DAY_NAMES, DEFAULT_DATE_TIME_PATTERN, ERA_NAME, MONTH_ABBREVIATIONS, MONTH_NAMES, PM_DESIGNATOR } from './en-us-culture.js';
import type { DateTimeValue } from './date-time-value.js';
import { datePattern } from './dotnet-date-pattern.js';

function pad(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

/**
 * DateTime.ToString(format, en-US). Offsets render as +00:00 because values are UTC; `K` renders "Z" for UTC
 * values and nothing for unspecified ones, as .NET does. Throws DateFormatError on an invalid format.
 */
export function formatDotNetDateTime(value: DateTimeValue, format: string): string {
  const tokens = datePattern(format);
  const p = value.parts;
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.length;
    switch (token.letter) {
      case 'y':
        out += n === 1 ? String(p.year % 100) : n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
        out += n <= 2 ? pad(p.month, n) : n === 3 ? MONTH_ABBREVIATIONS[p.month - 1] : MONTH_NAMES[p.month - 1];
        break;
      case 'd':
        out += n <= 2 ? pad(p.day, n) : n === 3 ? DAY_ABBREVIATIONS[p.dayOfWeek] : DAY_NAMES[p.dayOfWeek];
        break;
      case 'h':
        out += pad(p.hour % 12 || 12, Math.min(n, 2));
        break;
      case 'H':
        out += pad(p.hour, Math.min(n, 2));
        break;
      case 'm':
        out += pad(p.minute, Math.min(n, 2));
        break;
      case 's':
        out += pad(p.second, Math.min(n, 2));
        break;
      case 'f':
        out += pad(value.fractionTicks, 7).slice(0, n);
        break;
      case 'F': {
        const digits = pad(value.fractionTicks, 7).slice(0, n).replace(/0+$/, '');
        // .NET drops the decimal point too when an all-zero F fraction leaves nothing after it.
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 't':
        out += (p.hour < 12 ? AM_DESIGNATOR : PM_DESIGNATOR).slice(0, n === 1 ? 1 : undefined);
        break;
      case 'z':
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        break;
      case 'K':
        out += value.kind === 'Utc' ? 'Z' : '';
        break;
      case 'g':
        out += ERA_NAME;
        break;
    }
  }
  return out;
}

/** How a DateTime becomes a string in expression results: en-US general pattern, e.g. 3/16/2020 7:00:00 AM. */
export function dateTimeToText(value: DateTimeValue): string {
  return formatDotNetDateTime(value, DEFAULT_DATE_TIME_PATTERN);
}
