import { describe, expect, it } from 'vitest';
import { DateTimeValue } from '../date-time-value.js';
import { evaluate, result } from '../test-helpers.js';

describe('CDate', () => {
  it.each([
    ['2020-03-16-07:00', '3/16/2020 7:00:00 AM'],
    ['2025-08-15', '8/15/2025 12:00:00 AM'],
    ['8/25/2021 5:41:18 PM', '8/25/2021 5:41:18 PM'],
    ['2021-08-25T17:41:18.1234567Z', '8/25/2021 5:41:18 PM'],
    ['2020-12-31 23:59:59-08:00', '1/1/2021 7:59:59 AM'],
    ['Mon, 15 Jun 2009 20:45:30 GMT', '6/15/2009 8:45:30 PM'],
    ['June 15, 2009', '6/15/2009 12:00:00 AM'],
    ['Monday, June 15, 2009 1:45 PM', '6/15/2009 1:45:00 PM'],
  ])('%s → %s', (input, expected) => {
    expect(result('CDate([d])', { d: input })).toBe(expected);
  });

  it('returns a DateTime and rejects non-dates', () => {
    expect(evaluate('CDate([d])', { d: '2020-01-01' })).toBeInstanceOf(DateTimeValue);
    expect(evaluate('CDate([d])')).toBeNull();
    for (const bad of ['not a date', '2021-02-29', '13/1/2020', '2020-01-01T25:00:00', 'Tuesday, June 15, 2009']) {
      expect(() => evaluate('CDate([d])', { d: bad })).toThrow(expect.objectContaining({ code: 'InvalidDate', functionName: 'CDate' }));
    }
  });
});

describe('Now', () => {
  it('uses the injected clock and renders en-US', () => {
    expect(result('Now()')).toBe('7/30/2025 12:00:00 PM');
    expect(result('FormatDateTime(Now(), , "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd")')).toBe('2025-07-30');
  });
});

describe('DateAdd', () => {
  it('clamps months like .NET AddMonths and handles every interval', () => {
    expect(result('DateAdd("m", 1, CDate("2021-01-31"))')).toBe('2/28/2021 12:00:00 AM');
    expect(result('DateAdd("yyyy", 1, CDate("2020-02-29"))')).toBe('2/28/2021 12:00:00 AM');
    expect(result('DateAdd("q", 1, CDate("2020-11-30"))')).toBe('2/28/2021 12:00:00 AM');
    expect(result('DateAdd("h", 25, CDate("2020-01-01"))')).toBe('1/2/2020 1:00:00 AM');
    expect(result('DateAdd("n", -1, CDate("2020-01-01"))')).toBe('12/31/2019 11:59:00 PM');
    expect(result('DateAdd("s", "30", "1/1/2020 12:00:00 AM")')).toBe('1/1/2020 12:00:30 AM');
    expect(result('DateAdd("D", "10", Now())')).toBe('8/9/2025 12:00:00 PM');
  });

  it('reports bad intervals at compile time and bad data at run time', () => {
    expect(() => evaluate('DateAdd("x", 1, Now())')).toThrow(expect.objectContaining({ code: 'InvalidArgument', line: 1, column: 9 }));
    expect(() => evaluate('DateAdd([i], 1, Now())', { i: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument', functionName: 'DateAdd' }));
    expect(() => evaluate('DateAdd("yyyy", 9000, Now())')).toThrow(expect.objectContaining({ code: 'DateOutOfRange' }));
    expect(evaluate('DateAdd("d", 1, CDate([missing]))')).toBeNull();
  });
});

describe('DateDiff', () => {
  it('truncates toward zero for d/h/n/s and counts boundaries for m/yyyy/ww', () => {
    expect(result('DateDiff("d", "2025-07-30T12:00:00Z", "2025-08-10")')).toBe('10');
    expect(result('DateDiff("d", "2025-08-10", "2025-07-30T12:00:00Z")')).toBe('-10');
    expect(result('DateDiff("m", "2025-01-31", "2025-02-01")')).toBe('1');
    expect(result('DateDiff("yyyy", "2025-12-31", "2026-01-01")')).toBe('1');
    expect(result('DateDiff("ww", "2025-07-26", "2025-07-27")')).toBe('1');
    expect(result('DateDiff("w", "2025-07-26", "2025-07-27")')).toBe('0');
    expect(result('DateDiff("q", "2025-03-31", "2025-04-01")')).toBe('1');
  });
});

describe('FormatDateTime', () => {
  it('parses with the input format and formats with the output format', () => {
    expect(result('FormatDateTime([d], , "yyyy-MM-ddzzz", "yyyy-MM-dd")', { d: '2020-12-31-08:00' })).toBe('2020-12-31');
    expect(result('FormatDateTime([d], , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd")', { d: '12/31/2025 09:30:00 PM' })).toBe('2025-12-31');
    expect(result('FormatDateTime([d], , "yyyy-MM-dd", "dddd, MMMM d, yyyy")', { d: ' 2024-02-29 ' })).toBe('Thursday, February 29, 2024');
    expect(result('FormatDateTime([d], , "o", "yyyyMMddHHmmss.0Z")', { d: '2024-02-29T10:11:12.1234567Z' })).toBe('20240229101112.0Z');
    expect(result('FormatDateTime([d], "yyyy-MM-dd", "s")', { d: '2024-02-29' }, { dialect: 'cloudSync' })).toBe('2024-02-29T00:00:00');
    expect(result('FormatDateTime([d], "AssumeUniversal", "yyyy-MM-dd", "o")', { d: '2024-02-29' })).toBe('2024-02-29T00:00:00.0000000Z');
    expect(result('FormatDateTime([d], "yyyy-MM-dd", "o")', { d: '2024-02-29' })).toBe('2024-02-29T00:00:00.0000000');
  });

  it('formats DateTime sources directly', () => {
    expect(result('FormatDateTime(DateAdd("yyyy", 5, CDate([d])), , "yyyy-MM-dd", "yyyy-MM-dd")', { d: '2025-01-15' })).toBe('2030-01-15');
  });

  it('errors on text that does not match, and on invalid formats or styles at compile time', () => {
    expect(() => evaluate('FormatDateTime([d], , "yyyy-MM-dd", "o")', { d: '15/01/2025' })).toThrow(expect.objectContaining({ code: 'InvalidDate', functionName: 'FormatDateTime' }));
    expect(() => evaluate('FormatDateTime([d], , "yyyy-MM-dd", "Q")', { d: '2025-01-01' })).toThrow(expect.objectContaining({ code: 'InvalidArgument', column: 37 }));
    expect(() => evaluate('FormatDateTime([d], "Sideways", "yyyy", "yyyy")', { d: '2025' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(() => evaluate('FormatDateTime([d], , [f], "o")', { d: '2025', f: "'unterminated" })).toThrow(expect.objectContaining({ code: 'InvalidFormat' }));
    expect(evaluate('FormatDateTime([d], , "yyyy", "o")')).toBeNull();
  });
});

describe('NumFromDate / DateFromNum', () => {
  it('convert to and from FILETIME exactly', () => {
    expect(result('NumFromDate("2025-12-31T23:59:59-08:00")')).toBe('134117279990000000');
    expect(evaluate('NumFromDate("2025-12-31T23:59:59-08:00")')).toBe(134117279990000000n);
    expect(result('NumFromDate("1601-01-01T00:00:00Z")')).toBe('0');
    expect(result('DateFromNum([lastLogonTimestamp])', { lastLogonTimestamp: '129699324000000000' })).toBe('1/1/2012 11:00:00 PM');
    expect(result('FormatDateTime(DateFromNum(NumFromDate("2009-06-15T01:45:30.1234567Z")), , "o", "o")')).toBe('2009-06-15T01:45:30.1234567Z');
  });

  it('reject values outside the DateTime range', () => {
    expect(() => evaluate('DateFromNum("9223372036854775807")')).toThrow(expect.objectContaining({ code: 'DateOutOfRange' }));
    expect(() => evaluate('DateFromNum(-1)')).toThrow(expect.objectContaining({ code: 'DateOutOfRange' }));
    expect(() => evaluate('NumFromDate("1600-12-31")')).toThrow(expect.objectContaining({ code: 'DateOutOfRange' }));
  });
});
