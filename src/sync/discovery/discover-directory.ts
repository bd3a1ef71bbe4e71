import { runtimeOf } from '../jobs/job-service.js';
import { newSchemaVersion } from '../schema-update.js';
import {
  findAttributeDefinition,
  findObjectDefinition,
  listSourceAttributes,
  type DirectoryDefinition,
  type ObjectDefinition,
  type SynchronizationSchema,
} from '../schema/index.js';
import type { SecretValues } from '../secrets/secret-store.js';
import type { ConnectorKind } from '../templates/index.js';
import { readLdapSchemaForDiscovery, readScimSchemasForDiscovery } from './directory-schema-readers.js';
import { ldapDirectoryDefinition } from './ldap-directory-definition.js';
import { scimDirectoryDefinition } from './scim-directory-definition.js';

/** The schema of a directory's system, read once; it turns a stored definition of the directory into the discovered one. */
export type SystemSchema = (stored: DirectoryDefinition) => DirectoryDefinition;

export interface Discovery {
  /** What the directory's system has: the discover response. */
  readonly discovered: DirectoryDefinition;
  /**
   * What the job schema keeps: the discovered definition plus the stored objects and attributes the job's
   * mappings and scoping filters use but the system lacks, so that the schema stays consistent (a later save
   * would otherwise be refused for them).
   */
  readonly persisted: DirectoryDefinition;
}

/**
 * Reads the schema of the system behind the directory — an Active Directory or LDAP server (its subschema) or
 * a SCIM service (`/Schemas`), connected with the job's secrets. Directories Provisio itself is (its
 * directory) or that have no system to read (API-driven inbound, vendor APIs) keep their definition; only the
 * discovery time changes.
 */
export async function readSystemSchema(secrets: SecretValues, templateId: string, schema: SynchronizationSchema, directoryName: string): Promise<SystemSchema> {
  switch (systemOf(templateId, schema, directoryName)) {
    case 'ldap': {
      const live = await readLdapSchemaForDiscovery(secrets);
      return (stored) => ldapDirectoryDefinition(live, stored);
    }
    case 'scim': {
      const live = await readScimSchemasForDiscovery(secrets);
      return (stored) => scimDirectoryDefinition(live, stored);
    }
    default:
      return (stored) => stored;
  }
}

/** The discovery of the directory `stored`, part of `schema`, from its system's schema. */
export function applyDiscovery(system: SystemSchema, stored: DirectoryDefinition, schema: SynchronizationSchema, now: Date): Discovery {
  const discovered = { ...system(stored), discoveryDateTime: now.toISOString(), version: newSchemaVersion() };
  return { discovered, persisted: withUsedDefinitions(discovered, stored, schema) };
}

/** Which connector kind the directory is: the source or the target of the template's rules. */
function systemOf(templateId: string, schema: SynchronizationSchema, name: string): ConnectorKind | undefined {
  const runtime = runtimeOf(templateId);
  for (const rule of schema.synchronizationRules) {
    if (rule.sourceDirectoryName === name) return runtime.source;
    if (rule.targetDirectoryName === name) return runtime.target;
  }
  return undefined;
}

function withUsedDefinitions(discovered: DirectoryDefinition, stored: DirectoryDefinition, schema: SynchronizationSchema): DirectoryDefinition {
  const used = usedAttributes(schema, stored.name);
  const objects: ObjectDefinition[] = [...discovered.objects];
  for (const [objectName, attributeNames] of used) {
    const storedObject = findObjectDefinition(stored, objectName);
    if (storedObject === undefined) continue;
    const index = objects.findIndex((object) => object.name.toLowerCase() === objectName.toLowerCase());
    if (index < 0) {
      objects.push(storedObject);
      continue;
    }
    const object = objects[index] as ObjectDefinition;
    const missing = [...attributeNames].flatMap((name) => {
      const definition = findAttributeDefinition(object, name) ? undefined : findAttributeDefinition(storedObject, name);
      return definition === undefined ? [] : [definition];
    });
    if (missing.length > 0) objects[index] = { ...object, attributes: [...object.attributes, ...missing] };
  }
  return { ...discovered, objects };
}

/** Per object of the directory, the attributes the schema's mappings and scoping filters name. */
function usedAttributes(schema: SynchronizationSchema, directoryName: string): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const add = (objectName: string, names: Iterable<string>) => {
    const set = used.get(objectName) ?? new Set<string>();
    for (const name of names) set.add(name);
    used.set(objectName, set);
  };
  for (const rule of schema.synchronizationRules) {
    for (const mapping of rule.objectMappings) {
      if (rule.sourceDirectoryName === directoryName) {
        add(mapping.sourceObjectName, mapping.attributeMappings.flatMap((m) => listSourceAttributes(m.source)));
        const groups = mapping.scope === null ? [] : [...mapping.scope.groups, ...mapping.scope.inputFilterGroups, ...mapping.scope.categoryFilterGroups];
        add(mapping.sourceObjectName, groups.flatMap((group) => group.clauses.map((clause) => clause.sourceOperandName)));
      }
      if (rule.targetDirectoryName === directoryName) add(mapping.targetObjectName, mapping.attributeMappings.map((m) => m.targetAttributeName));
    }
  }
  return used;
}
