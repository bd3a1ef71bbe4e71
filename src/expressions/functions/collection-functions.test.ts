import { describe, expect, it } from 'vitest';
import { evaluate, result, results } from '../test-helpers.js';

describe('CStr / BitAnd', () => {
  it('converts scalars to text', () => {
    expect(result('CStr([a])', { a: 12 })).toBe('12');
    expect(result('CStr([a])', { a: false })).toBe('False');
    expect(result('CStr([a])', { a: new Date('2020-03-16T07:00:00Z') })).toBe('3/16/2020 7:00:00 AM');
    expect(evaluate('CStr([a])')).toBeNull();
    expect(() => evaluate('CStr([a])', { a: new Uint8Array([1, 2]) })).toThrow(expect.objectContaining({ code: 'TypeMismatch' }));
    expect(() => evaluate('CStr([a])', { a: ['x', 'y'] })).toThrow(expect.objectContaining({ code: 'MultiValuedArgument' }));
  });

  it('ANDs integers, including 64-bit and numeric strings', () => {
    expect(result('BitAnd([uac], 2)', { uac: '514' })).toBe('2');
    expect(result('BitAnd(&HFFFFFFFFFFFFFFFF, &HF0)')).toBe('240');
    expect(evaluate('BitAnd([x], 2)')).toBeNull();
    expect(() => evaluate('BitAnd("x", 2)')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});

describe('Count / Item / RemoveDuplicates / Contains', () => {
  it('counts values', () => {
    expect(result('Count([p])', { p: ['a', 'b', 'c'] })).toBe('3');
    expect(result('Count([p])')).toBe('0');
    expect(result('Count([p])', { p: 'single' })).toBe('1');
    expect(result('Count(Split("a,b", ","))')).toBe('2');
  });

  it('indexes from 1 and rejects out-of-range indexes', () => {
    expect(result('Item([p], 2)', { p: ['a', 'b'] })).toBe('b');
    expect(() => evaluate('Item([p], 3)', { p: ['a', 'b'] })).toThrow(expect.objectContaining({ code: 'IndexOutOfRange' }));
    expect(() => evaluate('Item([p], 0)', { p: ['a'] })).toThrow(expect.objectContaining({ code: 'IndexOutOfRange' }));
    expect(evaluate('Item([p], 1)')).toBeNull();
  });

  it('removes duplicates case-sensitively, keeping order', () => {
    expect(results('RemoveDuplicates([p])', { p: ['b', 'a', 'b', 'A', 'a'] })).toEqual(['b', 'a', 'A']);
    expect(evaluate('RemoveDuplicates([p])')).toBeNull();
  });

  it('Contains returns a 1-based index or 0 (Cloud Sync)', () => {
    const cs = { dialect: 'cloudSync' as const };
    expect(result('Contains([p], "SMTP:")', { p: ['smtp:x', 'SMTP:y'] }, cs)).toBe('2');
    expect(result('Contains([p], "X500:")', { p: ['smtp:x'] }, cs)).toBe('0');
  });
});
