import type { LdapEntry } from '../../connectors/ldap/index.js';

/**
 * The source object types of cloud sync's Active Directory schema (src/sync/templates/directories/
 * active-directory.ts) and the LDAP object classes behind them. On AD an inetOrgPerson is also a user and a
 * computer is a user too, so the order of the checks matters; OpenLDAP's people are inetOrgPersons and its
 * groups groupOfNames or groupOfUniqueNames.
 */
export type LdapObjectType = 'user' | 'inetOrgPerson' | 'group' | 'contact';

const groupClasses = ['group', 'groupOfNames', 'groupOfUniqueNames'];

const typeFilters: Readonly<Record<LdapObjectType, string>> = {
  user: '(&(objectClass=user)(!(objectClass=computer))(!(objectClass=inetOrgPerson)))',
  inetOrgPerson: '(objectClass=inetOrgPerson)',
  group: `(|${groupClasses.map((name) => `(objectClass=${name})`).join('')})`,
  contact: '(objectClass=contact)',
};

export function isLdapObjectType(name: string): name is LdapObjectType {
  return name in typeFilters;
}

/** The LDAP filter selecting the entries of one type. */
export function objectTypeFilter(type: LdapObjectType): string {
  return typeFilters[type];
}

/** `(|…)` of the types' filters. */
export function objectTypesFilter(types: readonly LdapObjectType[]): string {
  const filters = types.map(objectTypeFilter);
  return filters.length === 1 ? (filters[0] as string) : `(|${filters.join('')})`;
}

/** The type of an entry, by its object classes; undefined for anything else (computers, OUs, …). */
export function objectTypeOf(entry: LdapEntry): LdapObjectType | undefined {
  if (entry.hasObjectClass('computer')) return undefined;
  if (entry.hasObjectClass('inetOrgPerson')) return 'inetOrgPerson';
  if (entry.hasObjectClass('user')) return 'user';
  if (groupClasses.some((name) => entry.hasObjectClass(name))) return 'group';
  if (entry.hasObjectClass('contact')) return 'contact';
  return undefined;
}
