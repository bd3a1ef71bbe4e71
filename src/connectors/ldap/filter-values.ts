/** Escapes a value for an RFC 4515 filter: text (`*`, `(`, `)`, `\`, NUL escaped) or raw bytes (every byte escaped). */
export function escapeFilterValue(value: string | Uint8Array): string {
  if (typeof value !== 'string') return [...value].map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');
  return value.replace(/[*()\\\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `(|(attr=v1)(attr=v2)...)`; a single value without the `|`. */
export function anyOfFilter(attribute: string, values: readonly (string | Uint8Array)[]): string {
  const terms = values.map((v) => `(${attribute}=${escapeFilterValue(v)})`);
  return terms.length === 1 ? (terms[0] as string) : `(|${terms.join('')})`;
}

/** Wraps a caller's filter so it can be combined: `objectClass=user` → `(objectClass=user)`. */
export function parenthesized(filter: string): string {
  const trimmed = filter.trim();
  return trimmed.startsWith('(') ? trimmed : `(${trimmed})`;
}
