import { describe, expect, it } from 'vitest';
import { LdapWatermarkError } from './ldap-errors.js';
import { decodeWatermark, encodeWatermark, expectWatermark } from './watermark.js';

describe('watermarks', () => {
  it('keeps the DirSync cookie as base64', () => {
    const cookie = Buffer.from('4d5344530300000080733b614c7bdd01', 'hex');
    const text = encodeWatermark({ method: 'dirSync', cookie });
    expect(text).toBe(`dirsync:${cookie.toString('base64')}`);
    expect(decodeWatermark(text)).toEqual({ method: 'dirSync', cookie });
  });

  it('round-trips uSN and entryCSN watermarks', () => {
    const usn = { method: 'usnChanged', invocationId: '2beb98e5-5711-3045-aed4-5885fa95737f', usn: 4005n } as const;
    expect(encodeWatermark(usn)).toBe('usn:2beb98e5-5711-3045-aed4-5885fa95737f:4005');
    expect(decodeWatermark(encodeWatermark(usn))).toEqual(usn);
    const csn = {
      method: 'entryCsn',
      csn: '20261123131426.234296Z#000000#000#000000',
      boundary: ['50be6990-7a86-1041-8a22-1fcb3716d470'],
      comparedAt: '2026-11-23T13:14:26.000Z',
    } as const;
    expect(decodeWatermark(encodeWatermark(csn))).toEqual(csn);
    const empty = { method: 'entryCsn', csn: undefined, boundary: [], comparedAt: undefined } as const;
    expect(decodeWatermark(encodeWatermark(empty))).toEqual(empty);
  });

  it('treats none and empty as a full import', () => {
    expect(decodeWatermark(undefined)).toBeUndefined();
    expect(decodeWatermark('')).toBeUndefined();
  });

  it('rejects foreign and damaged watermarks with LdapWatermarkError', () => {
    expect(() => decodeWatermark('garbage')).toThrow(LdapWatermarkError);
    expect(() => decodeWatermark('usn:not-a-guid:1')).toThrow(LdapWatermarkError);
    expect(() => decodeWatermark('csn:e30')).toThrow(LdapWatermarkError); // {} has no boundary
    expect(() => expectWatermark('usn:2beb98e5-5711-3045-aed4-5885fa95737f:1', 'dirSync')).toThrow(/usnChanged method, not dirSync/);
  });
});
