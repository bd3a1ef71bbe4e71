/**
 * A .NET-like DateTime: UTC instant with 100-ns precision (DateFromNum/NumFromDate need FILETIME exactness, and
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
    Object.freeze(this);
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

  get parts(): DateParts {
    const d = new Date(this.epochMs);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      dayOfWeek: d.getUTCDay(),
    };
  }

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
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcEpochMs(year, month + 1, 1) - MS_PER_DAY).getUTCDate();
}

export const MILLISECONDS_PER_DAY = MS_PER_DAY;
