import { describe, expect, it } from 'vitest';
import { anchor, boolean, countryCode, dateTime, oneOf, securityIdentifier, text, texts, ValueConversionError } from './directory-values.js';

// AD's byte order: the first three GUID fields little-endian.
const guidText = '00112233-4455-6677-8899-aabbccddeeff';
const guidBase64 = 'MyIRAFVEd2aImaq7zN3u/w==';
const sidText = 'S-1-5-21-1004336348-1177238915-682003330-512';
const sidBase64 = 'AQUAAAAAAAUVAAAA3PTcO4M9K0aCi6YoAAIAAA==';

describe('directory value conversions', () => {
  it('stores the anchor as base64 of the GUID bytes, whatever form the source handed', () => {
    expect(anchor.write(guidBase64)).toBe(guidBase64);
    expect(anchor.write(Buffer.from(guidBase64, 'base64'))).toBe(guidBase64);
    expect(anchor.write(guidText)).toBe(guidBase64);
    expect(anchor.write(`{${guidText.toUpperCase()}}`)).toBe(guidBase64);
    expect(anchor.write([guidBase64])).toBe(guidBase64);
    expect(anchor.write(null)).toBeNull();
  });

  it('stores security identifiers as S-1-5-… and reads them back as the binary objectSid yields them', () => {
    expect(securityIdentifier.write(sidBase64)).toBe(sidText);
    expect(securityIdentifier.write(new Uint8Array(Buffer.from(sidBase64, 'base64')))).toBe(sidText);
    expect(securityIdentifier.write(sidText)).toBe(sidText);
    expect(securityIdentifier.read(sidText)).toBe(sidBase64);
    expect(() => securityIdentifier.write('AAAA')).toThrow(ValueConversionError);
    expect(() => securityIdentifier.write('S-1-x')).toThrow(ValueConversionError);
  });

  it('converts text, lists, Booleans, dates and codes as Graph stores them', () => {
    expect(text(5).write('abc')).toBe('abc');
    expect(text(5).write(42)).toBe('42');
    expect(text(5).write('')).toBeNull();
    expect(() => text(5).write('abcdef')).toThrow('longer than 5 characters');
    expect(() => text(5).write(['a', 'b'])).toThrow(expect.objectContaining({ multipleValues: true }));
    expect(texts(10).write('SMTP:a@b')).toEqual(['SMTP:a@b']);
    expect(texts(10).write(['a', null, 'b'])).toEqual(['a', 'b']);
    expect(texts(10).write(null)).toEqual([]);
    expect(boolean.write('True')).toBe(true);
    expect(boolean.write('false')).toBe(false);
    expect(boolean.write(true)).toBe(true);
    expect(() => boolean.write('yes')).toThrow(ValueConversionError);
    expect(dateTime.write('2024-03-01T10:00:00.000Z')).toBe('2024-03-01T10:00:00Z');
    expect(() => dateTime.write('soon')).toThrow(ValueConversionError);
    expect(countryCode.write('de')).toBe('DE');
    expect(() => countryCode.write('Germany')).toThrow(ValueConversionError);
    expect(oneOf(['Member', 'Guest']).write('guest')).toBe('Guest');
    expect(() => oneOf(['Member', 'Guest']).write('Admin')).toThrow(ValueConversionError);
  });
});
