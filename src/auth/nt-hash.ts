import { md4 } from './md4.js';

/**
 * The NT hash of a password, as Active Directory computes it: MD4 over the UTF-16LE code units (JS
 * strings are UTF-16 already, so unpaired surrogates hash like Windows hashes them). The encoded
 * password is zeroed before returning; the caller wipes the hash when done.
 */
export function ntHash(password: string): Buffer {
  const encoded = Buffer.from(password, 'utf16le');
  try {
    return md4(encoded);
  } finally {
    encoded.fill(0);
  }
}
