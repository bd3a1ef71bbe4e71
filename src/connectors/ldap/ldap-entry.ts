import type { Entry } from 'ldapts';
import { isBinaryAttribute } from './binary-attributes.js';

/** An attribute's values: text, or bytes for binary attributes (never mixed). */
export type LdapValues = readonly string[] | readonly Buffer[];

interface StoredAttribute {
  readonly name: string;
  readonly values: LdapValues;
}

/**
 * One directory entry as read: its DN and attributes, looked up case-insensitively (`objectguid` finds
 * `objectGUID`). Attributes with no values are not kept. Immutable: `with` returns a new entry.
 */
export class LdapEntry {
  readonly dn: string;
  readonly objectClass: readonly string[];
  readonly #attributes: ReadonlyMap<string, StoredAttribute>;

  constructor(dn: string, attributes: Iterable<readonly [string, LdapValues]>) {
    const map = new Map<string, StoredAttribute>();
    for (const [name, values] of attributes) {
      if (values.length === 0) continue;
      map.set(name.toLowerCase(), Object.freeze({ name, values: Object.freeze([...values]) as LdapValues }));
    }
    this.dn = dn;
    this.#attributes = map;
    this.objectClass = Object.freeze(this.strings('objectClass'));
    Object.freeze(this);
  }

  /** Attribute names as the server spelled them. */
  get attributeNames(): readonly string[] {
    return [...this.#attributes.values()].map((a) => a.name);
  }

  has(name: string): boolean {
    return this.#attributes.has(name.toLowerCase());
  }

  get(name: string): LdapValues | undefined {
    return this.#attributes.get(name.toLowerCase())?.values;
  }

  /** Values as text; binary values are decoded as UTF-8. Empty when absent. */
  strings(name: string): string[] {
    return [...(this.get(name) ?? [])].map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
  }

  /** The first value as text. */
  text(name: string): string | undefined {
    return this.strings(name)[0];
  }

  /** Values as bytes; text values are encoded as UTF-8. Empty when absent. */
  buffers(name: string): Buffer[] {
    return [...(this.get(name) ?? [])].map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v));
  }

  buffer(name: string): Buffer | undefined {
    return this.buffers(name)[0];
  }

  hasObjectClass(name: string): boolean {
    const wanted = name.toLowerCase();
    return this.objectClass.some((c) => c.toLowerCase() === wanted);
  }

  /** A copy with `name` set to `values` (removed when empty), keeping the spelling of an existing name. */
  with(name: string, values: LdapValues): LdapEntry {
    const existing = this.#attributes.get(name.toLowerCase());
    const rest = [...this.#attributes.values()].filter((a) => a.name.toLowerCase() !== name.toLowerCase());
    return new LdapEntry(this.dn, [...rest.map((a) => [a.name, a.values] as const), [existing?.name ?? name, values]]);
  }

  /** A copy without `name`. */
  without(name: string): LdapEntry {
    return new LdapEntry(
      this.dn,
      [...this.#attributes.values()].filter((a) => a.name.toLowerCase() !== name.toLowerCase()).map((a) => [a.name, a.values] as const),
    );
  }

  /** For logs and snapshots: binary values as base64. */
  toJSON(): { dn: string; attributes: Record<string, string[]> } {
    const attributes: Record<string, string[]> = {};
    for (const { name, values } of this.#attributes.values()) {
      attributes[name] = [...values].map((v) => (typeof v === 'string' ? v : v.toString('base64')));
    }
    return { dn: this.dn, attributes };
  }
}

/** Values as one kind: all text, or all bytes when any value is bytes (text encoded as UTF-8). */
export function uniformValues(values: readonly (string | Buffer)[], asBytes = false): LdapValues {
  if (!asBytes && values.every((v) => typeof v === 'string')) return values as readonly string[];
  return values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v));
}

/**
 * Converts an ldapts entry: single values become arrays, the empty placeholders ldapts adds for requested
 * but absent attributes are dropped, and binary attributes (or any attribute with a non-UTF-8 value)
 * become Buffer arrays.
 */
export function entryFromLdapts(raw: Entry, binary: ReadonlySet<string>): LdapEntry {
  const attributes: [string, LdapValues][] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'dn') continue;
    const values = (Array.isArray(value) ? value : [value]) as (string | Buffer)[];
    if (values.length === 0) continue;
    attributes.push([name, uniformValues(values, isBinaryAttribute(name, binary))]);
  }
  return new LdapEntry(raw.dn, attributes);
}
