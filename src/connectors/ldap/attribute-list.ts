/**
 * The attribute list of a search: the caller's (all user attributes, `*`, when it names none) plus
 * `extra` attributes the reader needs, without duplicates (names compare case-insensitively).
 */
export function withAttributes(attributes: readonly string[], extra: readonly string[]): string[] {
  const base = attributes.length === 0 ? ['*'] : [...attributes];
  const present = new Set(base.map((a) => a.toLowerCase()));
  return [...base, ...extra.filter((a) => !present.has(a.toLowerCase()))];
}
