import { Attribute, Change } from 'ldapts';

export type LdapValueInput = string | Buffer;

/** Attributes of a new entry: one value or several per attribute. */
export type LdapAttributesInput = Readonly<Record<string, LdapValueInput | readonly LdapValueInput[]>>;

/**
 * One change of a modify request (RFC 4511 §4.6). `replace` with no values clears the attribute;
 * `delete` with no values removes the whole attribute, with values only those values.
 */
export interface LdapModification {
  readonly operation: 'add' | 'delete' | 'replace';
  readonly attribute: string;
  readonly values: readonly LdapValueInput[];
}

/** ldapts wants an attribute's values all text or all bytes; mixed lists become bytes. */
export function toLdaptsAttribute(type: string, values: readonly LdapValueInput[]): Attribute {
  const uniform = values.every((v) => typeof v === 'string')
    ? [...(values as readonly string[])]
    : values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v));
  return new Attribute({ type, values: uniform });
}

export function toLdaptsChange(modification: LdapModification): Change {
  return new Change({ operation: modification.operation, modification: toLdaptsAttribute(modification.attribute, modification.values) });
}

export function toLdaptsAttributes(attributes: LdapAttributesInput): Attribute[] {
  return Object.entries(attributes).map(([type, value]) =>
    toLdaptsAttribute(type, Array.isArray(value) ? (value as readonly LdapValueInput[]) : [value as LdapValueInput]),
  );
}
