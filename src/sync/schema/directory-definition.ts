import { z } from 'zod';
import { discoverabilitiesSchema } from './flags.js';
import { graphCollection } from './graph-collection.js';
import { odataTypeShape, optionalId } from './key-value.js';
import { objectDefinitionSchema, type ObjectDefinition } from './object-definition.js';

/** `directoryDefinition`: one side of a synchronization (`Azure Active Directory`, `Active Directory`, `customappsso`…). */
export interface DirectoryDefinition {
  readonly '@odata.type'?: string;
  /**
   * In validated client input an omitted id becomes `''` (docs examples PUT directories by name
   * only); whoever stores the schema assigns one, keeping the id of the same-named directory.
   */
  readonly id: string;
  /** Flags string, e.g. `"AttributeNames, AttributeDataTypes"` or `"None"`. */
  readonly discoverabilities: string;
  /** ISO 8601 time of the last discover call; null before the first. */
  readonly discoveryDateTime: string | null;
  /** Unique within the schema; synchronization rules refer to directories by this name. */
  readonly name: string;
  readonly objects: readonly ObjectDefinition[];
  readonly readOnly: boolean;
  /** Version of the discovered schema; null before discovery. */
  readonly version: string | null;
}

export const directoryDefinitionSchema: z.ZodType<DirectoryDefinition> = z.object({
  ...odataTypeShape,
  id: optionalId,
  discoverabilities: discoverabilitiesSchema.default('None'),
  discoveryDateTime: z.iso.datetime({ offset: true }).nullable().default(null),
  name: z.string().min(1),
  objects: graphCollection(objectDefinitionSchema),
  readOnly: z.boolean().default(false),
  version: z.string().nullable().default(null),
});
