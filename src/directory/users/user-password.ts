import { hashClientSecret, verifyClientSecret } from '../../auth/client-secret.js';
import { credentialDataScheme, verifyPasswordAgainstCredentialData } from '../../auth/credential-data.js';

const credentialDataPrefix = `${credentialDataScheme}$`;
import { PasswordComplexityError } from '../directory-errors.js';

/**
 * User passwords at rest: a salted scrypt hash in the same `scrypt$N$r$p$salt$hash` format as client
 * secrets, so one verifier serves the token endpoint for both. The password itself is never stored.
 */
export function hashUserPassword(password: string): Promise<string> {
  return hashClientSecret(password);
}

/**
 * True when `password` matches the stored credential: the scrypt hash of a passwordProfile password, or the
 * CredentialData synchronized from Active Directory (PBKDF2 over the NT hash). False for a missing one.
 */
export async function verifyUserPassword(password: string, storedHash: string | null): Promise<boolean> {
  if (storedHash === null) return false;
  if (storedHash.startsWith(credentialDataPrefix)) return verifyPasswordAgainstCredentialData(password, storedHash);
  return verifyClientSecret(password, storedHash);
}

// Entra's cloud password policy: 8 to 256 characters from this set, with three of the four character kinds.
const allowed = /^[A-Za-z0-9@#$%^&*\-_!+=[\]{}|\\:',.?/`~"();<> ]*$/;
const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function meetsPasswordPolicy(password: string): boolean {
  if (password.length < 8 || password.length > 256 || !allowed.test(password)) return false;
  return kinds.filter((kind) => kind.test(password)).length >= 3;
}

export function assertPasswordPolicy(password: string): void {
  if (!meetsPasswordPolicy(password)) throw new PasswordComplexityError();
}
