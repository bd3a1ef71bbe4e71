import { describe, expect, it } from 'vitest';
import { QueryOptionError } from './errors.js';
import { parseExpand } from './expand.js';
import { testCatalog } from './test-catalog.js';

describe('parseExpand', () => {
  it.each([
    ['owners', [{ property: 'owners', select: undefined }]],
    ['OWNERS', [{ property: 'owners', select: undefined }]],
    ['owners($select=id,displayName)', [{ property: 'owners', select: ['id', 'displayName'] }]],
    ['owners(select=id)', [{ property: 'owners', select: ['id'] }]],
    ['owners($select=*)', [{ property: 'owners', select: undefined }]],
    [' owners ( $select = id ) , memberOf', [
      { property: 'owners', select: ['id'] },
      { property: 'memberOf', select: undefined },
    ]],
    ['owners()', [{ property: 'owners', select: undefined }]],
  ])('%s', (text, expected) => {
    expect(parseExpand(text, testCatalog)).toEqual(expected);
  });

  it.each([
    ['manager', "Could not find a property named 'manager' on type 'microsoft.graph.item'."],
    ['owners($filter=id eq 1)', "'$filter' is not supported by the service."],
    ['owners($top=1)', "'$top' is not supported by the service."],
    ['owners($select=id', "Syntax error at position 17 in 'owners($select=id'."],
    ['owners)', "Syntax error at position 6 in 'owners)'."],
    [',owners', "Syntax error at position 0 in ',owners'."],
    ['owners($select=a-b)', "Syntax error in 'owners($select=a-b)'."],
  ])('rejects %s', (text, message) => {
    expect(() => parseExpand(text, testCatalog)).toThrow(QueryOptionError);
    expect(() => parseExpand(text, testCatalog)).toThrow(message);
  });
});
