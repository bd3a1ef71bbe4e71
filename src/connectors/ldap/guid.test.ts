import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGuid, guidFromBase64, guidToBase64, isGuid, parseGuid } from './guid.js';

describe('objectGUID formatting', () => {
  // The values Samba returned for the same user over LDAP (base64) and in <GUID=...> form (real-peers §1).
  const base64 = 'nZ4Jki8vRESm5v7fs5PgyA==';
  const text = '92099e9d-2f2f-4444-a6e6-fedfb393e0c8';

  it('formats in AD byte order: first three groups little-endian', () => {
    expect(formatGuid(Buffer.from(base64, 'base64'))).toBe(text);
  });

  it('parses back to the wire bytes, with or without braces and in any case', () => {
    expect(parseGuid(text).toString('base64')).toBe(base64);
    expect(parseGuid(`{${text.toUpperCase()}}`).toString('base64')).toBe(base64);
  });

  it('gives the sourceAnchor (base64) form and reads it back', () => {
    expect(guidToBase64(parseGuid(text))).toBe(base64);
    expect(formatGuid(guidFromBase64(base64))).toBe(text);
  });

  it('rejects wrong lengths and non-GUIDs', () => {
    expect(() => formatGuid(Buffer.alloc(15))).toThrow(RangeError);
    expect(() => parseGuid('92099e9d-2f2f-4444-a6e6')).toThrow(RangeError);
    expect(() => guidFromBase64('AAAA')).toThrow(RangeError);
    expect(isGuid(text)).toBe(true);
    expect(isGuid('not-a-guid')).toBe(false);
  });

  it('round-trips any 16 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const formatted = formatGuid(bytes);
        expect(formatted).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect([...parseGuid(formatted)]).toEqual([...bytes]);
      }),
    );
  });
});
