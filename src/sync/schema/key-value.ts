import { z } from 'zod';
import { graphEnum } from './graph-enum.js';
import {
  attributeDefinitionMetadataKeys,
  objectDefinitionMetadataKeys,
  objectMappingMetadataKeys,
  synchronizationMetadataKeys,
  type AttributeDefinitionMetadataKey,
  type ObjectDefinitionMetadataKey,
  type ObjectMappingMetadataKey,
  type SynchronizationMetadataKey,
} from './enums.js';

/**
 * Kiota-generated SDKs send `@odata.type` on every object they serialize; Graph accepts it, so every
 * input schema does too. It is kept only where a caller sent it.
 */
export const odataTypeShape = { '@odata.type': z.string().optional() };

/** An id the client may leave out; `''` marks "not sent" so the store can assign one. */
export const optionalId = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

export interface StringKeyStringValuePair {
  readonly '@odata.type'?: string;
  readonly key: string | null;
  readonly value: string | null;
}

export const stringKeyStringValuePairSchema: z.ZodType<StringKeyStringValuePair> = z.object({
  ...odataTypeShape,
  key: z.string().nullable(),
  value: z.string().nullable(),
});

/** The four enum-keyed metadata entry types share one shape: `{key: <enum member>, value: String}`. */
export interface MetadataEntry<K extends string> {
  readonly '@odata.type'?: string;
  readonly key: K;
  readonly value: string | null;
}

function metadataEntrySchema<const T extends readonly [string, ...string[]]>(typeName: string, keys: T) {
  return z.object({
    ...odataTypeShape,
    key: graphEnum(typeName, keys),
    value: z.string().nullable(),
  });
}

export type AttributeDefinitionMetadataEntry = MetadataEntry<AttributeDefinitionMetadataKey>;
export type ObjectDefinitionMetadataEntry = MetadataEntry<ObjectDefinitionMetadataKey>;
export type ObjectMappingMetadataEntry = MetadataEntry<ObjectMappingMetadataKey>;
export type SynchronizationMetadataEntry = MetadataEntry<SynchronizationMetadataKey>;

export const attributeDefinitionMetadataEntrySchema: z.ZodType<AttributeDefinitionMetadataEntry> = metadataEntrySchema(
  'attributeDefinitionMetadata',
  attributeDefinitionMetadataKeys,
);
export const objectDefinitionMetadataEntrySchema: z.ZodType<ObjectDefinitionMetadataEntry> = metadataEntrySchema(
  'objectDefinitionMetadata',
  objectDefinitionMetadataKeys,
);
export const objectMappingMetadataEntrySchema: z.ZodType<ObjectMappingMetadataEntry> = metadataEntrySchema(
  'objectMappingMetadata',
  objectMappingMetadataKeys,
);
/** Accepts both the beta (camelCase) and the v1.0 (PascalCase) key spellings; stores the beta one. */
export const synchronizationMetadataEntrySchema: z.ZodType<SynchronizationMetadataEntry> = metadataEntrySchema(
  'synchronizationMetadata',
  synchronizationMetadataKeys,
);
