import { z } from 'zod';
import { attributeDefinitionSchema, type AttributeDefinition } from './attribute-definition.js';
import { graphCollection } from './graph-collection.js';
import { objectDefinitionMetadataEntrySchema, odataTypeShape, type ObjectDefinitionMetadataEntry } from './key-value.js';

/** `objectDefinition`: one object type of a directory (`User`, `Group`, `user`, `inetOrgPerson`…). */
export interface ObjectDefinition {
  readonly '@odata.type'?: string;
  /** Unique within its directory. */
  readonly name: string;
  readonly attributes: readonly AttributeDefinition[];
  readonly metadata: readonly ObjectDefinitionMetadataEntry[];
  readonly supportedApis: readonly string[];
}

export const objectDefinitionSchema: z.ZodType<ObjectDefinition> = z.object({
  ...odataTypeShape,
  name: z.string().min(1),
  attributes: graphCollection(attributeDefinitionSchema),
  metadata: graphCollection(objectDefinitionMetadataEntrySchema),
  supportedApis: graphCollection(z.string()),
});
