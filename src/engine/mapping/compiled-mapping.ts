import {
  compileExpression,
  compileScopingFilter,
  fromAttributeMappingSource,
  type CompiledExpression,
  type Dialect,
  type GraphFilter,
  type ScopingFilterPredicate,
} from '../../expressions/index.js';
import {
  findAttributeDefinition,
  findDirectory,
  findObjectDefinition,
  listMatchingAttributeMappings,
  objectFlowTypeMembers,
  parseFlags,
  type AttributeFlowBehavior,
  type AttributeFlowType,
  type AttributeMapping,
  type ObjectMapping,
  type SynchronizationSchema,
} from '../../sync/schema/index.js';

/** One attribute mapping, compiled once per schema version. */
export interface CompiledAttributeMapping {
  readonly targetPath: string;
  /** null for a "None" mapping that only supplies its default to new objects. */
  readonly expression: CompiledExpression | null;
  readonly defaultValue: string | null;
  readonly flowType: AttributeFlowType;
  readonly flowBehavior: AttributeFlowBehavior;
  readonly matchingPriority: number;
  /** The target attribute is a reference (`manager`: single, `members`: multi), resolved to target ids. */
  readonly reference: 'single' | 'multi' | null;
  /** The mapping reads IsSoftDeleted: it is how objects are disabled (engine-behavior §1.9). */
  readonly softDeletion: boolean;
  /** The mapping uses Redact: logs show "[Redact]". */
  readonly redacts: boolean;
}

/** One enabled object mapping, ready for cycles. */
export interface CompiledObjectMapping {
  readonly name: string;
  readonly sourceObjectName: string;
  readonly targetObjectName: string;
  /** Target object actions: which of create, update and delete the mapping allows. */
  readonly actions: { readonly add: boolean; readonly update: boolean; readonly delete: boolean };
  readonly scope: ScopingFilterPredicate;
  /** Value attributes (everything but references), in mapping order. */
  readonly attributes: readonly CompiledAttributeMapping[];
  readonly references: readonly CompiledAttributeMapping[];
  /** Matching attributes, lowest matchingPriority first. */
  readonly matching: readonly CompiledAttributeMapping[];
  /** The target can disable objects (IsSoftDeletionSupported): out-of-scope objects are disabled, not deleted. */
  readonly softDeletionSupported: boolean;
  /** Some mapping reads IsSoftDeleted (without one, nothing disables objects). */
  readonly hasSoftDeletionMapping: boolean;
  /** `synchronizedEntryCountByType` key, e.g. `User to User`. */
  readonly entryLabel: string;
}

export interface CompiledSchema {
  readonly version: string;
  readonly ruleId: string;
  readonly sourceDirectoryName: string;
  readonly targetDirectoryName: string;
  /** Per source object name: the first enabled object mapping of the highest-priority rule that maps it. */
  readonly objectMappings: ReadonlyMap<string, CompiledObjectMapping>;
}

export class MappingCompilationError extends Error {
  readonly code = 'InvalidSchema';
}

const cache = new Map<string, CompiledSchema>();
const cacheLimit = 64;

/**
 * The job's schema compiled for cycles. Expressions and scoping filters compile once per schema version
 * (the cache key); a schema that no longer compiles (it was validated when saved) is a MappingCompilationError.
 */
export function compileSchema(jobId: string, schema: SynchronizationSchema, dialect: Dialect): CompiledSchema {
  const version = schema.version ?? '';
  const key = `${jobId}|${version}|${dialect}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const compiled = compile(schema, version, dialect);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

function compile(schema: SynchronizationSchema, version: string, dialect: Dialect): CompiledSchema {
  const rules = [...schema.synchronizationRules].sort((a, b) => a.priority - b.priority);
  const rule = rules[0];
  if (!rule) throw new MappingCompilationError('The job schema has no synchronization rule.');
  const objectMappings = new Map<string, CompiledObjectMapping>();
  for (const objectMapping of rule.objectMappings) {
    if (!objectMapping.enabled || objectMappings.has(objectMapping.sourceObjectName)) continue;
    objectMappings.set(objectMapping.sourceObjectName, compileObjectMapping(schema, rule.targetDirectoryName, objectMapping, dialect));
  }
  return Object.freeze({
    version,
    ruleId: rule.id,
    sourceDirectoryName: rule.sourceDirectoryName,
    targetDirectoryName: rule.targetDirectoryName,
    objectMappings,
  });
}

function compileObjectMapping(schema: SynchronizationSchema, targetDirectoryName: string, objectMapping: ObjectMapping, dialect: Dialect): CompiledObjectMapping {
  const targetDirectory = findDirectory(schema, targetDirectoryName);
  const targetObject = targetDirectory ? findObjectDefinition(targetDirectory, objectMapping.targetObjectName) : undefined;
  const referenceKind = (path: string): 'single' | 'multi' | null => {
    const definition = targetObject ? findAttributeDefinition(targetObject, path) : undefined;
    if (definition) return definition.type === 'Reference' ? (definition.multivalued ? 'multi' : 'single') : null;
    if (/(^|:)manager$/i.test(path)) return 'single';
    return path.toLowerCase() === 'members' ? 'multi' : null;
  };
  const compileOne = (mapping: AttributeMapping): CompiledAttributeMapping => {
    let expression: CompiledExpression | null = null;
    if (mapping.source !== null) {
      try {
        expression = compileExpression(fromAttributeMappingSource(mapping.source), { dialect });
      } catch (error) {
        throw new MappingCompilationError(
          `The mapping to '${mapping.targetAttributeName}' in '${objectMapping.name}' does not compile: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    }
    return Object.freeze({
      targetPath: mapping.targetAttributeName,
      expression,
      defaultValue: mapping.defaultValue,
      flowType: mapping.flowType,
      flowBehavior: mapping.flowBehavior,
      matchingPriority: mapping.matchingPriority,
      reference: referenceKind(mapping.targetAttributeName),
      softDeletion: expression?.referencedAttributes.some((name) => name.toLowerCase() === 'issoftdeleted') ?? false,
      redacts: expression?.redactsOutput ?? false,
    });
  };
  const all = objectMapping.attributeMappings.map(compileOne);
  const byPath = new Map(all.map((mapping) => [mapping.targetPath, mapping]));
  const flows = new Set(parseFlags(objectFlowTypeMembers, objectMapping.flowTypes) ?? ['Add', 'Update', 'Delete']);
  let scope: ScopingFilterPredicate;
  try {
    scope = compileScopingFilter(objectMapping.scope as GraphFilter | null, { dialect });
  } catch (error) {
    throw new MappingCompilationError(`The scoping filter of '${objectMapping.name}' does not compile: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const metadata = new Map((targetObject?.metadata ?? []).map((entry) => [entry.key.toLowerCase(), entry.value]));
  return Object.freeze({
    name: objectMapping.name,
    sourceObjectName: objectMapping.sourceObjectName,
    targetObjectName: objectMapping.targetObjectName,
    actions: Object.freeze({ add: flows.has('Add'), update: flows.has('Update'), delete: flows.has('Delete') }),
    scope,
    attributes: Object.freeze(all.filter((mapping) => mapping.reference === null)),
    references: Object.freeze(all.filter((mapping) => mapping.reference !== null)),
    matching: Object.freeze(listMatchingAttributeMappings(objectMapping).map((mapping) => byPath.get(mapping.targetAttributeName)!)),
    softDeletionSupported: metadata.get('issoftdeletionsupported')?.toLowerCase() === 'true',
    hasSoftDeletionMapping: all.some((mapping) => mapping.softDeletion),
    entryLabel: `${objectMapping.sourceObjectName} to ${objectMapping.targetObjectName.split(':').at(-1) ?? objectMapping.targetObjectName}`,
  });
}
