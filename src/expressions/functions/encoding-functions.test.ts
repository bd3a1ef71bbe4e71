import { describe, expect, it } from 'vitest';
import { evaluate, result } from '../test-helpers.js';

const cs = { dialect: 'cloudSync' as const };

describe('base64 and hex', () => {
  it('round-trips unicode through UTF-16LE base64', () => {
    const encoded = result('ConvertToBase64([s])', { s: 'Zoë 😀' })!;
    expect(result('ConvertFromBase64([s])', { s: encoded }, cs)).toBe('Zoë 😀');
    expect(result('ConvertFromBase64([s], Unicode)', { s: encoded }, cs)).toBe('Zoë 😀');
  });

  it('decodes ASCII with "?" for bytes above 0x7F and rejects non-base64', () => {
    expect(result('ConvertFromBase64("aMOp", ASCII)', {}, cs)).toBe('h??');
    expect(result('ConvertFromBase64("aMOp", UTF8)', {}, cs)).toBe('hé');
    expect(() => evaluate('ConvertFromBase64("!!!", UTF8)', {}, cs)).toThrow(expect.objectContaining({ code: 'InvalidBase64' }));
  });

  it('hex-encodes UTF-8 in upper case', () => {
    expect(result('ConvertToUTF8Hex("é")')).toBe('C3A9');
    expect(evaluate('ConvertToUTF8Hex([x])')).toBeNull();
  });
});

describe('StringFromSid', () => {
  it('formats binary SIDs', () => {
    const sid = Uint8Array.from([1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xe9, 0x03, 0, 0]);
    expect(result('StringFromSid([objectSid])', { objectSid: sid }, cs)).toBe('S-1-5-21-67305985-134678021-202050057-1001');
    expect(result('StringFromSid([objectSid])', { objectSid: Buffer.from(sid).toString('base64') }, cs)).toBe('S-1-5-21-67305985-134678021-202050057-1001');
    expect(() => evaluate('StringFromSid([objectSid])', { objectSid: new Uint8Array([1, 2, 3]) }, cs)).toThrow(expect.objectContaining({ code: 'InvalidSid' }));
  });
});

describe('DNComponent', () => {
  it('returns unescaped RDN values from the left', () => {
    expect(result('DNComponent([dn], 2)', { dn: 'CN=Doe\\, John,OU=Sales,DC=contoso,DC=com' }, cs)).toBe('Sales');
    expect(result('DNComponent([dn], 1)', { dn: 'CN=Doe\\, John,OU=Sales' }, cs)).toBe('Doe, John');
    expect(evaluate('DNComponent([dn], 9)', { dn: 'CN=x' }, cs)).toBeNull();
  });
});
