import type { DirectoryDefinition } from './directory-definition.js';
import { findAttributeDefinition, findDirectory, findObjectDefinition, listSourceAttributes } from './lookup.js';
import type { ObjectDefinition } from './object-definition.js';
import type { ObjectMapping } from './object-mapping.js';
import type { SynchronizationSchema } from './synchronization-schema.js';

export type SchemaInconsistencyCode =
  | 'DuplicateDirectoryName'
  | 'DuplicateDirectoryId'
  | 'DuplicateObjectName'
  | 'DuplicateAttributeName'
  | 'AnchorCount'
  | 'UnknownReferencedObject'
  | 'DuplicateRuleId'
  | 'UnknownDirectory'
  | 'UnknownObject'
  | 'UnknownTargetAttribute'
  | 'UnknownSourceAttribute'
  | 'DuplicateTargetAttribute'
  | 'DuplicateMatchingPriority'
  | 'MatchingWithoutSource'
  | 'UnknownScopeAttribute';

/** One structural problem of a schema: a stable code, a message for people, and where it is. */
export interface SchemaInconsistency {
  readonly code: SchemaInconsistencyCode;
  readonly message: string;
  /** JSON path, e.g. `synchronizationRules[0].objectMappings[1].attributeMappings[3]`. */
  readonly path: string;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function checkObject(directory: DirectoryDefinition, object: ObjectDefinition, path: string): SchemaInconsistency[] {
  const problems: SchemaInconsistency[] = [];
  for (const name of duplicates(object.attributes.map((attribute) => attribute.name))) {
    problems.push({ code: 'DuplicateAttributeName', message: `Object ${object.name} declares attribute ${name} more than once`, path });
  }
  const anchors = object.attributes.filter((attribute) => attribute.anchor).length;
  if (anchors !== 1) {
    problems.push({ code: 'AnchorCount', message: `Object ${object.name} has ${anchors} anchor attributes; exactly one is required`, path });
  }
  object.attributes.forEach((attribute, index) => {
    for (const reference of attribute.referencedObjects) {
      const name = reference.referencedObjectName;
      if (name !== null && findObjectDefinition(directory, name) === undefined) {
        problems.push({
          code: 'UnknownReferencedObject',
          message: `Attribute ${object.name}.${attribute.name} references ${name}, which directory ${directory.name} does not define`,
          path: `${path}.attributes[${index}]`,
        });
      }
    }
  });
  return problems;
}

function checkDirectories(schema: SynchronizationSchema): SchemaInconsistency[] {
  const problems: SchemaInconsistency[] = [];
  for (const name of duplicates(schema.directories.map((directory) => directory.name))) {
    problems.push({ code: 'DuplicateDirectoryName', message: `More than one directory is named ${name}`, path: 'directories' });
  }
  for (const id of duplicates(schema.directories.map((directory) => directory.id).filter((id) => id !== ''))) {
    problems.push({ code: 'DuplicateDirectoryId', message: `More than one directory has the id ${id}`, path: 'directories' });
  }
  schema.directories.forEach((directory, directoryIndex) => {
    const path = `directories[${directoryIndex}]`;
    for (const name of duplicates(directory.objects.map((object) => object.name))) {
      problems.push({ code: 'DuplicateObjectName', message: `Directory ${directory.name} defines object ${name} more than once`, path });
    }
    directory.objects.forEach((object, objectIndex) => problems.push(...checkObject(directory, object, `${path}.objects[${objectIndex}]`)));
  });
  return problems;
}

function checkObjectMapping(
  mapping: ObjectMapping,
  sourceObject: ObjectDefinition | undefined,
  targetObject: ObjectDefinition | undefined,
  path: string,
): SchemaInconsistency[] {
  const problems: SchemaInconsistency[] = [];
  const where = `object mapping '${mapping.name}'`;
  for (const name of duplicates(mapping.attributeMappings.map((attributeMapping) => attributeMapping.targetAttributeName))) {
    problems.push({
      code: 'DuplicateTargetAttribute',
      message: `Conflict: target attribute ${name} is mapped more than once in ${where}`,
      path: `${path}.attributeMappings`,
    });
  }
  const priorities = mapping.attributeMappings.map((attributeMapping) => attributeMapping.matchingPriority).filter((priority) => priority > 0);
  for (const priority of duplicates(priorities.map(String))) {
    problems.push({ code: 'DuplicateMatchingPriority', message: `Two matching attributes share priority ${priority} in ${where}`, path });
  }
  mapping.attributeMappings.forEach((attributeMapping, index) => {
    const mappingPath = `${path}.attributeMappings[${index}]`;
    const target = attributeMapping.targetAttributeName;
    if (targetObject !== undefined && findAttributeDefinition(targetObject, target) === undefined) {
      problems.push({ code: 'UnknownTargetAttribute', message: `Target object ${targetObject.name} has no attribute ${target} (${where})`, path: mappingPath });
    }
    if (attributeMapping.matchingPriority > 0 && attributeMapping.source === null) {
      problems.push({ code: 'MatchingWithoutSource', message: `Matching attribute ${target} has no source (${where})`, path: mappingPath });
    }
    if (sourceObject === undefined) return;
    for (const name of listSourceAttributes(attributeMapping.source)) {
      if (findAttributeDefinition(sourceObject, name) === undefined) {
        problems.push({ code: 'UnknownSourceAttribute', message: `Source object ${sourceObject.name} has no attribute ${name} (${where})`, path: mappingPath });
      }
    }
  });
  const groups = mapping.scope === null ? [] : [...mapping.scope.groups, ...mapping.scope.inputFilterGroups, ...mapping.scope.categoryFilterGroups];
  for (const clause of groups.flatMap((group) => group.clauses)) {
    if (sourceObject !== undefined && findAttributeDefinition(sourceObject, clause.sourceOperandName) === undefined) {
      problems.push({
        code: 'UnknownScopeAttribute',
        message: `Scoping filter of ${where} uses ${clause.sourceOperandName}, which source object ${sourceObject.name} does not have`,
        path: `${path}.scope`,
      });
    }
  }
  return problems;
}

function checkRules(schema: SynchronizationSchema): SchemaInconsistency[] {
  const problems: SchemaInconsistency[] = [];
  for (const id of duplicates(schema.synchronizationRules.map((rule) => rule.id).filter((id) => id !== ''))) {
    problems.push({ code: 'DuplicateRuleId', message: `More than one synchronization rule has the id ${id}`, path: 'synchronizationRules' });
  }
  schema.synchronizationRules.forEach((rule, ruleIndex) => {
    const path = `synchronizationRules[${ruleIndex}]`;
    const sourceDirectory = findDirectory(schema, rule.sourceDirectoryName);
    const targetDirectory = findDirectory(schema, rule.targetDirectoryName);
    for (const [name, found] of [
      [rule.sourceDirectoryName, sourceDirectory],
      [rule.targetDirectoryName, targetDirectory],
    ] as const) {
      if (found === undefined) problems.push({ code: 'UnknownDirectory', message: `Rule ${rule.name ?? rule.id} names directory ${name}, which the schema does not define`, path });
    }
    rule.objectMappings.forEach((mapping, mappingIndex) => {
      const mappingPath = `${path}.objectMappings[${mappingIndex}]`;
      const sourceObject = sourceDirectory === undefined ? undefined : findObjectDefinition(sourceDirectory, mapping.sourceObjectName);
      const targetObject = targetDirectory === undefined ? undefined : findObjectDefinition(targetDirectory, mapping.targetObjectName);
      if (sourceDirectory !== undefined && sourceObject === undefined) {
        problems.push({ code: 'UnknownObject', message: `Directory ${sourceDirectory.name} has no object ${mapping.sourceObjectName}`, path: mappingPath });
      }
      if (targetDirectory !== undefined && targetObject === undefined) {
        problems.push({ code: 'UnknownObject', message: `Directory ${targetDirectory.name} has no object ${mapping.targetObjectName}`, path: mappingPath });
      }
      problems.push(...checkObjectMapping(mapping, sourceObject, targetObject, mappingPath));
    });
  });
  return problems;
}

/**
 * Structural checks of a schema against its own directory definitions: names and ids unique, one
 * anchor per object, references resolvable, every mapped target attribute declared on the target
 * object and mapped once, every attribute a source expression reads declared on the source object,
 * matching priorities distinct, scoping filters on known attributes. Expression syntax and filter
 * operator names are the expression engine's to check.
 */
export function findSchemaInconsistencies(schema: SynchronizationSchema): SchemaInconsistency[] {
  return [...checkDirectories(schema), ...checkRules(schema)];
}
