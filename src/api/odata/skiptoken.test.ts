import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidSkipTokenError } from './errors.js';
import { parseQueryOptions } from './query-options.js';
import { SkipTokenCodec, skipTokenScope } from './skiptoken.js';
import { testCatalog } from './test-catalog.js';

const SECRET = 'a-test-secret-of-enough-length';
const codec = new SkipTokenCodec(SECRET);
const scope = 'users|filter|order';

describe('SkipTokenCodec', () => {
  it('round-trips positions', () => {
    const position = { keys: ['alice', 42, true, null, '2021-01-01T00:00:00.000Z'], id: 'id-1' };
    const token = codec.encode(position, scope);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(token, scope)).toEqual(position);
  });

  it('gives the same position the same token, also after more positions than it remembers', () => {
    const codecOfItsOwn = new SkipTokenCodec(SECRET);
    const first = codecOfItsOwn.encode({ keys: [], id: 'id-0' }, scope);
    const tokens = Array.from({ length: 2_500 }, (_, index) => codecOfItsOwn.encode({ keys: [index], id: `id-${index}` }, scope));
    expect(codecOfItsOwn.encode({ keys: [], id: 'id-0' }, scope)).toBe(first);
    expect(codec.encode({ keys: [], id: 'id-0' }, scope)).toBe(first);
    expect(codecOfItsOwn.decode(tokens[7]!, scope)).toEqual({ keys: [7], id: 'id-7' });
    expect(() => codecOfItsOwn.decode(first, 'another scope')).toThrow(InvalidSkipTokenError);
  });

  it('round-trips arbitrary positions', () => {
    const value = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), fc.string(), (keys, id) => {
        const decoded = codec.decode(codec.encode({ keys, id }, scope), scope);
        // JSON has no -0; every other value survives exactly.
        expect(decoded).toEqual({ keys: keys.map((key) => (Object.is(key, -0) ? 0 : key)), id });
      }),
    );
  });

  it('rejects tokens for another query, from another secret, or altered', () => {
    const token = codec.encode({ keys: ['a'], id: '1' }, scope);
    expect(() => codec.decode(token, 'other scope')).toThrow(InvalidSkipTokenError);
    expect(() => new SkipTokenCodec('another-secret-of-enough-length').decode(token, scope)).toThrow(InvalidSkipTokenError);
    const [payload, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ v: 1, k: ['z'], i: '1' })).toString('base64url');
    expect(() => codec.decode(`${forged}.${mac}`, scope)).toThrow(InvalidSkipTokenError);
    const flipped = `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    expect(() => codec.decode(flipped, scope)).toThrow(InvalidSkipTokenError);
  });

  it.each(['', 'garbage', 'a.b.c', '.', 'abc.', "X'4453707402000100'", 'a b.c'])('rejects %j cleanly', (token) => {
    try {
      codec.decode(token, scope);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSkipTokenError);
      expect((error as InvalidSkipTokenError).status).toBe(400);
      expect((error as InvalidSkipTokenError).message).toBe('Invalid Skip Token');
    }
  });

  function signed(payload: unknown): string {
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', SECRET).update(scope).update('\n').update(encoded).digest().subarray(0, 16);
    return `${encoded}.${mac.toString('base64url')}`;
  }

  it('accepts a payload signed the way the codec signs (the premise of the next cases)', () => {
    expect(codec.decode(signed({ v: 1, k: [1], i: 'x' }), scope)).toEqual({ keys: [1], id: 'x' });
  });

  it.each([
    [{ v: 2, k: [], i: 'x' }],
    [{ v: 1, k: [{}], i: 'x' }],
    [{ v: 1, k: 'a', i: 'x' }],
    [{ v: 1, k: [], i: 7 }],
    [[1, 2]],
  ])('rejects a correctly signed payload of the wrong shape: %j', (payload) => {
    // As if written by a different version of the format.
    expect(() => codec.decode(signed(payload), scope)).toThrow(InvalidSkipTokenError);
  });

  it('insists on a real secret', () => {
    expect(() => new SkipTokenCodec('short')).toThrow(RangeError);
  });
});

describe('skipTokenScope', () => {
  const options = (query: Record<string, string>) =>
    parseQueryOptions(query, { allowed: ['filter', 'orderby', 'search', 'top', 'select'], catalog: testCatalog });

  it('changes with the filter, search and order but not with $top or $select', () => {
    const base = skipTokenScope('Item', options({ $filter: 'age eq 1', $orderby: 'age' }));
    expect(skipTokenScope('Item', options({ $filter: 'age eq 1', $orderby: 'age', $top: '5', $select: 'id' }))).toBe(base);
    expect(skipTokenScope('Item', options({ $filter: 'age eq 2', $orderby: 'age' }))).not.toBe(base);
    expect(skipTokenScope('Item', options({ $filter: 'age eq 1', $orderby: 'age desc' }))).not.toBe(base);
    expect(skipTokenScope('Item', options({ $filter: 'age eq 1', $orderby: 'age', $search: '"displayName:a"' }))).not.toBe(base);
    expect(skipTokenScope('Other', options({ $filter: 'age eq 1', $orderby: 'age' }))).not.toBe(base);
  });
});

describe('SkipTokenCodec MAC', () => {
  it('is HMAC-SHA256 truncated to 128 bits, for short and long secrets alike', () => {
    for (const secret of ['a-sixteen-byte-secret', 'x'.repeat(100)]) {
      const codec = new SkipTokenCodec(secret);
      const token = codec.encode({ keys: ['a'], id: 'id-1' }, 'scope');
      const [payload, mac] = token.split('.');
      const expected = createHmac('sha256', secret).update(`scope\n${payload}`).digest().subarray(0, 16).toString('base64url');
      expect(mac).toBe(expected);
    }
  });
});
