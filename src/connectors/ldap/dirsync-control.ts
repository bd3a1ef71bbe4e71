import { Ber, BerReader, BerWriter, Control } from 'ldapts';

/** DirSync request flags (MS-ADTS §3.1.1.3.4.1.3). */
export const DirSyncFlags = Object.freeze({
  /** Return only objects and attributes the caller may read, instead of requiring the replication right. */
  OBJECT_SECURITY: 0x1,
  /** Parents before children. */
  ANCESTORS_FIRST_ORDER: 0x800,
  /** Return only changed objects' requested attributes even if the object is new. */
  PUBLIC_DATA_ONLY: 0x2000,
  /** Linked multi-valued attributes (member) as added/removed values instead of the whole list. */
  INCREMENTAL_VALUES: 0x80000000,
} as const);

export interface DirSyncRequest {
  readonly flags: number;
  /** Upper bound on the response size the server should aim for; 0 lets the server choose. */
  readonly maxBytes: number;
  /** The previous response's cookie; empty for a first (full) synchronization. */
  readonly cookie: Buffer;
}

export interface DirSyncResponse {
  /** True when the server has more changes: search again with `cookie` right away. */
  readonly moreResults: boolean;
  readonly cookie: Buffer;
}

/**
 * The DirSync control, OID 1.2.840.113556.1.4.841. Request value (BER):
 *   SEQUENCE { flags INTEGER, maxBytes INTEGER, cookie OCTET STRING }
 * Response value: SEQUENCE { moreResults INTEGER, unused INTEGER, cookie OCTET STRING }.
 * Flags go out as a signed 32-bit INTEGER, so INCREMENTAL_VALUES (bit 31) is encoded as a negative number
 * (`02 04 80 00 00 00`), the way AD expects it.
 *
 * ldapts hands a response control to the request control with the same OID, so the response lands in
 * `response` of this instance after the search; that is why it is mutable.
 */
export class DirSyncControl extends Control {
  static readonly oid = '1.2.840.113556.1.4.841';

  readonly request: DirSyncRequest;
  response: DirSyncResponse | undefined;

  constructor(request: Partial<DirSyncRequest> = {}) {
    // AD rejects a non-critical DirSync control.
    super(DirSyncControl.oid, { critical: true });
    this.request = Object.freeze({ flags: request.flags ?? 0, maxBytes: request.maxBytes ?? 0, cookie: request.cookie ?? Buffer.alloc(0) });
  }

  protected override writeControl(writer: BerWriter): void {
    writer.writeBuffer(encodeDirSyncRequest(this.request), Ber.OctetString);
  }

  protected override parseControl(reader: BerReader): void {
    this.response = decodeDirSyncResponse(reader.buffer.subarray(reader.offset));
  }
}

export function encodeDirSyncRequest(request: DirSyncRequest): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(request.flags | 0);
  w.writeInt(request.maxBytes | 0);
  w.writeBuffer(request.cookie, Ber.OctetString);
  w.endSequence();
  return w.buffer;
}

export function decodeDirSyncResponse(value: Buffer): DirSyncResponse {
  if (value[0] !== (Ber.Sequence | Ber.Constructor)) throw new RangeError('DirSync response control: no SEQUENCE');
  const reader = new BerReader(value);
  reader.readSequence();
  const more = reader.readInt();
  reader.readInt();
  const cookie = reader.readString(Ber.OctetString, true);
  if (more === null || cookie === null) throw new RangeError('DirSync response control: truncated value');
  return Object.freeze({ moreResults: more !== 0, cookie: Buffer.from(cookie) });
}
