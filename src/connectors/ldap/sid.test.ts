import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSid, parseSid, sidRid } from './sid.js';

describe('objectSid formatting', () => {
  it('formats a domain user SID (bytes as Samba returned them)', () => {
    const bytes = Buffer.from('AQUAAAAAAAUVAAAA9XNM241nvRjnIG6/UwQAAA==', 'base64');
    expect(formatSid(bytes)).toBe('S-1-5-21-3679220725-415065997-3211665639-1107');
    expect(sidRid('S-1-5-21-3679220725-415065997-3211665639-1107')).toBe(1107);
  });

  it('formats well-known SIDs', () => {
    expect(formatSid(parseSid('S-1-5-32-544'))).toBe('S-1-5-32-544');
    expect(parseSid('S-1-1-0').toString('hex')).toBe('010100000000000100000000');
  });

  it('rejects inconsistent lengths and malformed text', () => {
    expect(() => formatSid(Buffer.from('0102000000000005', 'hex'))).toThrow(RangeError);
    expect(() => formatSid(Buffer.alloc(4))).toThrow(RangeError);
    expect(() => parseSid('S-1')).toThrow(RangeError);
    expect(() => parseSid('S-1-5-4294967296')).toThrow(RangeError);
  });

  it('round-trips any SID', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 15 }),
        (revision, authority, subs) => {
          const text = [`S-${revision}-${authority}`, ...subs].join('-');
          expect(formatSid(parseSid(text))).toBe(text);
        },
      ),
    );
  });
});
