import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateTimeValue, IgnoreAttributeFlow } from '../../expressions/index.js';
import { sameExportValue, toExportValue } from './export-values.js';

describe('export values', () => {
  it('turns expression values into JSON and no value into undefined', () => {
    expect(toExportValue('x')).toBe('x');
    expect(toExportValue(null)).toBeUndefined();
    expect(toExportValue([])).toBeUndefined();
    expect(toExportValue(IgnoreAttributeFlow)).toBeUndefined();
    expect(toExportValue(12n)).toBe(12);
    expect(toExportValue(2n ** 70n)).toBe('1180591620717411303424');
    expect(toExportValue(DateTimeValue.fromDate(new Date('2026-01-02T03:04:05Z')))).toBe('2026-01-02T03:04:05.000Z');
    expect(toExportValue(new Uint8Array([1, 2, 3]))).toBe('AQID');
    expect(toExportValue(['a', true])).toEqual(['a', true]);
  });

  it('compares as the target sees values', () => {
    expect(sameExportValue('True', true)).toBe(true);
    expect(sameExportValue('false', false)).toBe(true);
    expect(sameExportValue('1', 1)).toBe(true);
    expect(sameExportValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameExportValue('a', 'A')).toBe(false);
    expect(sameExportValue(undefined, null)).toBe(true);
    expect(sameExportValue({ value: 'x' }, { value: 'x' })).toBe(true);
  });

  it('is symmetric (property)', () => {
    const value = fc.oneof(fc.string(), fc.boolean(), fc.integer(), fc.constant(null), fc.array(fc.oneof(fc.string(), fc.boolean()), { maxLength: 3 }));
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameExportValue(a, b)).toBe(sameExportValue(b, a));
      }),
    );
  });
});
