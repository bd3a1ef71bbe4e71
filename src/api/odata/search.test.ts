import { describe, expect, it } from 'vitest';
import { InvalidSearchError, QueryOptionError } from './errors.js';
import { compileSearchPredicate } from './search-filter.js';
import { parseSearch } from './search.js';
import { entity, testCatalog } from './test-catalog.js';

describe('parseSearch', () => {
  it.each([
    ['"displayName:room"', { kind: 'term', property: 'displayName', value: 'room' }],
    ['"DisplayName: Conf Room "', { kind: 'term', property: 'displayName', value: 'Conf Room' }],
    ['"displayName:a\\"b"', { kind: 'term', property: 'displayName', value: 'a"b' }],
    ['"displayName:a:b"', { kind: 'term', property: 'displayName', value: 'a:b' }],
    ['"displayName:a" OR "mail:b"', {
      kind: 'or',
      left: { kind: 'term', property: 'displayName', value: 'a' },
      right: { kind: 'term', property: 'mail', value: 'b' },
    }],
    ['"displayName:a" "mail:b" OR "mail:c"', {
      kind: 'or',
      left: {
        kind: 'and',
        left: { kind: 'term', property: 'displayName', value: 'a' },
        right: { kind: 'term', property: 'mail', value: 'b' },
      },
      right: { kind: 'term', property: 'mail', value: 'c' },
    }],
    ['"displayName:a" AND ("mail:b" OR "mail:c")', {
      kind: 'and',
      left: { kind: 'term', property: 'displayName', value: 'a' },
      right: {
        kind: 'or',
        left: { kind: 'term', property: 'mail', value: 'b' },
        right: { kind: 'term', property: 'mail', value: 'c' },
      },
    }],
  ])('%s', (text, expected) => {
    expect(parseSearch(text, testCatalog).expression).toEqual(expected);
  });

  it.each([
    ['displayName:room', QueryOptionError, "Syntax error: character ':' is not valid at position 11 in 'displayName:room'."],
    ['room', QueryOptionError, "Syntax error: character 'r' is not valid at position 0 in 'room'."],
    ['"displayName:room', QueryOptionError, `There is an unterminated string literal at position 0 in '"displayName:room'.`],
    ['"displayName:a" OR', QueryOptionError, `Syntax error at position 18 in '"displayName:a" OR'.`],
    ['("displayName:a"', QueryOptionError, `Syntax error at position 16 in '("displayName:a"'.`],
    ['"displayName:a" and "mail:b"', QueryOptionError, "Syntax error: character 'a' is not valid at position 16 in '\"displayName:a\" and \"mail:b\"'."],
    ['', QueryOptionError, "Syntax error at position 0 in ''."],
    ['"room"', InvalidSearchError, 'Invalid search clause "room": use the form "property:value".'],
    ['"displayName:"', InvalidSearchError, 'Invalid search clause "displayName:": use the form "property:value".'],
    ['"code:x"', InvalidSearchError, "Search on property 'code' of resource 'Item' is not supported."],
    ['"nope:x"', InvalidSearchError, "Search on property 'nope' of resource 'Item' is not supported."],
  ])('rejects %s', (text, type, message) => {
    expect(() => parseSearch(text, testCatalog)).toThrow(type);
    expect(() => parseSearch(text, testCatalog)).toThrow(message);
  });
});

describe('compileSearchPredicate', () => {
  const items = [
    entity({ id: 'a', displayName: 'Conference Room 1', mail: 'room1@contoso.com' }),
    entity({ id: 'b', displayName: 'Conf-Room', mail: 'Rooms@contoso.com' }),
    entity({ id: 'c', displayName: 'Broom closet', mail: null }),
  ];

  function search(text: string): string[] {
    return items.filter(compileSearchPredicate(parseSearch(text, testCatalog), testCatalog)).map((item) => item.id);
  }

  it('matches words at the start of the value or of a word, case-insensitively', () => {
    expect(search('"displayName:room"')).toEqual(['a']);
    expect(search('"displayName:CONF"')).toEqual(['a', 'b']);
    expect(search('"displayName:con room"')).toEqual(['a']);
    expect(search('"displayName:oom"')).toEqual([]);
    expect(search('"mail:room"')).toEqual(['a', 'b']);
  });

  it('combines clauses', () => {
    expect(search('"displayName:broom" OR "mail:rooms"')).toEqual(['b', 'c']);
    expect(search('"displayName:conf" "mail:rooms"')).toEqual(['b']);
  });
});
