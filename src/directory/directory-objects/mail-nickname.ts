/**
 * Graph's rule for `mailNickname` (users and groups): printable ASCII without spaces and without
 * `@ ( ) \ [ ] " ; : < > ,`.
 */
export function isValidMailNickname(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(value) && !/[@()\\[\]";:<>,]/.test(value);
}
