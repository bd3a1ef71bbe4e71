/**
 * The synchronization schema model: readonly types for Graph's synchronization shapes (property
 * names and order as Graph serializes them), zod schemas that validate and normalize client input,
 * and pure lookups over schemas.
 */
export * from './enums.js';
export { graphEnum, findEnumMember } from './graph-enum.js';
export { parseFlags, formatFlags, objectFlowTypesSchema, discoverabilitiesSchema, defaultObjectFlowTypes } from './flags.js';
export * from './key-value.js';
export * from './attribute-definition.js';
export * from './object-definition.js';
export * from './directory-definition.js';
export * from './attribute-mapping-source.js';
export * from './attribute-mapping.js';
export * from './filter.js';
export * from './object-mapping.js';
export * from './synchronization-rule.js';
export * from './synchronization-schema.js';
export * from './synchronization-template.js';
export * from './synchronization-secret.js';
export * from './lookup.js';
export { parseSynchronizationInput } from './parse-input.js';
export { InvalidSynchronizationInputError } from './errors.js';
export * from './consistency.js';
