import { daysInMonth, DateTimeValue, MILLISECONDS_PER_DAY, utcEpochMs } from './date-time-value.js';

/** Microsoft.VisualBasic.DateInterval codes as DateAdd/DateDiff accept them (case-insensitive). */
export type DateInterval = 'yyyy' | 'q' | 'm' | 'y' | 'd' | 'w' | 'ww' | 'h' | 'n' | 's';
const INTERVALS = new Set<string>(['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's']);

export function parseDateInterval(text: string): DateInterval | undefined {
  const lower = text.trim().toLowerCase();
  return INTERVALS.has(lower) ? (lower as DateInterval) : undefined;
}

export const DATE_INTERVAL_NAMES = 'yyyy, q, m, y, d, w, ww, h, n, s';

/** DateTime.AddMonths: the day clamps to the end of the target month (Jan 31 + 1 month = Feb 28/29). */
function addMonths(value: DateTimeValue, months: number): number {
  const p = value.parts;
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999) return Number.NaN;
  const day = Math.min(p.day, daysInMonth(year, month));
  const msOfDay = ((value.epochMs % MILLISECONDS_PER_DAY) + MILLISECONDS_PER_DAY) % MILLISECONDS_PER_DAY;
  return utcEpochMs(year, month, day) + msOfDay;
}

/** VB DateAdd; returns undefined when the result leaves the DateTime range. */
export function dateAdd(interval: DateInterval, amount: number, value: DateTimeValue): DateTimeValue | undefined {
  let epochMs: number;
  switch (interval) {
    case 'yyyy':
      epochMs = addMonths(value, amount * 12);
      break;
    case 'q':
      epochMs = addMonths(value, amount * 3);
      break;
    case 'm':
      epochMs = addMonths(value, amount);
      break;
    case 'y':
    case 'd':
    case 'w':
      epochMs = value.epochMs + amount * MILLISECONDS_PER_DAY;
      break;
    case 'ww':
      epochMs = value.epochMs + amount * 7 * MILLISECONDS_PER_DAY;
      break;
    case 'h':
      epochMs = value.epochMs + amount * 3_600_000;
      break;
    case 'n':
      epochMs = value.epochMs + amount * 60_000;
      break;
    case 's':
      epochMs = value.epochMs + amount * 1000;
      break;
  }
  return Number.isFinite(epochMs) && DateTimeValue.isInRange(epochMs) ? value.withEpochMs(epochMs) : undefined;
}

function ticks(value: DateTimeValue): number {
  // Sub-millisecond ticks only matter for "s" differences at the truncation boundary; keep them.
  return value.epochMs + value.subMsTicks / 10_000;
}

/**
 * VB DateDiff: positive when date2 is later. d/h/n/s/w truncate elapsed time toward zero; m, q and yyyy count
 * calendar boundaries; ww counts Sunday-based week boundaries (expressions-spec §4.4).
 */
export function dateDiff(interval: DateInterval, date1: DateTimeValue, date2: DateTimeValue): number {
  const elapsed = ticks(date2) - ticks(date1);
  const a = date1.parts;
  const b = date2.parts;
  switch (interval) {
    case 'yyyy':
      return b.year - a.year;
    case 'q':
      return (b.year - a.year) * 4 + Math.floor((b.month - 1) / 3) - Math.floor((a.month - 1) / 3);
    case 'm':
      return (b.year - a.year) * 12 + (b.month - a.month);
    case 'y':
    case 'd':
      return Math.trunc(elapsed / MILLISECONDS_PER_DAY);
    case 'w':
      return Math.trunc(elapsed / (7 * MILLISECONDS_PER_DAY));
    case 'ww': {
      const sunday1 = ticks(date1) - a.dayOfWeek * MILLISECONDS_PER_DAY;
      const sunday2 = ticks(date2) - b.dayOfWeek * MILLISECONDS_PER_DAY;
      return Math.trunc((sunday2 - sunday1) / MILLISECONDS_PER_DAY / 7);
    }
    case 'h':
      return Math.trunc(elapsed / 3_600_000);
    case 'n':
      return Math.trunc(elapsed / 60_000);
    case 's':
      return Math.trunc(elapsed / 1000);
  }
}
