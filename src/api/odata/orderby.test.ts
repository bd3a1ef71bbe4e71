import { describe, expect, it } from 'vitest';
import { QueryOptionError, UnsupportedSortError } from './errors.js';
import { parseOrderBy } from './orderby.js';
import { entityComparator, isAfterPosition, pagePosition, sortKeys } from './sort-keys.js';
import { entity, testCatalog } from './test-catalog.js';

describe('parseOrderBy', () => {
  it.each([
    ['displayName', [{ property: 'displayName', direction: 'asc' }]],
    ['DisplayName DESC', [{ property: 'displayName', direction: 'desc' }]],
    ['age asc, created desc', [
      { property: 'age', direction: 'asc' },
      { property: 'created', direction: 'desc' },
    ]],
    ['  city   desc ', [{ property: 'city', direction: 'desc' }]],
  ])('%s', (text, expected) => {
    expect(parseOrderBy(text, testCatalog)).toEqual(expected);
  });

  it.each([
    ['', "Syntax error at position 0 in ''."],
    ['age,', "Syntax error at position 4 in 'age,'."],
    ['age sideways', "Syntax error at position 4 in 'age sideways'."],
    ['age desc asc', "Syntax error at position 9 in 'age desc asc'."],
    ['age, age desc', "Duplicate property named 'age' is not supported in '$orderby' expression."],
  ])('rejects %j', (text, message) => {
    expect(() => parseOrderBy(text, testCatalog)).toThrow(QueryOptionError);
    expect(() => parseOrderBy(text, testCatalog)).toThrow(message);
  });

  it.each(['tags', 'appId', 'secret', 'manager/name'])('refuses to sort by %s', (text) => {
    expect(() => parseOrderBy(text, testCatalog)).toThrow(UnsupportedSortError);
  });
});

describe('in-memory order', () => {
  const items = [
    entity({ id: 'd', displayName: 'beta', age: 30, created: '2022-01-01T00:00:00.000Z' }),
    entity({ id: 'a', displayName: 'Alpha', age: null, created: '2021-01-01T00:00:00.000Z' }),
    entity({ id: 'c', displayName: 'alpha', age: 30, created: null }),
    entity({ id: 'b', displayName: null, age: 20 }),
  ];

  function order(text: string): string[] {
    const keys = sortKeys(parseOrderBy(text, testCatalog), testCatalog);
    return [...items].sort(entityComparator(keys, testCatalog)).map((item) => item.id);
  }

  it('puts missing values first ascending and last descending, breaking ties by id', () => {
    expect(order('age')).toEqual(['a', 'b', 'c', 'd']);
    expect(order('age desc')).toEqual(['c', 'd', 'b', 'a']);
  });

  it('sorts case-insensitive strings case-insensitively', () => {
    expect(order('displayName')).toEqual(['b', 'a', 'c', 'd']);
    expect(order('displayName desc')).toEqual(['d', 'a', 'c', 'b']);
  });

  it('sorts by several keys and by instant for date-times', () => {
    expect(order('age desc, created')).toEqual(['c', 'd', 'b', 'a']);
    expect(order('created desc')).toEqual(['d', 'a', 'b', 'c']);
  });

  it('orders by id alone without $orderby', () => {
    const keys = sortKeys(undefined, testCatalog);
    expect(keys).toEqual([]);
    expect([...items].sort(entityComparator(keys, testCatalog)).map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds the entities after a page position', () => {
    const keys = sortKeys(parseOrderBy('age desc', testCatalog), testCatalog);
    const position = pagePosition(items[0], keys, testCatalog);
    expect(position).toEqual({ keys: [30], id: 'd' });
    expect(items.filter((item) => isAfterPosition(item, position, keys, testCatalog)).map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('carries date-times as ISO strings and folded strings lower-cased', () => {
    const keys = sortKeys(parseOrderBy('created,displayName', testCatalog), testCatalog);
    expect(pagePosition(items[1], keys, testCatalog)).toEqual({ keys: ['2021-01-01T00:00:00.000Z', 'alpha'], id: 'a' });
  });
});
