import type { SynchronizationSchema } from '../../sync/schema/index.js';
import { findDirectory, findObjectDefinition } from '../../sync/schema/index.js';
import type { SourceAttribute } from './ldap-attributes.js';
import { isLdapObjectType, type LdapObjectType } from './ldap-object-types.js';

/** What an LDAP source reads, from a job's schema. */
export interface LdapSourceSchema {
  /** The mapped source object types with the source directory's attributes of each. */
  readonly types: ReadonlyMap<LdapObjectType, readonly SourceAttribute[]>;
  /** The rule's `containerFilter.includedContainers` and `groupFilter.includedGroups`. */
  readonly containers: readonly string[];
  readonly groups: readonly string[];
}

/**
 * The object types an LDAP source imports are the source object names of the rule's enabled object mappings
 * that name LDAP object types (`user`, `inetOrgPerson`, `group`, `contact`), each with the attributes of its
 * object definition in the source directory (extended by discover or a schema PUT, they flow as well).
 */
export function ldapSourceSchema(schema: SynchronizationSchema, ruleId: string): LdapSourceSchema {
  const rule = schema.synchronizationRules.find((candidate) => candidate.id === ruleId);
  const directory = rule ? findDirectory(schema, rule.sourceDirectoryName) : undefined;
  const types = new Map<LdapObjectType, readonly SourceAttribute[]>();
  for (const mapping of rule?.objectMappings ?? []) {
    const name = mapping.sourceObjectName;
    if (!mapping.enabled || !isLdapObjectType(name) || types.has(name)) continue;
    const definition = directory ? findObjectDefinition(directory, name) : undefined;
    types.set(name, Object.freeze((definition?.attributes ?? []).map(({ name: attribute, type, multivalued }) => Object.freeze({ name: attribute, type, multivalued }))));
  }
  return {
    types,
    containers: Object.freeze([...(rule?.containerFilter?.includedContainers ?? [])]),
    groups: Object.freeze([...(rule?.groupFilter?.includedGroups ?? [])]),
  };
}
