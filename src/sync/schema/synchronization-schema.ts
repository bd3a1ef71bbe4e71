import { z } from 'zod';
import { directoryDefinitionSchema, type DirectoryDefinition } from './directory-definition.js';
import { graphCollection } from './graph-collection.js';
import { odataTypeShape, optionalId } from './key-value.js';
import { synchronizationRuleSchema, type SynchronizationRule } from './synchronization-rule.js';

/**
 * `synchronizationSchema`: what a job synchronizes and how. `directories` is a contained navigation
 * property that GET returns inline and PUT accepts inline.
 */
export interface SynchronizationSchema {
  readonly '@odata.type'?: string;
  /** `''` in validated client input when omitted; the job (or template) decides the stored id. */
  readonly id: string;
  /** Bumped on every change; never taken from the client. */
  readonly version: string | null;
  readonly synchronizationRules: readonly SynchronizationRule[];
  readonly directories: readonly DirectoryDefinition[];
}

export const synchronizationSchemaSchema: z.ZodType<SynchronizationSchema> = z.object({
  ...odataTypeShape,
  id: optionalId,
  version: z.string().nullable().default(null),
  synchronizationRules: graphCollection(synchronizationRuleSchema),
  directories: graphCollection(directoryDefinitionSchema),
});
