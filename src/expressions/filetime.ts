import { DateTimeValue } from './date-time-value.js';

/** Milliseconds between 1601-01-01 (FILETIME epoch, used by AD's accountExpires) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;
const TICKS_PER_MS = 10_000n;

/** 100-ns intervals since 1601-01-01T00:00:00Z. */
export function toFileTime(value: DateTimeValue): bigint {
  return (BigInt(value.epochMs) + FILETIME_EPOCH_OFFSET_MS) * TICKS_PER_MS + BigInt(value.subMsTicks);
}

/** The inverse of toFileTime; undefined for negative values or values past 9999-12-31. */
export function fromFileTime(fileTime: bigint): DateTimeValue | undefined {
  if (fileTime < 0n) return undefined;
  const epochMs = Number(fileTime / TICKS_PER_MS - FILETIME_EPOCH_OFFSET_MS);
  if (!DateTimeValue.isInRange(epochMs)) return undefined;
  return new DateTimeValue(epochMs, Number(fileTime % TICKS_PER_MS), 'Utc');
}
