import { credentialDataMatches, CredentialDataFormatError, credentialDataScheme, deriveCredentialData } from '../../auth/credential-data.js';
import type { PasswordHashChange } from '../../connectors/ad-password-hashes/index.js';
import type { SyncedUserCredential } from '../../directory/users/synced-user-credentials.js';

/** What to do with one password hash read from AD. */
export type CredentialPlan =
  /** Store this CredentialData (derived with a fresh salt). */
  | { readonly kind: 'set'; readonly credential: string; readonly replaces: boolean }
  /** The account has no password: remove the user's credential. */
  | { readonly kind: 'remove' }
  /** "Must change password at next logon": the hash is withheld until the user changes it (engine-behavior §5.4). */
  | { readonly kind: 'withhold' }
  /** The stored credential already comes from this hash (a full read meeting unchanged passwords). */
  | { readonly kind: 'unchanged' }
  /** No directory user has this account's source anchor yet: retried once it exists. */
  | { readonly kind: 'missing' }
  /** A user has the anchor but is not synchronized from on-premises: left alone, retried once it is. */
  | { readonly kind: 'notSynchronized' };

const credentialPrefix = `${credentialDataScheme}$`;

/**
 * Decides what one change does to its user and derives the CredentialData when one is to be stored. The NT
 * hash is zeroed before this returns, whatever the plan: nothing after this step needs it.
 * `full`: the read returned every account, not just changed passwords, so a credential already derived from
 * the same hash is left as it is (no write, no log record).
 */
export function planCredential(change: PasswordHashChange, user: SyncedUserCredential | undefined, full: boolean): CredentialPlan {
  try {
    if (!user) return { kind: 'missing' };
    if (!user.onPremisesSyncEnabled) return { kind: 'notSynchronized' };
    if (change.pwdLastSet === null) return { kind: 'withhold' };
    if (change.ntHash === null) return user.passwordHash === null ? { kind: 'unchanged' } : { kind: 'remove' };
    const stored = user.passwordHash;
    if (full && stored !== null && derivedFrom(change.ntHash, stored)) return { kind: 'unchanged' };
    return { kind: 'set', credential: deriveCredentialData(change.ntHash), replaces: stored !== null };
  } finally {
    change.ntHash?.fill(0);
  }
}

/** A damaged stored value is simply replaced; a passwordProfile hash is another scheme and never matches. */
function derivedFrom(ntHash: Buffer, stored: string): boolean {
  if (!stored.startsWith(credentialPrefix)) return false;
  try {
    return credentialDataMatches(ntHash, stored);
  } catch (error) {
    if (error instanceof CredentialDataFormatError) return false;
    throw error;
  }
}
