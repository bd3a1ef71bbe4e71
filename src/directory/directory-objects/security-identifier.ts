/**
 * The `securityIdentifier` Entra gives cloud objects: `S-1-12-1-` followed by the object id's sixteen bytes
 * (in .NET's `Guid.ToByteArray` order, whose first three fields are little-endian) read as four
 * little-endian 32-bit numbers. It is derived, so it never needs storing separately.
 */
export function securityIdentifierOf(objectId: string): string {
  const hex = objectId.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  // Guid.ToByteArray: Data1 (4 bytes), Data2 and Data3 (2 bytes each) are little-endian; Data4 is as written.
  const dotNet = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8, 16),
  ]);
  const parts = [0, 4, 8, 12].map((offset) => dotNet.readUInt32LE(offset));
  return `S-1-12-1-${parts.join('-')}`;
}
