import { z } from 'zod';
import { graphCollection } from './graph-collection.js';
import { graphEnum } from './graph-enum.js';
import { attributeTypes, mutabilities, type AttributeType, type Mutability } from './enums.js';
import {
  attributeDefinitionMetadataEntrySchema,
  odataTypeShape,
  stringKeyStringValuePairSchema,
  type AttributeDefinitionMetadataEntry,
  type StringKeyStringValuePair,
} from './key-value.js';

/** `referencedObject`: the object a `Reference` attribute points at, in the same directory. */
export interface ReferencedObject {
  readonly '@odata.type'?: string;
  readonly referencedObjectName: string | null;
  /** Graph: "currently not supported"; carried as given. */
  readonly referencedProperty: string | null;
}

export const referencedObjectSchema: z.ZodType<ReferencedObject> = z.object({
  ...odataTypeShape,
  referencedObjectName: z.string().nullable(),
  referencedProperty: z.string().nullable().default(null),
});

/**
 * `attributeDefinition`. Property order follows what the service returns (scalars alphabetically,
 * then collections), so a schema round-trips byte-for-byte through GET and PUT.
 */
export interface AttributeDefinition {
  readonly '@odata.type'?: string;
  /** Exactly one anchor per object: the unique, immutable identifier. */
  readonly anchor: boolean;
  readonly caseExact: boolean;
  readonly defaultValue: string | null;
  readonly flowNullValues: boolean;
  readonly multivalued: boolean;
  readonly mutability: Mutability;
  readonly name: string;
  readonly required: boolean;
  readonly type: AttributeType;
  readonly apiExpressions: readonly StringKeyStringValuePair[];
  readonly metadata: readonly AttributeDefinitionMetadataEntry[];
  readonly referencedObjects: readonly ReferencedObject[];
}

/** Non-nullable properties a client leaves out get Graph's documented defaults. */
export const attributeDefinitionSchema: z.ZodType<AttributeDefinition> = z.object({
  ...odataTypeShape,
  anchor: z.boolean().default(false),
  caseExact: z.boolean().default(false),
  defaultValue: z.string().nullable().default(null),
  flowNullValues: z.boolean().default(false),
  multivalued: z.boolean().default(false),
  mutability: graphEnum('mutability', mutabilities).default('ReadWrite'),
  name: z.string().min(1),
  required: z.boolean().default(false),
  type: graphEnum('attributeType', attributeTypes).default('String'),
  apiExpressions: graphCollection(stringKeyStringValuePairSchema),
  metadata: graphCollection(attributeDefinitionMetadataEntrySchema),
  referencedObjects: graphCollection(referencedObjectSchema),
});
