import { describe, expect, it } from 'vitest';
import { groupIndex, isDotNetMatch, RegexTranslationError, translateDotNetRegex } from './dotnet-regex.js';
import { dotNetReplace, replaceGroupSpans } from './dotnet-regex-replace.js';

const matches = (pattern: string, input: string) => isDotNetMatch(translateDotNetRegex(pattern), input);
const replace = (pattern: string, input: string, replacement: string) => dotNetReplace(translateDotNetRegex(pattern), input, replacement);

function translationError(pattern: string): RegexTranslationError {
  try {
    translateDotNetRegex(pattern);
  } catch (error) {
    expect(error).toBeInstanceOf(RegexTranslationError);
    return error as RegexTranslationError;
  }
  throw new Error(`expected ${pattern} to fail`);
}

describe('translateDotNetRegex', () => {
  it('keeps ordinary syntax working, including identity escapes JavaScript rejects under u/v', () => {
    expect(matches(String.raw`.*\@domain.com`, 'john@domain.com')).toBe(true);
    expect(matches(String.raw`^\d{3}-\d{4}$`, '555-1234')).toBe(true);
    expect(matches(String.raw`[\-\/\:]`, ':')).toBe(true);
    expect(matches('a{,3}', 'a{,3}')).toBe(true);
    expect(matches('x{2}', 'xx')).toBe(true);
    expect(matches(String.raw`[()\s-]+`, '(')).toBe(true);
    expect(matches('[]a]', ']')).toBe(true);
  });

  it('is unanchored like Regex.IsMatch', () => {
    expect(matches('(1[0-9][0-9][0-9][0-9][0-9][0-9])', 'id 12345678')).toBe(true);
    expect(matches('([1-9][0-9])', '5')).toBe(false);
  });

  it('uses .NET meanings of \\d, \\w, \\b, . and $', () => {
    expect(matches(String.raw`^\d+$`, '١٢٣')).toBe(true);
    expect(matches(String.raw`^\w+$`, 'Zoë_1')).toBe(true);
    expect(matches(String.raw`\bé`, 'x é')).toBe(true);
    expect(matches('^.$', '\r')).toBe(true);
    expect(matches('^.$', '\n')).toBe(false);
    expect(matches('abc$', 'abc\n')).toBe(true);
    expect(matches(String.raw`abc\z`, 'abc\n')).toBe(false);
    expect(matches(String.raw`[\W_]`, 'a_')).toBe(true);
    expect(matches(String.raw`[^\W_]`, '_')).toBe(false);
  });

  it('applies inline options', () => {
    expect(matches('(?i)abc', 'ABC')).toBe(true);
    expect(matches('a(?i)bc', 'aBC')).toBe(true);
    expect(matches('a(?i)bc', 'ABC')).toBe(false);
    expect(matches('(?i:a)b', 'Ab')).toBe(true);
    expect(matches('(?i:a)b', 'AB')).toBe(false);
    expect(matches('(?i)[a-c]x', 'BX')).toBe(true);
    expect(matches('(?m)^b$', 'a\nb\nc')).toBe(true);
    expect(matches('^b$', 'a\nb\nc')).toBe(false);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
    expect(matches('(?x) a b # comment', 'ab')).toBe(true);
  });

  it('supports atomic groups, lookarounds, subtraction and named groups', () => {
    expect(matches('(?>a+)b', 'aaab')).toBe(true);
    expect(matches('^(?>a*)a$', 'aaa')).toBe(false);
    expect(matches('(?<=@)contoso', 'x@contoso')).toBe(true);
    expect(matches('^[a-z-[aeiou]]+$', 'bcd')).toBe(true);
    expect(matches('^[a-z-[aeiou]]+$', 'bad')).toBe(false);
    expect(matches(String.raw`(?'word'\w+) \k<word>`, 'hey hey')).toBe(true);
    expect(matches(String.raw`(a)(b)\2`, 'abb')).toBe(true);
  });

  it('numbers groups like .NET: unnamed first, then named', () => {
    const regex = translateDotNetRegex('(?<n>x)(y)(?:z)(w)');
    expect(regex.groupCount).toBe(3);
    expect(groupIndex(regex, '1')).toBe(2);
    expect(groupIndex(regex, '2')).toBe(3);
    expect(groupIndex(regex, '3')).toBe(1);
    expect(groupIndex(regex, 'n')).toBe(1);
    expect(replace('(?<n>x)(y)', 'xy', '$1$2')).toBe('yx');
    expect(replace('(?n)(x)(?<k>y)', 'xy', '[$1]')).toBe('[y]');
  });

  it('reports invalid and unsupported constructs with typed codes', () => {
    expect(translationError('(abc').code).toBe('InvalidRegex');
    expect(translationError('abc)').code).toBe('InvalidRegex');
    expect(translationError('[abc').code).toBe('InvalidRegex');
    expect(translationError(String.raw`\q`).code).toBe('InvalidRegex');
    expect(translationError(String.raw`(a)\2`).code).toBe('InvalidRegex');
    expect(translationError('*a').code).toBe('InvalidRegex');
    expect(translationError('(?(a)b|c)').code).toBe('UnsupportedRegex');
    expect(translationError('(?<a-b>x)').code).toBe('UnsupportedRegex');
    expect(translationError(String.raw`\Gx`).code).toBe('UnsupportedRegex');
    expect(translationError(String.raw`\p{IsGreek}`).code).toBe('UnsupportedRegex');
    expect(translationError('(?<1>x)').code).toBe('UnsupportedRegex');
    expect(translationError('(?<a>x)(?<a>y)').code).toBe('UnsupportedRegex');
  });
});

describe('dotNetReplace', () => {
  it('handles .NET substitutions', () => {
    expect(replace('b', 'abc', '[$`|$\'|$_|$+]')).toBe('a[a|c|abc|b]c');
    expect(replace('(b)(c)', 'abcd', '$+')).toBe('acd');
    expect(replace('b', 'abc', '$$1')).toBe('a$1c');
    expect(replace('(b)', 'abc', '$10')).toBe('ab0c');
    expect(replace('(b)', 'abc', '$9')).toBe('a$9c');
    expect(replace('(b)', 'abc', '${1}0')).toBe('ab0c');
    expect(replace('x*', 'abc', '-')).toBe('-a-b-c-');
  });

  it('replaces only a group span', () => {
    const regex = translateDotNetRegex(String.raw`(?<n>\d+)x`);
    expect(replaceGroupSpans(regex, groupIndex(regex, 'n')!, '1x 22x 3', '#')).toBe('#x #x 3');
  });
});
