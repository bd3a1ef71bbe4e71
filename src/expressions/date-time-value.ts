/**
 * A .NET-like DateTime (immutable: readonly fields, not frozen because the evaluator creates many): UTC instant with 100-ns precision (DateFromNum/NumFromDate need FILETIME exactness, and
 * "o" formats seven fraction digits). `kind` only decides how `K` renders: offsets are always normalised to UTC,
 * as if the service ran on a UTC clock (expressions-spec §4.4).
 */
export type DateTimeKind = 'Utc' | 'Unspecified';

const MS_PER_DAY = 86_400_000;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the range of System.DateTime. */
export const MIN_EPOCH_MS = -62_135_596_800_000;
export const MAX_EPOCH_MS = 253_402_300_799_999;

export class DateTimeValue {
  /** Milliseconds since 1970-01-01T00:00:00Z (an integer). */
  readonly epochMs: number;
  /** 100-ns ticks beyond `epochMs`, 0..9999. */
  readonly subMsTicks: number;
  readonly kind: DateTimeKind;

  constructor(epochMs: number, subMsTicks = 0, kind: DateTimeKind = 'Utc') {
    this.epochMs = epochMs;
    this.subMsTicks = subMsTicks;
    this.kind = kind;
  }

  static fromDate(date: Date, kind: DateTimeKind = 'Utc'): DateTimeValue {
    return new DateTimeValue(date.getTime(), 0, kind);
  }

  static isInRange(epochMs: number): boolean {
    return epochMs >= MIN_EPOCH_MS && epochMs <= MAX_EPOCH_MS;
  }

  /** Fraction of the second in 100-ns units, 0..9_999_999. */
  get fractionTicks(): number {
    return (((this.epochMs % 1000) + 1000) % 1000) * 10_000 + this.subMsTicks;
  }

  /** Calendar fields in UTC, computed once (arithmetically: this runs for every formatted date). */
  get parts(): DateParts {
    if (this.cachedParts === undefined) this.cachedParts = civilParts(this.epochMs);
    return this.cachedParts;
  }

  private cachedParts: DateParts | undefined;

  withEpochMs(epochMs: number): DateTimeValue {
    return new DateTimeValue(epochMs, this.subMsTicks, this.kind);
  }
}

export interface DateParts {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday */
  readonly dayOfWeek: number;
}

/** Date.UTC without its 0..99 → 1900..1999 year mapping. */
export function utcEpochMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Proleptic Gregorian fields of an epoch-ms instant (H. Hinnant's civil_from_days). */
function civilParts(epochMs: number): DateParts {
  const days = Math.floor(epochMs / MS_PER_DAY);
  let msOfDay = epochMs - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const hour = Math.floor(msOfDay / 3_600_000);
  msOfDay -= hour * 3_600_000;
  const minute = Math.floor(msOfDay / 60_000);
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
    hour,
    minute,
    second: Math.floor((msOfDay - minute * 60_000) / 1000),
    // 1970-01-01 was a Thursday.
    dayOfWeek: (((days + 4) % 7) + 7) % 7,
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

export const MILLISECONDS_PER_DAY = MS_PER_DAY;
