import { z } from 'zod';
import { graphCollection } from './graph-collection.js';
import { odataTypeShape, synchronizationMetadataEntrySchema, type SynchronizationMetadataEntry } from './key-value.js';
import { synchronizationSchemaSchema, type SynchronizationSchema } from './synchronization-schema.js';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `synchronizationTemplate`: preconfigured synchronization settings, above all the default schema. */
export interface SynchronizationTemplate {
  readonly '@odata.type'?: string;
  /** Template id (`scim`, `AD2AADProvisioning`, `aws`…); jobs are created from it by this id. */
  readonly id: string;
  /** The owning application (for gallery apps the gallery application id). */
  readonly applicationId: string;
  /** The recommended template among several. */
  readonly default: boolean;
  readonly description: string | null;
  /** Listed under the service principal's templates. */
  readonly discoverable: boolean;
  /** Selects the engine implementation; deleting a template schema resets it to this tag's default. */
  readonly factoryTag: string | null;
  readonly metadata: readonly SynchronizationMetadataEntry[];
  /** Contained navigation property; returned inline. */
  readonly schema: SynchronizationSchema | null;
}

/** Input for `POST …/templates` and `PATCH|PUT …/templates/{id}` (which replaces the whole template). */
export const synchronizationTemplateSchema: z.ZodType<SynchronizationTemplate> = z.object({
  ...odataTypeShape,
  id: z.string().min(1),
  applicationId: z.string().regex(guidPattern, 'applicationId must be a GUID'),
  default: z.boolean().default(false),
  description: z.string().nullable().default(null),
  discoverable: z.boolean().default(false),
  factoryTag: z.string().nullable().default(null),
  metadata: graphCollection(synchronizationMetadataEntrySchema),
  schema: synchronizationSchemaSchema.nullable().default(null),
});
