import { generalizedTimeToIso, isAccountEnabled, parentDn, parseGuid, type LdapEntry } from '../../connectors/ldap/index.js';
import type { AttributeType } from '../../sync/schema/index.js';
import type { DirectoryFlavor } from './ldap-scope.js';

/** A source attribute as the job's schema defines it (the `Active Directory` directory definition). */
export interface SourceAttribute {
  readonly name: string;
  readonly type: AttributeType;
  readonly multivalued: boolean;
}

/**
 * OpenLDAP's names for attributes the AD schema names otherwise, first present wins (inetOrgPerson shares most
 * names with AD: cn, sn, givenName, mail, telephoneNumber, title, l, st, postalCode, manager, member…). Groups
 * have no uid: their account name is their cn.
 */
const openLdapNames: Readonly<Record<string, readonly string[]>> = {
  samaccountname: ['uid', 'cn'],
  company: ['o'],
  streetaddress: ['street'],
  member: ['uniqueMember'],
};

/** Attributes the schema defines that no directory stores: computed here, or not read by this source. */
const computed = new Set(['distinguishedname', 'parentdistinguishedname', 'accountdisabled', 'passwordhash']);

/** The LDAP attributes to ask for so that `entryAttributes` can fill the schema's attributes. */
export function ldapAttributeNames(attributes: readonly SourceAttribute[], flavor: DirectoryFlavor): string[] {
  const names = new Map<string, string>();
  const add = (name: string): void => {
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  };
  for (const { name } of attributes) {
    const lower = name.toLowerCase();
    if (lower === 'accountdisabled') add('userAccountControl');
    if (computed.has(lower)) continue;
    if (flavor === 'openLdap' && lower === 'objectguid') add('entryUUID');
    else add(name);
    if (flavor === 'openLdap') for (const alias of openLdapNames[lower] ?? []) add(alias);
  }
  return [...names.values()];
}

/** The DNs a reference attribute holds (OpenLDAP's uniqueMember may carry a `#'…'B` unique id suffix). */
export function referencedDns(entry: LdapEntry, name: string, flavor: DirectoryFlavor): string[] {
  const values = raw(entry, name, flavor);
  return values === undefined ? [] : [...values].map((value) => String(value).replace(/#'[01]*'B$/, ''));
}

/**
 * An entry's attributes keyed by the schema's names, as expressions read them: Binary attributes as bytes
 * (objectGUID, objectSid, ms-DS-ConsistencyGuid — exported as base64; `StringFromSid` turns a SID into
 * `S-1-5-…`), Integer as numbers (bigint beyond 2^53), Boolean as booleans, references as source ids
 * (`resolve` maps a DN to one, undefined when the object is not provisioned by the job). OpenLDAP entries get
 * the AD names: `objectGUID` holds the entryUUID's 16 bytes (in AD's byte order, so that the GUID text is the
 * entryUUID), `sAMAccountName` the uid. `distinguishedName`, `parentDistinguishedName` and `accountDisabled`
 * are computed. Attributes without values are absent.
 */
export function entryAttributes(
  entry: LdapEntry,
  attributes: readonly SourceAttribute[],
  flavor: DirectoryFlavor,
  resolve: (dn: string) => string | undefined,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const value = attributeValue(entry, attribute, flavor, resolve);
    if (value !== undefined) result[attribute.name] = value;
  }
  return result;
}

function attributeValue(entry: LdapEntry, attribute: SourceAttribute, flavor: DirectoryFlavor, resolve: (dn: string) => string | undefined): unknown {
  const { name, type, multivalued } = attribute;
  switch (name.toLowerCase()) {
    case 'distinguishedname':
      return entry.dn;
    case 'parentdistinguishedname':
      return parentDn(entry.dn);
    case 'accountdisabled': {
      const control = entry.text('userAccountControl');
      try {
        return control === undefined ? undefined : !isAccountEnabled(control);
      } catch {
        return undefined;
      }
    }
    case 'passwordhash':
      return undefined;
    case 'objectguid':
      if (flavor === 'openLdap') {
        const uuid = entry.text('entryUUID');
        return uuid === undefined ? undefined : parseGuid(uuid);
      }
      break;
    default:
      break;
  }
  if (type === 'Reference') {
    const ids = referencedDns(entry, name, flavor).flatMap((dn) => resolve(dn) ?? []);
    return multivalued ? (ids.length === 0 ? undefined : ids) : ids[0];
  }
  const values = raw(entry, name, flavor);
  if (values === undefined) return undefined;
  const converted = [...values].map((value) => convert(value, type));
  return multivalued ? converted : converted[0];
}

function raw(entry: LdapEntry, name: string, flavor: DirectoryFlavor): readonly (string | Buffer)[] | undefined {
  const direct = entry.get(name);
  if (direct !== undefined || flavor !== 'openLdap') return direct;
  for (const alias of openLdapNames[name.toLowerCase()] ?? []) {
    const values = entry.get(alias);
    if (values !== undefined) return values;
  }
  return undefined;
}

function convert(value: string | Buffer, type: AttributeType): unknown {
  if (type === 'Binary') return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const text = typeof value === 'string' ? value : value.toString('utf8');
  switch (type) {
    case 'Integer': {
      if (!/^-?\d+$/.test(text.trim())) return text;
      const number = Number(text);
      return Number.isSafeInteger(number) ? number : BigInt(text.trim());
    }
    case 'Boolean':
      return text.toUpperCase() === 'TRUE' ? true : text.toUpperCase() === 'FALSE' ? false : text;
    case 'DateTime':
      try {
        return new Date(generalizedTimeToIso(text));
      } catch {
        return text;
      }
    default:
      return text;
  }
}
