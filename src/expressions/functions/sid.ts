/**
 * Formats a binary security identifier as S-R-I-S1-S2-...: revision byte, sub-authority count, a 48-bit big-endian
 * identifier authority (hex when ≥ 2^32, as Windows prints it), then little-endian 32-bit sub-authorities.
 */
export function sidToString(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;
  const revision = bytes[0]!;
  const count = bytes[1]!;
  if (bytes.length !== 8 + count * 4) return undefined;
  let authority = 0n;
  for (let i = 2; i < 8; i++) authority = (authority << 8n) | BigInt(bytes[i]!);
  const authorityText = authority >= 2n ** 32n ? `0x${authority.toString(16).toUpperCase().padStart(12, '0')}` : authority.toString();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const subAuthorities: number[] = [];
  for (let i = 0; i < count; i++) subAuthorities.push(view.getUint32(8 + i * 4, true));
  return ['S', revision, authorityText, ...subAuthorities].join('-');
}
