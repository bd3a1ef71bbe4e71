/**
 * The enum types of the synchronization schema, member names exactly as Graph serializes them
 * (graph-sync-api.md §6.11–6.17). Arrays are in declaration order, which is also the order flags
 * members are written in.
 */
export const attributeTypes = ['String', 'Integer', 'Reference', 'Binary', 'Boolean', 'DateTime'] as const;
export type AttributeType = (typeof attributeTypes)[number];

export const mutabilities = ['ReadWrite', 'ReadOnly', 'Immutable', 'WriteOnly'] as const;
export type Mutability = (typeof mutabilities)[number];

export const attributeFlowBehaviors = ['FlowWhenChanged', 'FlowAlways'] as const;
export type AttributeFlowBehavior = (typeof attributeFlowBehaviors)[number];

export const attributeFlowTypes = ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly'] as const;
export type AttributeFlowType = (typeof attributeFlowTypes)[number];

export const attributeMappingSourceTypes = ['Attribute', 'Constant', 'Function'] as const;
export type AttributeMappingSourceType = (typeof attributeMappingSourceTypes)[number];

/** Members of the `objectFlowTypes` flags enum (`objectMapping.flowTypes`). */
export const objectFlowTypeMembers = ['None', 'Add', 'Update', 'Delete'] as const;
export type ObjectFlowTypeMember = (typeof objectFlowTypeMembers)[number];

/** Members of the `directoryDefinitionDiscoverabilities` flags enum. */
export const discoverabilityMembers = [
  'None',
  'AttributeNames',
  'AttributeDataTypes',
  'AttributeReadOnly',
  'ReferenceAttributes',
  'UnknownFutureValue',
] as const;
export type DiscoverabilityMember = (typeof discoverabilityMembers)[number];

export const attributeDefinitionMetadataKeys = [
  'BaseAttributeName',
  'ComplexObjectDefinition',
  'IsContainer',
  'IsCustomerDefined',
  'IsDomainQualified',
  'LinkPropertyNames',
  'LinkTypeName',
  'MaximumLength',
  'ReferencedProperty',
] as const;
export type AttributeDefinitionMetadataKey = (typeof attributeDefinitionMetadataKeys)[number];

export const objectDefinitionMetadataKeys = [
  'PropertyNameAccountEnabled',
  'PropertyNameSoftDeleted',
  'IsSoftDeletionSupported',
  'IsSynchronizeAllSupported',
  'ConnectorDataStorageRequired',
  'Extensions',
  'BaseObjectName',
] as const;
export type ObjectDefinitionMetadataKey = (typeof objectDefinitionMetadataKeys)[number];

export const objectMappingMetadataKeys = [
  'EscrowBehavior',
  'DisableMonitoringForChanges',
  'OriginalJoiningProperty',
  'Disposition',
  'IsCustomerDefined',
  'ExcludeFromReporting',
  'Unsynchronized',
] as const;
export type ObjectMappingMetadataKey = (typeof objectMappingMetadataKeys)[number];

/**
 * `synchronizationMetadata` keys in the casing the beta service emits (beta-Prod CSDL: camelCase
 * except `IsSynchronizationAgentAssignmentRequired`, matching a captured beta template listing).
 * v1.0 and the docs use PascalCase; see `synchronizationMetadataKeyForVersion`.
 */
export const synchronizationMetadataKeys = [
  'galleryApplicationIdentifier',
  'galleryApplicationKey',
  'isOAuthEnabled',
  'IsSynchronizationAgentAssignmentRequired',
  'isSynchronizationAgentRequired',
  'isSynchronizationInPreview',
  'oAuthSettings',
  'synchronizationLearnMoreIbizaFwLink',
  'configurationFields',
] as const;
export type SynchronizationMetadataKey = (typeof synchronizationMetadataKeys)[number];

/** The same key as v1.0 spells it (PascalCase) or as beta spells it (unchanged). */
export function synchronizationMetadataKeyForVersion(key: SynchronizationMetadataKey, version: 'beta' | 'v1.0'): string {
  return version === 'beta' ? key : key.charAt(0).toUpperCase() + key.slice(1);
}
