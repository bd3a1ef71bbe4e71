import {
  defaultObjectFlowTypes,
  type AttributeDefinition,
  type AttributeDefinitionMetadataKey,
  type AttributeFlowBehavior,
  type AttributeFlowType,
  type AttributeMapping,
  type AttributeType,
  type ContainerFilter,
  type DirectoryDefinition,
  type Filter,
  type GroupFilter,
  type Mutability,
  type ObjectDefinition,
  type ObjectDefinitionMetadataKey,
  type ObjectMapping,
  type ObjectMappingMetadataEntry,
  type SynchronizationRule,
  type SynchronizationSchema,
} from '../../schema/index.js';
import { expressionSource } from './expression-source.js';

/**
 * A small DSL that keeps the template data files readable: each builder fills in every property
 * Graph returns, with Graph's defaults, in Graph's order.
 */
function entries<K extends string>(record: Partial<Record<K, string>>): { key: K; value: string }[] {
  return (Object.entries(record) as [K, string][]).map(([key, value]) => ({ key, value }));
}

export interface AttributeOptions {
  readonly anchor?: boolean;
  readonly caseExact?: boolean;
  readonly defaultValue?: string;
  readonly flowNullValues?: boolean;
  readonly multivalued?: boolean;
  readonly mutability?: Mutability;
  readonly required?: boolean;
  /** For `Reference` attributes: names of the objects (in the same directory) it may point at. */
  readonly referencedObjects?: readonly string[];
  readonly metadata?: Partial<Record<AttributeDefinitionMetadataKey, string>>;
}

export function attr(name: string, type: AttributeType = 'String', options: AttributeOptions = {}): AttributeDefinition {
  return {
    anchor: options.anchor ?? false,
    caseExact: options.caseExact ?? false,
    defaultValue: options.defaultValue ?? null,
    flowNullValues: options.flowNullValues ?? false,
    multivalued: options.multivalued ?? false,
    mutability: options.mutability ?? 'ReadWrite',
    name,
    required: options.required ?? false,
    type,
    apiExpressions: [],
    metadata: entries(options.metadata ?? {}),
    referencedObjects: (options.referencedObjects ?? []).map((referencedObjectName) => ({ referencedObjectName, referencedProperty: null })),
  };
}

export interface ObjectOptions {
  readonly metadata?: Partial<Record<ObjectDefinitionMetadataKey, string>>;
  readonly supportedApis?: readonly string[];
}

export function objectDefinition(name: string, attributes: readonly AttributeDefinition[], options: ObjectOptions = {}): ObjectDefinition {
  return { name, attributes, metadata: entries(options.metadata ?? {}), supportedApis: options.supportedApis ?? [] };
}

export interface DirectoryOptions {
  readonly id: string;
  readonly name: string;
  readonly objects: readonly ObjectDefinition[];
  readonly discoverabilities?: string;
  readonly readOnly?: boolean;
}

export function directory(options: DirectoryOptions): DirectoryDefinition {
  return {
    id: options.id,
    discoverabilities: options.discoverabilities ?? 'None',
    discoveryDateTime: null,
    name: options.name,
    objects: options.objects,
    readOnly: options.readOnly ?? false,
    version: null,
  };
}

export interface MappingOptions {
  readonly matchingPriority?: number;
  readonly flowType?: AttributeFlowType;
  readonly flowBehavior?: AttributeFlowBehavior;
  readonly defaultValue?: string;
  readonly exportMissingReferences?: boolean;
}

/** An attribute mapping; `source` is expression text (`[mail]`, `"x"`, `Join(" ", [a], [b])`) or null for a default-only mapping. */
export function mapping(targetAttributeName: string, source: string | null, options: MappingOptions = {}): AttributeMapping {
  return {
    defaultValue: options.defaultValue ?? null,
    exportMissingReferences: options.exportMissingReferences ?? false,
    flowBehavior: options.flowBehavior ?? 'FlowWhenChanged',
    flowType: options.flowType ?? 'Always',
    matchingPriority: options.matchingPriority ?? 0,
    targetAttributeName,
    source: source === null ? null : expressionSource(source),
  };
}

export interface ObjectMappingOptions {
  readonly name: string;
  readonly source: string;
  readonly target: string;
  readonly mappings: readonly AttributeMapping[];
  readonly enabled?: boolean;
  readonly flowTypes?: string;
  readonly scope?: Filter;
}

/**
 * The metadata the service attaches to every shipped object mapping; `OriginalJoiningProperty`
 * records the first matching attribute so a later change of matching can be detected.
 */
function objectMappingMetadata(mappings: readonly AttributeMapping[]): ObjectMappingMetadataEntry[] {
  const joining = [...mappings].filter((m) => m.matchingPriority > 0).sort((a, b) => a.matchingPriority - b.matchingPriority)[0];
  return entries({
    IsCustomerDefined: 'false',
    DisableMonitoringForChanges: 'false',
    Disposition: '"Normal"',
    ExcludeFromReporting: 'false',
    EscrowBehavior: '"Default"',
    Unsynchronized: 'false',
    ...(joining === undefined ? {} : { OriginalJoiningProperty: joining.targetAttributeName }),
  });
}

export function objectMapping(options: ObjectMappingOptions): ObjectMapping {
  return {
    enabled: options.enabled ?? true,
    flowTypes: options.flowTypes ?? defaultObjectFlowTypes,
    name: options.name,
    sourceObjectName: options.source,
    targetObjectName: options.target,
    attributeMappings: options.mappings,
    scope: options.scope ?? null,
    metadata: objectMappingMetadata(options.mappings),
  };
}

export interface RuleOptions {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly target: string;
  readonly objectMappings: readonly ObjectMapping[];
  readonly priority?: number;
  readonly editable?: boolean;
  readonly containerFilter?: ContainerFilter;
  readonly groupFilter?: GroupFilter;
  readonly metadata?: Readonly<Record<string, string>>;
}

export function rule(options: RuleOptions): SynchronizationRule {
  return {
    editable: options.editable ?? true,
    id: options.id,
    name: options.name,
    priority: options.priority ?? 1,
    sourceDirectoryName: options.source,
    targetDirectoryName: options.target,
    containerFilter: options.containerFilter ?? null,
    groupFilter: options.groupFilter ?? null,
    metadata: entries(options.metadata ?? {}),
    objectMappings: options.objectMappings,
  };
}

export interface SchemaOptions {
  readonly templateId: string;
  readonly directories: readonly DirectoryDefinition[];
  readonly rules: readonly SynchronizationRule[];
}

/**
 * Template schemas are named `{templateId}.{32 zeros}` as the service names them; jobs get their own
 * id. The data files reuse mapping lists (users and inetOrgPersons share theirs); the schema gets
 * its own copy of everything so that no two places in it are the same object, and a job's
 * structuredClone of it can be edited in one place without changing another.
 */
export function schema(options: SchemaOptions): SynchronizationSchema {
  const unshared = JSON.parse(JSON.stringify({ rules: options.rules, directories: options.directories })) as {
    rules: SynchronizationRule[];
    directories: DirectoryDefinition[];
  };
  return {
    id: `${options.templateId}.${'0'.repeat(32)}`,
    version: '1.0',
    synchronizationRules: unshared.rules,
    directories: unshared.directories,
  };
}
