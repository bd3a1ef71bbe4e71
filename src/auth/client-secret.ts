import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

// N=2^14 costs ~15-30 ms per verification: affordable at the token endpoint, slow for offline guessing.
const params = { N: 16384, r: 8, p: 1 };
const keyLength = 32;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';

/**
 * A new client secret in Microsoft's shape: 40 characters whose 4th to 6th read "8Q~"; `hint` is the first
 * three characters, which is all Graph ever shows again.
 */
export function generateClientSecret(): { secretText: string; hint: string } {
  const random = (length: number) =>
    Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
  const head = random(3);
  return { secretText: `${head}8Q~${random(34)}`, hint: head };
}

export async function hashClientSecret(secretText: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secretText, salt, keyLength, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyClientSecret(secretText: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secretText, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}
