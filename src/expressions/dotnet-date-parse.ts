import { daysInMonth, DateTimeValue, utcEpochMs } from './date-time-value.js';
import { DAY_ABBREVIATIONS, DAY_NAMES, MONTH_ABBREVIATIONS, MONTH_NAMES } from './en-us-culture.js';

/*
 * DateTime.Parse as CDate, DateAdd, DateDiff and NumFromDate need it: the shapes that appear in the documentation
 * and in HR data, read with the en-US culture. Offsets are applied (UTC result); text without an offset is taken
 * as UTC (expressions-spec §4.4 DECISION).
 */

const OFFSET = String.raw`(Z|[+-]\d{1,2}(?::?\d{2})?)`;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?`;

// 2009-06-15T01:45:30-07:00, 2020-12-31 23:59:59-08:00, 2021-06-30+08:00 (Workday: offset glued to the date), 2012/03/16
const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)${TIME})?\s*${OFFSET}?$`, 'i');
// 8/25/2021 5:41:18 PM, 3/16/2020, 12/31/2025 23:59
const US = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+${TIME}\s*(AM|PM)?)?\s*${OFFSET}?$`, 'i');
// Tue, 15 Jun 2009 20:45:30 GMT (RFC 1123) and 15 June 2009 [time]
const DAY_MONTH_NAME = new RegExp(String.raw`^(?:([a-z]+),?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?:\s+${TIME}\s*(AM|PM)?)?\s*(GMT|UTC|${OFFSET})?$`, 'i');
// Monday, June 15, 2009 [time]; June 15, 2009
const MONTH_NAME_DAY = new RegExp(String.raw`^(?:([a-z]+),?\s+)?([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+${TIME}\s*(AM|PM)?)?\s*${OFFSET}?$`, 'i');

function lookupName(name: string, full: readonly string[], abbreviated: readonly string[]): number | undefined {
  const lower = name.toLowerCase();
  const index = full.findIndex((n) => n.toLowerCase() === lower);
  if (index >= 0) return index;
  const short = abbreviated.findIndex((n) => n.toLowerCase() === lower);
  return short >= 0 ? short : undefined;
}

function offsetMinutes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const upper = text.toUpperCase();
  if (upper === 'Z' || upper === 'GMT' || upper === 'UTC') return 0;
  const match = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return Number.NaN;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: string | undefined;
  minute?: string | undefined;
  second?: string | undefined;
  fraction?: string | undefined;
  meridiem?: string | undefined;
  offset?: string | undefined;
  weekday?: string | undefined;
}

function build(p: Parts): DateTimeValue | undefined {
  const { year, month, day } = p;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let hour = p.hour === undefined ? 0 : Number(p.hour);
  const minute = p.minute === undefined ? 0 : Number(p.minute);
  const second = p.second === undefined ? 0 : Number(p.second);
  if (p.meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (p.meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = p.fraction === undefined ? 0 : Number(p.fraction.padEnd(7, '0'));
  const local = utcEpochMs(year, month, day, hour, minute, second, Math.floor(fraction / 10_000));
  if (p.weekday !== undefined) {
    const weekday = lookupName(p.weekday, DAY_NAMES, DAY_ABBREVIATIONS);
    if (weekday === undefined || weekday !== new Date(local).getUTCDay()) return undefined;
  }
  const offset = offsetMinutes(p.offset);
  if (Number.isNaN(offset)) return undefined;
  const epochMs = offset === undefined ? local : local - offset * 60_000;
  if (!DateTimeValue.isInRange(epochMs)) return undefined;
  return new DateTimeValue(epochMs, fraction % 10_000, offset === undefined ? 'Unspecified' : 'Utc');
}

/** Parses a date/time string the way CDate documents it; undefined when the text is not a date. */
export function parseDotNetDateTime(input: string): DateTimeValue | undefined {
  const text = input.trim();
  let m = ISO.exec(text);
  if (m) {
    return build({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: m[4], minute: m[5], second: m[6], fraction: m[7], offset: m[8] });
  }
  m = US.exec(text);
  if (m) {
    return build({ year: Number(m[3]), month: Number(m[1]), day: Number(m[2]), hour: m[4], minute: m[5], second: m[6], fraction: m[7], meridiem: m[8], offset: m[9] });
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) {
    const month = lookupName(m[3] ?? '', MONTH_NAMES, MONTH_ABBREVIATIONS);
    if (month === undefined) return undefined;
    return build({ weekday: m[1], day: Number(m[2]), month: month + 1, year: Number(m[4]), hour: m[5], minute: m[6], second: m[7], fraction: m[8], meridiem: m[9], offset: m[10] });
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m) {
    const month = lookupName(m[2] ?? '', MONTH_NAMES, MONTH_ABBREVIATIONS);
    if (month === undefined) return undefined;
    return build({ weekday: m[1], month: month + 1, day: Number(m[3]), year: Number(m[4]), hour: m[5], minute: m[6], second: m[7], fraction: m[8], meridiem: m[9], offset: m[10] });
  }
  return undefined;
}
