import { z } from 'zod';
import { graphCollection } from './graph-collection.js';
import { odataTypeShape, optionalId, stringKeyStringValuePairSchema, type StringKeyStringValuePair } from './key-value.js';
import { objectMappingSchema, type ObjectMapping } from './object-mapping.js';

/** `containerFilter`: cloud sync OU scoping (distinguished names of the included containers). */
export interface ContainerFilter {
  readonly '@odata.type'?: string;
  readonly includedContainers: readonly string[];
}

/** `groupFilter`: cloud sync group scoping (distinguished names of the included groups). */
export interface GroupFilter {
  readonly '@odata.type'?: string;
  readonly includedGroups: readonly string[];
}

/** `synchronizationRule`: the flow from one directory to another, with its object mappings. */
export interface SynchronizationRule {
  readonly '@odata.type'?: string;
  readonly editable: boolean;
  /**
   * Engine-recognized rule id from the template (provisionOnDemand names it as `ruleId`). An omitted
   * id becomes `''` in validated client input; the store keeps the id of the rule it replaces.
   */
  readonly id: string;
  readonly name: string | null;
  /** Lower runs first. */
  readonly priority: number;
  readonly sourceDirectoryName: string;
  readonly targetDirectoryName: string;
  readonly containerFilter: ContainerFilter | null;
  readonly groupFilter: GroupFilter | null;
  /** Service-internal settings; clients are told not to change them. */
  readonly metadata: readonly StringKeyStringValuePair[];
  readonly objectMappings: readonly ObjectMapping[];
}

export const containerFilterSchema: z.ZodType<ContainerFilter> = z.object({
  ...odataTypeShape,
  includedContainers: graphCollection(z.string()),
});

export const groupFilterSchema: z.ZodType<GroupFilter> = z.object({
  ...odataTypeShape,
  includedGroups: graphCollection(z.string()),
});

export const synchronizationRuleSchema: z.ZodType<SynchronizationRule> = z.object({
  ...odataTypeShape,
  editable: z.boolean().default(true),
  id: optionalId,
  name: z.string().nullable().default(null),
  priority: z.number().int().default(0),
  sourceDirectoryName: z.string().min(1),
  targetDirectoryName: z.string().min(1),
  containerFilter: containerFilterSchema.nullable().default(null),
  groupFilter: groupFilterSchema.nullable().default(null),
  metadata: graphCollection(stringKeyStringValuePairSchema),
  objectMappings: graphCollection(objectMappingSchema),
});
