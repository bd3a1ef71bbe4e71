import { describe, expect, it } from 'vitest';
import { evaluate, result, results } from '../test-helpers.js';

describe('Append / Prepend', () => {
  it('treats a null source as empty and maps multi-valued sources', () => {
    expect(result('Append([x], "@contoso.com")')).toBe('@contoso.com');
    expect(result('Append("smtp:", [mail])', { mail: 'a@b.c' })).toBe('smtp:a@b.c');
    expect(results('Append([proxy], "!")', { proxy: ['a', 'b'] })).toEqual(['a!', 'b!']);
    expect(result('Append([n], [m])', { n: 5, m: true })).toBe('5True');
    expect(result('Prepend("x-", [a])', { a: 'y' })).toBe('x-y');
  });
});

describe('Join', () => {
  it('skips null and empty sources but keeps whitespace ones', () => {
    expect(result('Join(" ", [givenName], [surname])', { givenName: 'John', surname: 'Doe' })).toBe('John Doe');
    expect(result('Join(" ", [givenName], [surname])', { surname: 'Doe' })).toBe('Doe');
    expect(result('Join("-", "a", " ", "b")')).toBe('a- -b');
    expect(result('Join("", 1000, "x")')).toBe('1000x');
  });

  it('joins every value of a multi-valued source', () => {
    expect(result('Join(";", [proxyAddresses], "last")', { proxyAddresses: ['a', 'b', ''] })).toBe('a;b;last');
  });

  it('is null when every source is null, "" when some are empty', () => {
    expect(evaluate('Join(",", [a], [b])')).toBeNull();
    expect(evaluate('Join(",", [a], [b])', { a: '' })).toBe('');
  });

  it('handles unicode and huge inputs', () => {
    const big = 'é'.repeat(100_000);
    expect(result('Join("😀", [a], [b])', { a: big, b: '日本' })).toBe(`${big}😀日本`);
  });
});

describe('Left / Mid / Word / StripSpaces', () => {
  it('Left follows the documented rules', () => {
    expect(result('Left([s], 0)', { s: 'abc' })).toBe('');
    expect(result('Left([s], -1)', { s: 'abc' })).toBe('abc');
    expect(result('Left([s], 10)', { s: 'abc' })).toBe('abc');
    expect(result('Left([s], 2)')).toBe('');
    expect(result('Left([s], "2")', { s: 'abc' })).toBe('ab');
  });

  it('Mid is 1-based and clamps at the end', () => {
    expect(result('Mid([s], 1, 3)', { s: 'John' })).toBe('Joh');
    expect(result('Mid([s], 2, 10)', { s: 'John' })).toBe('ohn');
    expect(result('Mid([s], 9, 2)', { s: 'John' })).toBe('');
    expect(result('Mid([s], 3)', { s: 'John' })).toBe('hn');
    expect(result('Mid([PreferredFirstName], "1", "1")', { PreferredFirstName: 'Mary' })).toBe('M');
    expect(result('Mid([s], 1, 1)')).toBe('');
    expect(() => evaluate('Mid([s], 0, 1)', { s: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument', functionName: 'Mid' }));
    expect(() => evaluate('Mid([s], "one", 1)', { s: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('Word splits on any delimiter and ignores empty words', () => {
    expect(result('Word("a,,b", 2, ",")')).toBe('b');
    expect(result('Word("a b", 0, " ")')).toBe('');
    expect(result('Word("a b", 3, " ")')).toBe('');
    expect(result('Word([x], 1, " ")')).toBe('');
  });

  it('StripSpaces removes only U+0020', () => {
    expect(result('StripSpaces([s])', { s: ' a b\tc\u00a0d ' })).toBe('ab\tc\u00a0d');
    expect(evaluate('StripSpaces([s])')).toBeNull();
  });
});

describe('ToLower / ToUpper', () => {
  it('use the invariant culture by default, with .NET simple case mapping', () => {
    expect(result('ToUpper([s])', { s: 'straße' })).toBe('STRAßE');
    expect(result('ToLower([s])', { s: 'İSTANBUL' })).toBe('istanbul');
    expect(result('ToLower([s], )', { s: 'ABC' })).toBe('abc');
  });

  it('use the given culture', () => {
    expect(result('ToLower([s], "tr-TR")', { s: 'ISTANBUL' })).toBe('ıstanbul');
    expect(result('ToUpper([s], "en-US")', { s: 'i' })).toBe('I');
  });

  it('reject impossible culture names', () => {
    expect(() => evaluate('ToLower([s], "not a culture!")', { s: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(() => evaluate('ToLower([s], [c])', { s: 'x', c: 'not a culture!' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('map multi-valued sources and keep null', () => {
    expect(results('ToLower([p])', { p: ['A', 'B'] })).toEqual(['a', 'b']);
    expect(evaluate('ToUpper([p])')).toBeNull();
  });
});

describe('PCase', () => {
  it('title-cases with .NET word breaks', () => {
    expect(result('PCase([s])', { s: "john's book_store-owner 1st" })).toBe("John's Book_Store-Owner 1St");
    expect(result('PCase([s])', { s: 'élodie DURAND' })).toBe('Élodie Durand');
  });

  it('uses only the given separators', () => {
    expect(result('PCase([s], " ")', { s: 'JEAN-LUC PICARD' })).toBe('Jean-luc Picard');
  });
});

describe('NormalizeDiacritics', () => {
  it.each([
    ['Zoë', 'Zoe'],
    ['Jéssica Smith', 'Jessica Smith'],
    ['Åsa Ørsted-Łukasz', 'Asa OErsted-Lukasz'],
    ['straße', 'strasse'],
    ['Æsir ǣ', 'AEsir ae'],
    ['ıİ', 'iI'],
    ['œ đ ħ', 'œ đ ħ'],
    ['œ̄', 'oe'],
    ['Şişli Ţară', 'Sisli Tara'],
  ])('%s → %s', (input, expected) => {
    expect(result('NormalizeDiacritics([s])', { s: input })).toBe(expected);
  });
});

describe('InStr', () => {
  it('finds positions, supports start and compare modes', () => {
    expect(result('InStr("abc", "z")')).toBe('0');
    expect(result('InStr("abcABC", "B", 1, vbTextCompare)')).toBe('2');
    expect(result('InStr("abcABC", "B", 1, vbBinaryCompare)')).toBe('5');
    expect(result('InStr("abc", "c", 10)')).toBe('0');
    expect(evaluate('InStr([x], "c")')).toBeNull();
  });
});

describe('Split', () => {
  it('splits, keeps empties and handles null', () => {
    expect(results('Split("a,,b", ",")')).toEqual(['a', '', 'b']);
    expect(evaluate('Split([x], ",")')).toBeNull();
    expect(results('Split([x], ",")', { x: 'abc' })).toEqual(['abc']);
    expect(results('Split([x], "::")', { x: 'a::b' })).toEqual(['a', 'b']);
  });
});

describe('RandomString', () => {
  it('validates its constraints', () => {
    expect(() => evaluate('RandomString(2,3,0,0,0)')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(() => evaluate('RandomString(300,1,0,0,0)')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(() => evaluate('RandomString(3,1,0,0,0,"0123456789")')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(result('RandomString(3,3,0,0,0,)')).toMatch(/^\d{3}$/);
    expect(result('RandomString(12,0,0,0,0)')).toHaveLength(12);
  });
});
