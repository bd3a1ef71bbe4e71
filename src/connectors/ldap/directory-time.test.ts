import { describe, expect, it } from 'vitest';
import { fileTimeToIso, generalizedTimeToIso, toFileTime, toGeneralizedTime } from './directory-time.js';

describe('directory time values', () => {
  it('reads AD and OpenLDAP GeneralizedTime', () => {
    expect(generalizedTimeToIso('20261122060149.0Z')).toBe('2026-11-22T06:01:49.000Z');
    expect(generalizedTimeToIso('20261122060426Z')).toBe('2026-11-22T06:04:26.000Z');
    expect(generalizedTimeToIso('20261122060426.005510Z')).toBe('2026-11-22T06:04:26.005Z');
    expect(generalizedTimeToIso('202611220604+0130')).toBe('2026-11-22T04:34:00.000Z');
  });

  it('rejects what is not a GeneralizedTime', () => {
    expect(() => generalizedTimeToIso('2026-11-22')).toThrow(RangeError);
    expect(() => generalizedTimeToIso('20261322060149Z')).toThrow(RangeError);
  });

  it('writes AD GeneralizedTime', () => {
    expect(toGeneralizedTime('2026-11-22T06:01:49.123Z')).toBe('20261122060149.0Z');
  });

  it('reads FILETIME (accountExpires, pwdLastSet) with the "never" values as null', () => {
    expect(fileTimeToIso('133000000000000000')).toBe('2022-06-18T04:26:40.000Z');
    expect(fileTimeToIso('0')).toBeNull();
    expect(fileTimeToIso('9223372036854775807')).toBeNull();
    expect(fileTimeToIso(116444736000000000n)).toBe('1970-01-01T00:00:00.000Z');
    expect(() => fileTimeToIso('-5')).toThrow(RangeError);
  });

  it('writes FILETIME and round-trips', () => {
    expect(toFileTime('1970-01-01T00:00:00Z')).toBe('116444736000000000');
    expect(toFileTime(null)).toBe('0');
    expect(fileTimeToIso(toFileTime('2030-01-02T03:04:05.678Z'))).toBe('2030-01-02T03:04:05.678Z');
  });
});
