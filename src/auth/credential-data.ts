import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ntHash } from './nt-hash.js';

/**
 * A user's stored CredentialData from password hash sync, as the hosted service derives it
 * (engine-behavior §5.4): the 16-byte NT hash → its 32-character hex form → UTF-16LE (64 bytes) →
 * PBKDF2-HMAC-SHA256 with a random 10-byte per-user salt and 1,000 iterations → 32 bytes. The NT hash
 * itself is never stored. The stored text names everything needed to check a password later:
 * `pbkdf2-sha256$1000$<salt>$<derived>` (salt and derived key in base64url).
 *
 * The hex form is lower case; the hosted service does not document the case, and only this engine
 * checks what it stored, so the choice only has to be fixed.
 */
export const credentialDataScheme = 'pbkdf2-sha256';
export const credentialDataIterations = 1000;
const saltLength = 10;
const derivedLength = 32;
const maxIterations = 10_000_000;

export class CredentialDataFormatError extends Error {
  readonly code = 'InvalidCredentialData';

  constructor(reason: string) {
    super(`Stored credential data is not usable: ${reason}`);
    this.name = 'CredentialDataFormatError';
  }
}

/** The CredentialData for an NT hash, with a fresh random salt. Does not keep or modify `ntHashBytes`. */
export function deriveCredentialData(ntHashBytes: Buffer): string {
  if (ntHashBytes.length !== 16) throw new RangeError(`An NT hash has 16 bytes, got ${ntHashBytes.length}`);
  const salt = randomBytes(saltLength);
  const derived = derive(ntHashBytes, salt, credentialDataIterations);
  try {
    return [credentialDataScheme, credentialDataIterations, salt.toString('base64url'), derived.toString('base64url')].join('$');
  } finally {
    derived.fill(0);
  }
}

/**
 * Whether `password` is the one whose NT hash produced `credentialData`, compared in constant time.
 * Throws CredentialDataFormatError when the stored value is not in this format (a data problem, not a
 * wrong password).
 */
export function verifyPasswordAgainstCredentialData(password: string, credentialData: string): boolean {
  const hash = ntHash(password);
  try {
    return credentialDataMatches(hash, credentialData);
  } finally {
    hash.fill(0);
  }
}

/**
 * Whether `credentialData` was derived from this NT hash (same salt and iteration count), in constant time:
 * lets a full re-read of Active Directory leave unchanged credentials alone. Does not keep or modify
 * `ntHashBytes`; throws CredentialDataFormatError like verifyPasswordAgainstCredentialData.
 */
export function credentialDataMatches(ntHashBytes: Buffer, credentialData: string): boolean {
  if (ntHashBytes.length !== 16) throw new RangeError(`An NT hash has 16 bytes, got ${ntHashBytes.length}`);
  const { iterations, salt, expected } = parseCredentialData(credentialData);
  const actual = derive(ntHashBytes, salt, iterations);
  try {
    return timingSafeEqual(actual, expected);
  } finally {
    actual.fill(0);
  }
}

function parseCredentialData(text: string): { iterations: number; salt: Buffer; expected: Buffer } {
  const parts = text.split('$');
  if (parts.length !== 4) throw new CredentialDataFormatError('expected scheme$iterations$salt$hash');
  const [scheme, iterationText, saltText, hashText] = parts as [string, string, string, string];
  if (scheme !== credentialDataScheme) throw new CredentialDataFormatError(`unknown scheme ${JSON.stringify(scheme)}`);
  if (!/^[1-9]\d{0,7}$/.test(iterationText) || Number(iterationText) > maxIterations) {
    throw new CredentialDataFormatError('the iteration count is not a positive integer in range');
  }
  const salt = base64url(saltText);
  const expected = base64url(hashText);
  if (salt.length === 0) throw new CredentialDataFormatError('the salt is empty');
  if (expected.length !== derivedLength) throw new CredentialDataFormatError(`the derived key is not ${derivedLength} bytes`);
  return { iterations: Number(iterationText), salt, expected };
}

function base64url(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new CredentialDataFormatError('salt and hash must be base64url');
  return Buffer.from(text, 'base64url');
}

function derive(ntHashBytes: Buffer, salt: Buffer, iterations: number): Buffer {
  const input = hexUtf16(ntHashBytes);
  try {
    return pbkdf2Sync(input, salt, iterations, derivedLength, 'sha256');
  } finally {
    input.fill(0);
  }
}

const hexDigits = Buffer.from('0123456789abcdef', 'latin1');

/** UTF-16LE of the lower-case hex form, built byte by byte: the hash never becomes an (unwipeable) string. */
function hexUtf16(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length * 4);
  bytes.forEach((byte, i) => {
    out[4 * i] = hexDigits[byte >> 4] as number;
    out[4 * i + 2] = hexDigits[byte & 0x0f] as number;
  });
  return out;
}
