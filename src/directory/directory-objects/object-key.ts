import { InvalidObjectIdentifierError } from '../directory-errors.js';
import { isGuid } from '../guid.js';

/** A GUID key from a path or reference, lower-cased as the store keeps ids; anything else is Graph's 400. */
export function requireObjectId(value: string): string {
  if (!isGuid(value)) throw new InvalidObjectIdentifierError(value);
  return value.toLowerCase();
}
