/**
 * Time values as directories store them: LDAP GeneralizedTime (`whenChanged: 20261122060149.0Z`,
 * `modifyTimestamp: 20261122060426Z`) and AD's FILETIME integers (`accountExpires`, `pwdLastSet`,
 * `lastLogonTimestamp`: 100 ns ticks since 1601-01-01 UTC).
 */
const generalizedTime = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})$/;

/** GeneralizedTime → ISO 8601 in UTC (`2026-11-22T06:01:49.000Z`). */
export function generalizedTimeToIso(value: string): string {
  const m = generalizedTime.exec(value.trim());
  if (!m) throw new RangeError(`Not a GeneralizedTime: ${value}`);
  const [, year, month, day, hour, minute = '00', second = '00', fraction = '', zone] = m as unknown as string[];
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) {
    throw new RangeError(`Not a valid date: ${value}`);
  }
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  if (zone !== 'Z') {
    const sign = zone?.startsWith('-') ? -1 : 1;
    const offsetMinutes = Number(zone?.slice(1, 3)) * 60 + Number(zone?.slice(3, 5));
    time -= sign * offsetMinutes * 60_000;
  }
  return new Date(time).toISOString();
}

/** ISO 8601 (or a Date) → GeneralizedTime in AD's spelling, `YYYYMMDDHHMMSS.0Z`. */
export function toGeneralizedTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.0Z`;
}

const epochOffsetTicks = 116_444_736_000_000_000n;
const neverTicks = 0x7fff_ffff_ffff_ffffn;

/**
 * FILETIME → ISO 8601, or null for the "never" values: 0 and 2^63-1 (`accountExpires` of an account
 * that never expires; `pwdLastSet` = 0 means "must change password at next logon", also no date).
 */
export function fileTimeToIso(value: string | bigint): string | null {
  const ticks = typeof value === 'bigint' ? value : BigInt(value.trim());
  if (ticks === 0n || ticks === neverTicks) return null;
  if (ticks < 0n) throw new RangeError(`Not a FILETIME: ${value}`);
  const date = new Date(Number((ticks - epochOffsetTicks) / 10_000n));
  if (Number.isNaN(date.getTime())) throw new RangeError(`FILETIME out of range: ${value}`);
  return date.toISOString();
}

/** ISO 8601 (or a Date) → FILETIME decimal text, e.g. to write `accountExpires`; null → "never" (0). */
export function toFileTime(value: Date | string | null): string {
  if (value === null) return '0';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return (BigInt(date.getTime()) * 10_000n + epochOffsetTicks).toString();
}
