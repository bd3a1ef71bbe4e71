/**
 * AD objectGUID values. On the wire a GUID is 16 bytes in Microsoft's mixed-endian layout: the first
 * three fields little-endian, the last two as stored. The text form (`92099e9d-2f2f-4444-a6e6-...`) is
 * what AD shows and accepts in `<GUID=...>` DNs; base64 of the raw bytes is the sourceAnchor /
 * onPremisesImmutableId form.
 */
const guidText = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;

export function formatGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`A GUID has 16 bytes, got ${bytes.length}`);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hex = (start: number, end: number): string => b.subarray(start, end).toString('hex');
  const reversed = (start: number, end: number): string => Buffer.from(b.subarray(start, end)).reverse().toString('hex');
  return `${reversed(0, 4)}-${reversed(4, 6)}-${reversed(6, 8)}-${hex(8, 10)}-${hex(10, 16)}`;
}

export function parseGuid(text: string): Buffer {
  const m = guidText.exec(text.trim());
  if (!m) throw new RangeError(`Not a GUID: ${text}`);
  const [, a, b, c, d, e] = m as unknown as [string, string, string, string, string, string];
  return Buffer.concat([
    Buffer.from(a, 'hex').reverse(),
    Buffer.from(b, 'hex').reverse(),
    Buffer.from(c, 'hex').reverse(),
    Buffer.from(d + e, 'hex'),
  ]);
}

export function isGuid(text: string): boolean {
  return guidText.test(text.trim());
}

/** The sourceAnchor form: base64 of the 16 raw bytes. */
export function guidToBase64(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`A GUID has 16 bytes, got ${bytes.length}`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function guidFromBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== text.trim()) throw new RangeError(`Not a base64 GUID: ${text}`);
  return bytes;
}
