import { normalizeDn } from '../../connectors/ldap/index.js';
import type { LdapObjectType } from './ldap-object-types.js';

/** What a reference to a DN turns into: the object's anchor (its source id), type and scope. */
export interface KnownObject {
  readonly anchor: string;
  readonly type: LdapObjectType;
  readonly inScope: boolean;
}

/**
 * Distinguished names met in one cycle, by normal form: the objects read (a full import reads members before
 * the groups holding them, so most references are known), and the DNs looked up for references that were not
 * (`null`: no object of a provisioned type there). DNs change on rename and move, anchors do not; the index
 * lives as long as the cycle's source.
 */
export class DnIndex {
  readonly #byDn = new Map<string, KnownObject | null>();
  readonly #dnByAnchor = new Map<string, string>();

  remember(dn: string, object: KnownObject | null): void {
    const key = keyOf(dn);
    if (key === undefined) return;
    this.#byDn.set(key, object);
    if (object) this.#dnByAnchor.set(object.anchor, dn);
  }

  /** The object at a DN; null when there is none; undefined when the DN has not been met. */
  get(dn: string): KnownObject | null | undefined {
    const key = keyOf(dn);
    return key === undefined ? null : this.#byDn.get(key);
  }

  /** The DN an anchor was last seen at. */
  dnOf(anchor: string): string | undefined {
    return this.#dnByAnchor.get(anchor);
  }

  /** Of these DNs, those not met yet (each once), for one lookup. */
  unknown(dns: Iterable<string>): string[] {
    const pending = new Map<string, string>();
    for (const dn of dns) {
      const key = keyOf(dn);
      if (key !== undefined && !this.#byDn.has(key)) pending.set(key, dn);
    }
    return [...pending.values()];
  }
}

/** Unparseable DNs (never seen from a directory) are unknown objects. */
function keyOf(dn: string): string | undefined {
  try {
    return normalizeDn(dn);
  } catch {
    return undefined;
  }
}
