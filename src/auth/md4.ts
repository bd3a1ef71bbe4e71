/**
 * MD4 (RFC 1320). Only for NT hashes (MD4 over the UTF-16LE password), which is what Active Directory
 * stores and replicates; Node 20's OpenSSL 3 refuses `md4` without the legacy provider.
 * Its working copy of the input is zeroed before returning: the input is a password.
 */
export function md4(data: Uint8Array): Buffer {
  const blocks = Math.ceil((data.length + 9) / 64);
  const padded = Buffer.alloc(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const bits = BigInt(data.length) * 8n;
  padded.writeUInt32LE(Number(bits & 0xffffffffn), padded.length - 8);
  padded.writeUInt32LE(Number((bits >> 32n) & 0xffffffffn), padded.length - 4);

  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const x = new Uint32Array(16);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) x[i] = padded.readUInt32LE(offset + 4 * i);
    const [aa, bb, cc, dd] = [a, b, c, d];
    for (let i = 0; i < 16; i++) {
      const t = (a + ((b & c) | (~b & d)) + word(x, i)) | 0;
      [a, b, c, d] = [d, rotl(t, round1Shifts[i % 4] as number), b, c];
    }
    for (let i = 0; i < 16; i++) {
      const t = (a + ((b & c) | (b & d) | (c & d)) + word(x, round2Order[i]) + 0x5a827999) | 0;
      [a, b, c, d] = [d, rotl(t, round2Shifts[i % 4] as number), b, c];
    }
    for (let i = 0; i < 16; i++) {
      const t = (a + (b ^ c ^ d) + word(x, round3Order[i]) + 0x6ed9eba1) | 0;
      [a, b, c, d] = [d, rotl(t, round3Shifts[i % 4] as number), b, c];
    }
    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }
  x.fill(0);
  padded.fill(0);

  const digest = Buffer.alloc(16);
  digest.writeInt32LE(a, 0);
  digest.writeInt32LE(b, 4);
  digest.writeInt32LE(c, 8);
  digest.writeInt32LE(d, 12);
  return digest;
}

const round1Shifts = [3, 7, 11, 19] as const;
const round2Shifts = [3, 5, 9, 13] as const;
const round3Shifts = [3, 9, 11, 15] as const;
const round2Order = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15] as const;
const round3Order = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15] as const;

function word(x: Uint32Array, index: number | undefined): number {
  return x[index ?? 0] as number;
}

function rotl(value: number, shift: number): number {
  return (value << shift) | (value >>> (32 - shift));
}
