/**
 * Security identifiers (MS-DTYP §2.4.2): binary objectSid ↔ `S-1-5-21-...`. Layout: revision byte,
 * sub-authority count, 48-bit big-endian identifier authority, then 32-bit little-endian sub-authorities.
 */
export function formatSid(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 8) throw new RangeError(`A SID has at least 8 bytes, got ${b.length}`);
  const revision = b.readUInt8(0);
  const count = b.readUInt8(1);
  if (b.length !== 8 + 4 * count) throw new RangeError(`A SID with ${count} sub-authorities has ${8 + 4 * count} bytes, got ${b.length}`);
  const authority = b.readUIntBE(2, 6);
  const subAuthorities = Array.from({ length: count }, (_, i) => b.readUInt32LE(8 + 4 * i));
  return [`S-${revision}-${authority}`, ...subAuthorities].join('-');
}

export function parseSid(text: string): Buffer {
  const m = /^S-(\d+)-(\d+)((?:-\d+)*)$/i.exec(text.trim());
  if (!m) throw new RangeError(`Not a SID: ${text}`);
  const revision = Number(m[1]);
  const authority = Number(m[2]);
  const subAuthorities = (m[3] ?? '').split('-').filter((s) => s !== '').map(Number);
  if (revision > 255 || authority > 2 ** 48 - 1 || subAuthorities.length > 15 || subAuthorities.some((s) => s > 0xffffffff)) {
    throw new RangeError(`SID component out of range: ${text}`);
  }
  const b = Buffer.alloc(8 + 4 * subAuthorities.length);
  b.writeUInt8(revision, 0);
  b.writeUInt8(subAuthorities.length, 1);
  b.writeUIntBE(authority, 2, 6);
  subAuthorities.forEach((s, i) => b.writeUInt32LE(s, 8 + 4 * i));
  return b;
}

/** The relative identifier: the last sub-authority (513 = Domain Users, 500 = Administrator...). */
export function sidRid(sid: string): number | undefined {
  const last = /-(\d+)$/.exec(sid)?.[1];
  return last === undefined ? undefined : Number(last);
}
