import { z } from 'zod';
import { attributeMappingSchema, type AttributeMapping } from './attribute-mapping.js';
import { defaultObjectFlowTypes, objectFlowTypesSchema } from './flags.js';
import { filterSchema, type Filter } from './filter.js';
import { graphCollection } from './graph-collection.js';
import { objectMappingMetadataEntrySchema, odataTypeShape, type ObjectMappingMetadataEntry } from './key-value.js';

/**
 * `objectMapping`: how objects of one source type become objects of one target type.
 * The first six properties are in the service's order on purpose: cloud sync scripts insert
 * mappings by replacing the text `"name":"…","sourceObjectName":"…","targetObjectName":"…","attributeMappings":[`.
 */
export interface ObjectMapping {
  readonly '@odata.type'?: string;
  readonly enabled: boolean;
  /** Flags string, e.g. `"Add,Update,Delete"` (the portal's target object actions). */
  readonly flowTypes: string;
  readonly name: string;
  readonly sourceObjectName: string;
  readonly targetObjectName: string;
  readonly attributeMappings: readonly AttributeMapping[];
  /** The scoping filter; null means every object is in scope. */
  readonly scope: Filter | null;
  readonly metadata: readonly ObjectMappingMetadataEntry[];
}

export const objectMappingSchema: z.ZodType<ObjectMapping> = z.object({
  ...odataTypeShape,
  // Graph's CSDL default would be false, but documented PUT bodies omit `enabled` on mappings they
  // clearly mean to keep, so an omitted flag keeps the mapping on.
  enabled: z.boolean().default(true),
  flowTypes: objectFlowTypesSchema.default(defaultObjectFlowTypes),
  name: z.string().nullish().transform((value) => value ?? ''),
  sourceObjectName: z.string().min(1),
  targetObjectName: z.string().min(1),
  attributeMappings: graphCollection(attributeMappingSchema),
  scope: filterSchema.nullable().default(null),
  metadata: graphCollection(objectMappingMetadataEntrySchema),
});
