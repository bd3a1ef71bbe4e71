import { describe, expect, it } from 'vitest';
import { DateTimeValue, utcEpochMs } from './date-time-value.js';
import { formatDotNetDateTime } from './dotnet-date-format.js';
import { parseExactDotNetDateTime } from './dotnet-date-parse-exact.js';
import { DateFormatError } from './dotnet-date-pattern.js';
import { DEFAULT_FORMAT_DATE_TIME_STYLES, parseDateTimeStyles } from './dotnet-date-styles.js';

const value = new DateTimeValue(utcEpochMs(2009, 6, 15, 13, 45, 30, 617), 5_000, 'Utc');
const unspecified = new DateTimeValue(utcEpochMs(2009, 6, 5, 1, 5, 3), 0, 'Unspecified');
const today = () => new DateTimeValue(utcEpochMs(2025, 7, 30));

describe('formatDotNetDateTime', () => {
  it.each([
    ['d', '6/15/2009'],
    ['D', 'Monday, June 15, 2009'],
    ['f', 'Monday, June 15, 2009 1:45 PM'],
    ['F', 'Monday, June 15, 2009 1:45:30 PM'],
    ['g', '6/15/2009 1:45 PM'],
    ['G', '6/15/2009 1:45:30 PM'],
    ['M', 'June 15'],
    ['o', '2009-06-15T13:45:30.6175000Z'],
    ['R', 'Mon, 15 Jun 2009 13:45:30 GMT'],
    ['s', '2009-06-15T13:45:30'],
    ['t', '1:45 PM'],
    ['T', '1:45:30 PM'],
    ['u', '2009-06-15 13:45:30Z'],
    ['y', 'June 2009'],
    ['yyyyMMddHHmmss.fZ', '20090615134530.6Z'],
    ['yy-M-d h:m:s t', '09-6-15 1:45:30 P'],
    ['yyyy-MM-ddTHH:mm:ss.fffffffzzz', '2009-06-15T13:45:30.6175000+00:00'],
    ["'Date:' dddd \\d %d", 'Date: Monday d 15'],
    ['hh:mm:ss.FFF', '01:45:30.617'],
    ['ss.FFFF', '30.6175'],
    ['z zz K g', '+0 +00 Z A.D.'],
  ])('%s', (format, expected) => {
    expect(formatDotNetDateTime(value, format)).toBe(expected);
  });

  it('drops an all-zero F fraction together with its point, and K is empty for unspecified kinds', () => {
    expect(formatDotNetDateTime(unspecified, 'HH:mm:ss.FFF')).toBe('01:05:03');
    expect(formatDotNetDateTime(unspecified, 'o')).toBe('2009-06-05T01:05:03.0000000');
    expect(formatDotNetDateTime(unspecified, 'M/d/yyyy h:mm:ss tt')).toBe('6/5/2009 1:05:03 AM');
  });

  it('rejects invalid formats', () => {
    expect(() => formatDotNetDateTime(value, 'Q')).toThrow(DateFormatError);
    expect(() => formatDotNetDateTime(value, 'ffffffff')).toThrow(DateFormatError);
    expect(() => formatDotNetDateTime(value, "'open")).toThrow(DateFormatError);
    expect(() => formatDotNetDateTime(value, 'abc\\')).toThrow(DateFormatError);
  });
});

describe('parseExactDotNetDateTime', () => {
  const parse = (text: string, format: string, styles = DEFAULT_FORMAT_DATE_TIME_STYLES) => parseExactDotNetDateTime(text, format, styles, today);
  const iso = (d: DateTimeValue | undefined) => (d ? formatDotNetDateTime(d, 'o') : undefined);

  it('parses custom formats, normalising offsets to UTC', () => {
    expect(iso(parse('20150123105347.1Z', 'yyyyMMddHHmmss.fZ'))).toBe('2015-01-23T10:53:47.1000000');
    expect(iso(parse('2020-12-31-08:00', 'yyyy-MM-ddzzz'))).toBe('2020-12-31T08:00:00.0000000Z');
    expect(iso(parse('12/31/2025 09:30:00 PM', 'M/d/yyyy hh:mm:ss tt'))).toBe('2025-12-31T21:30:00.0000000');
    expect(iso(parse('1/2/25', 'M/d/yy'))).toBe('2025-01-02T00:00:00.0000000');
    expect(iso(parse('1/2/75', 'M/d/yy'))).toBe('1975-01-02T00:00:00.0000000');
    expect(iso(parse('Monday, June 15, 2009', 'D'))).toBe('2009-06-15T00:00:00.0000000');
    expect(iso(parse('2009-06-15T13:45:30.6175000Z', 'o'))).toBe('2009-06-15T13:45:30.6175000Z');
    expect(iso(parse('Mon, 15 Jun 2009 13:45:30 GMT', 'r'))).toBe('2009-06-15T13:45:30.0000000Z');
    expect(iso(parse('13:45', 'HH:mm'))).toBe('2025-07-30T13:45:00.0000000');
    expect(iso(parse('13:45', 'HH:mm', parseDateTimeStyles('NoCurrentDateDefault')))).toBe('0001-01-01T13:45:00.0000000');
    expect(iso(parse('2024-02', 'yyyy-MM'))).toBe('2024-02-01T00:00:00.0000000');
  });

  it('is strict about digits, literals, ranges and white space', () => {
    expect(parse('2015-1-23', 'yyyy-MM-dd')).toBeUndefined();
    expect(parse('2015/01/23', 'yyyy-MM-dd')).toBeUndefined();
    expect(parse('2015-02-30', 'yyyy-MM-dd')).toBeUndefined();
    expect(parse('Tuesday, June 15, 2009', 'D')).toBeUndefined();
    expect(parse('2015-01-23 x', 'yyyy-MM-dd')).toBeUndefined();
    expect(parse(' 2015-01-23 ', 'yyyy-MM-dd')).toBeDefined();
    expect(parse(' 2015-01-23', 'yyyy-MM-dd', parseDateTimeStyles('None'))).toBeUndefined();
    expect(parse('2015 - 01 - 23', 'yyyy-MM-dd', parseDateTimeStyles('AllowWhiteSpaces'))).toBeDefined();
    expect(parse('13:00 PM', 'hh:mm tt')).toBeUndefined();
  });

  it('parses DateTimeStyles names', () => {
    expect(parseDateTimeStyles('DateTimeStyles.AssumeUniversal | AllowLeadingWhite')).toMatchObject({ assumeUniversal: true, allowLeadingWhite: true, allowTrailingWhite: false });
    expect(() => parseDateTimeStyles('Nope')).toThrow(DateFormatError);
  });
});
