import { describe, expect, it } from 'vitest';
import { evaluate, result, results } from '../test-helpers.js';

describe('Replace modes', () => {
  it('oldValue + replacementValue replaces every occurrence, ordinally and case-sensitively', () => {
    expect(result('Replace([s], "-", , , "_", , )', { s: 'en-US-x' })).toBe('en_US_x');
    expect(result('Replace([s], "a", , , "b", , )', { s: 'AaA' })).toBe('AbA');
    expect(result('Replace([s], "", , , "b", , )', { s: 'abc' })).toBe('abc');
    expect(evaluate('Replace([s], "a", , , "b", , )')).toBeNull();
  });

  it('oldValue + template inserts the source into the template, and template wins over replacementValue', () => {
    expect(result('Replace([s], "<u>", , , "ignored", , "<u>@x.com")', { s: 'bob' })).toBe('bob@x.com');
  });

  it('regex + replacementValue uses .NET substitutions', () => {
    expect(result('Replace([s], , "(\\\\w+)@(\\\\w+)", , "$2:$1", , )', { s: 'bob@site' })).toBe('site:bob');
    expect(result('Replace([s], , "(?<u>\\\\w+)@", , "[${u}] $$ $& $0", , )', { s: 'bob@site' })).toBe('[bob] $ bob@ bob@site');
    expect(result('Replace([s], , "x", , "${nosuch}", , )', { s: 'axb' })).toBe('a${nosuch}b');
    // .NET numbers unnamed groups before named ones: $1 is (b), not (?<first>a).
    expect(result('Replace([s], , "(?<first>a)(b)", , "$1|$2|${first}", , )', { s: 'ab' })).toBe('b|a|a');
  });

  it('regex + group + replacementValue replaces only the group span in each match', () => {
    expect(result('Replace([s], , "(?<d>\\\\d+)-", "d", "#", , )', { s: '12-34-5' })).toBe('#-#-5');
    expect(() => evaluate('Replace([s], , "(?<d>\\\\d+)", "nosuch", "#", , )', { s: '1' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('replacementAttributeName: app provisioning keeps a present source, Cloud Sync substitutes into it', () => {
    const expression = 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )';
    const attributes = { telephoneNumber: '+1 5556667777', mobile: '+91 8887779999' };
    expect(result(expression, attributes)).toBe('+1 5556667777');
    expect(result(expression, attributes, { dialect: 'cloudSync' })).toBe('+1 +91 8887779999');
    expect(result(expression, { telephoneNumber: '', mobile: '+91 8887779999' }, { dialect: 'cloudSync' })).toBe('');
    expect(result(expression, { mobile: 'no digits' })).toBeUndefined();
  });

  it('no recognised combination returns the source', () => {
    expect(result('Replace([s], , , , , , )', { s: 'x' })).toBe('x');
    expect(result('Replace([s])', { s: 'x' })).toBe('x');
  });

  it('maps multi-valued sources', () => {
    expect(results('Replace([p], "smtp:", , , "SMTP:", , )', { p: ['smtp:a', 'x500:b'] })).toEqual(['SMTP:a', 'x500:b']);
  });

  it('validates constant patterns at compile time, runtime patterns at run time', () => {
    expect(() => evaluate('Replace([s], , "(unclosed", , "", , )', { s: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument', line: 1, column: 16 }));
    expect(() => evaluate('Replace([s], , "(?(x)a|b)", , "", , )', { s: 'x' })).toThrow(expect.objectContaining({ code: 'UnsupportedRegex' }));
    expect(() => evaluate('Replace([s], , [p], , "", , )', { s: 'x', p: '[' })).toThrow(expect.objectContaining({ code: 'InvalidRegex', functionName: 'Replace' }));
  });

  it('regex padding idioms behave like .NET', () => {
    expect(result('Replace(Join("", "00000000", [id]), , "(?<pad>.*)(?<id>.{8})$", , "${id}", , )', { id: '12345' })).toBe('00012345');
    expect(result('Replace([s], , "(.*?)(?<id>[0-9]{4})(.*)", , "D${id}", ,)', { s: 'ab1234cd5678' })).toBe('D1234');
  });
});
