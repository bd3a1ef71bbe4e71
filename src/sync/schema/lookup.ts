import type { AttributeDefinition } from './attribute-definition.js';
import type { AttributeMapping } from './attribute-mapping.js';
import type { AttributeMappingSource } from './attribute-mapping-source.js';
import type { DirectoryDefinition } from './directory-definition.js';
import type { ObjectDefinition } from './object-definition.js';
import type { ObjectMapping } from './object-mapping.js';
import type { SynchronizationRule } from './synchronization-rule.js';
import type { SynchronizationSchema } from './synchronization-schema.js';

/**
 * Exact match first, then case-insensitive: names are case-sensitive on the wire, but people write
 * them as they read them (seed 001 calls the mapping "Provision Active Directory Users" while the
 * schema says "users").
 */
function byName<T>(items: readonly T[], nameOf: (item: T) => string | null, name: string): T | undefined {
  const exact = items.find((item) => nameOf(item) === name);
  if (exact !== undefined) return exact;
  const wanted = name.toLowerCase();
  return items.find((item) => nameOf(item)?.toLowerCase() === wanted);
}

export function findDirectory(schema: SynchronizationSchema, name: string): DirectoryDefinition | undefined {
  return byName(schema.directories, (directory) => directory.name, name);
}

export function findObjectDefinition(directory: DirectoryDefinition, name: string): ObjectDefinition | undefined {
  return byName(directory.objects, (object) => object.name, name);
}

export function findAttributeDefinition(object: ObjectDefinition, name: string): AttributeDefinition | undefined {
  return byName(object.attributes, (attribute) => attribute.name, name);
}

export function findSynchronizationRule(schema: SynchronizationSchema, id: string): SynchronizationRule | undefined {
  return schema.synchronizationRules.find((rule) => rule.id === id);
}

export interface ObjectMappingLocation {
  readonly rule: SynchronizationRule;
  readonly ruleIndex: number;
  readonly objectMapping: ObjectMapping;
  readonly objectMappingIndex: number;
}

/** Every object mapping of every rule, with where it sits (for immutable edits). */
export function listObjectMappings(schema: SynchronizationSchema): ObjectMappingLocation[] {
  return schema.synchronizationRules.flatMap((rule, ruleIndex) =>
    rule.objectMappings.map((objectMapping, objectMappingIndex) => ({ rule, ruleIndex, objectMapping, objectMappingIndex })),
  );
}

/** The object mapping with this name in any rule, e.g. "Provision Active Directory users". */
export function findObjectMapping(schema: SynchronizationSchema, name: string): ObjectMappingLocation | undefined {
  return byName(listObjectMappings(schema), (location) => location.objectMapping.name, name);
}

/** Target attribute names are compared exactly: a mapping is identified by the attribute it writes. */
export function findAttributeMapping(objectMapping: ObjectMapping, targetAttributeName: string): AttributeMapping | undefined {
  return objectMapping.attributeMappings.find((mapping) => mapping.targetAttributeName === targetAttributeName);
}

/** The target attributes an object mapping writes, each once, in mapping order. */
export function listMappedTargetAttributes(objectMapping: ObjectMapping): string[] {
  return [...new Set(objectMapping.attributeMappings.map((mapping) => mapping.targetAttributeName))];
}

/** Mappings used to match objects, in the order the engine tries them (lowest priority first). */
export function listMatchingAttributeMappings(objectMapping: ObjectMapping): AttributeMapping[] {
  return objectMapping.attributeMappings
    .filter((mapping) => mapping.matchingPriority > 0)
    .sort((a, b) => a.matchingPriority - b.matchingPriority);
}

/** Every source attribute a mapping source reads, each once, in the order they appear. */
export function listSourceAttributes(source: AttributeMappingSource | null): string[] {
  const names = new Set<string>();
  const visit = (node: AttributeMappingSource): void => {
    if (node.type === 'Attribute' && node.name !== null) names.add(node.name);
    for (const parameter of node.parameters) visit(parameter.value);
  };
  if (source !== null) visit(source);
  return [...names];
}
