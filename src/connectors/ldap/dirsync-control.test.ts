import fc from 'fast-check';
import { BerReader, BerWriter, Ber, ControlParser } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { DirSyncControl, DirSyncFlags, decodeDirSyncResponse, encodeDirSyncRequest } from './dirsync-control.js';

describe('DirSync control BER', () => {
  it('encodes INCREMENTAL_VALUES as a negative 32-bit INTEGER, an empty cookie as an empty OCTET STRING', () => {
    const value = encodeDirSyncRequest({ flags: DirSyncFlags.INCREMENTAL_VALUES, maxBytes: 0, cookie: Buffer.alloc(0) });
    // SEQUENCE(11) { INTEGER 0x80000000, INTEGER 0, OCTET STRING '' }
    expect(value.toString('hex')).toBe('300b' + '020480000000' + '020100' + '0400');
  });

  it('encodes small flags, maxBytes and a cookie with minimal lengths', () => {
    const value = encodeDirSyncRequest({ flags: DirSyncFlags.ANCESTORS_FIRST_ORDER, maxBytes: 1_048_576, cookie: Buffer.from('abc') });
    expect(value.toString('hex')).toBe('300e' + '02020800' + '020310' + '0000' + '0403616263');
  });

  it('writes a critical control with the DirSync OID wrapping the value', () => {
    const writer = new BerWriter();
    new DirSyncControl({ flags: DirSyncFlags.INCREMENTAL_VALUES }).write(writer);
    const reader = new BerReader(writer.buffer);
    expect(reader.readSequence()).toBe(Ber.Sequence | Ber.Constructor);
    expect(reader.readString()).toBe('1.2.840.113556.1.4.841');
    expect(reader.readBoolean()).toBe(true);
    const value = reader.readString(Ber.OctetString, true);
    expect(value?.toString('hex')).toBe('300b0204800000000201000400');
  });

  it('decodes a response value: moreResults, unused, cookie', () => {
    const w = new BerWriter();
    w.startSequence();
    w.writeInt(1);
    w.writeInt(0);
    w.writeBuffer(Buffer.from('4d534453', 'hex'), Ber.OctetString);
    w.endSequence();
    expect(decodeDirSyncResponse(w.buffer)).toEqual({ moreResults: true, cookie: Buffer.from('MSDS') });
  });

  it('rejects a truncated response', () => {
    expect(() => decodeDirSyncResponse(Buffer.from('3003020100', 'hex'))).toThrow(/truncated/);
    expect(() => decodeDirSyncResponse(Buffer.from('0400', 'hex'))).toThrow(/SEQUENCE/);
  });

  it('receives the response through ldapts (the response control goes to the request control of the same OID)', () => {
    const request = new DirSyncControl({ cookie: Buffer.from('old') });
    const value = new BerWriter();
    value.startSequence();
    value.writeInt(0);
    value.writeInt(0);
    value.writeBuffer(Buffer.from('new-cookie'), Ber.OctetString);
    value.endSequence();
    const control = new BerWriter();
    control.startSequence();
    control.writeString(DirSyncControl.oid);
    control.writeBuffer(value.buffer, Ber.OctetString);
    control.endSequence();
    const parsed = ControlParser.parse(new BerReader(control.buffer), [request]);
    expect(parsed).toBe(request);
    expect(request.response).toEqual({ moreResults: false, cookie: Buffer.from('new-cookie') });
    expect(request.request.cookie.toString()).toBe('old');
  });

  it('round-trips any flags and cookie through the shared SEQUENCE { INTEGER, INTEGER, OCTET STRING } layout', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.uint8Array({ maxLength: 300 }), (flags, cookie) => {
        const decoded = decodeDirSyncResponse(encodeDirSyncRequest({ flags, maxBytes: 0, cookie: Buffer.from(cookie) }));
        expect(decoded.moreResults).toBe(flags !== 0);
        expect([...decoded.cookie]).toEqual([...cookie]);
      }),
    );
  });
});
