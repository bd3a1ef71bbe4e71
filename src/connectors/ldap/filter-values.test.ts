import { describe, expect, it } from 'vitest';
import { anyOfFilter, escapeFilterValue, parenthesized } from './filter-values.js';

describe('filter values', () => {
  it('escapes RFC 4515 specials in text and every byte of binary values', () => {
    expect(escapeFilterValue('a*(b)\\c\0')).toBe('a\\2a\\28b\\29\\5cc\\00');
    expect(escapeFilterValue(Buffer.from('9d9e0992', 'hex'))).toBe('\\9d\\9e\\09\\92');
  });

  it('builds OR filters and wraps bare filters', () => {
    expect(anyOfFilter('uid', ['a'])).toBe('(uid=a)');
    expect(anyOfFilter('uid', ['a', 'b*'])).toBe('(|(uid=a)(uid=b\\2a))');
    expect(parenthesized('objectClass=user')).toBe('(objectClass=user)');
    expect(parenthesized(' (objectClass=user) ')).toBe('(objectClass=user)');
  });
});
