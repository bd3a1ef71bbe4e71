import { randomUUID } from 'node:crypto';
import { BadRequestError, type GraphErrorDetail } from '../errors/graph-error.js';
import { findSchemaInconsistencies, parseSynchronizationInput, synchronizationSchemaSchema, type SynchronizationSchema } from './schema/index.js';

/**
 * Turns a client's schema (PUT or PATCH, both full replacements) into the schema to store: the Graph shape
 * validated, then checked as a whole — directories, objects and attributes that mappings name exist, each
 * target attribute is mapped once per object mapping, matching priorities are distinct. Nothing is stored
 * unless every check passes; the id stays the stored one and the version is new.
 */
export function prepareSchemaUpdate(body: unknown, storedId: string): SynchronizationSchema {
  const input = parseSynchronizationInput(synchronizationSchemaSchema, body, 'synchronizationSchema');
  const problems = findSchemaInconsistencies(input);
  if (problems.length > 0) {
    const details: GraphErrorDetail[] = problems.map((problem) => ({ code: problem.code, message: problem.message, target: problem.path }));
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw new BadRequestError(`The schema is not valid: ${first!.message}${more}`, { code: first!.code, details });
  }
  return { ...input, id: storedId, version: newSchemaVersion() };
}

/** Schema versions are opaque; a fresh one on every change tells clients and the engine it changed. */
export function newSchemaVersion(): string {
  return `date:${new Date().toISOString()}~${randomUUID()}`;
}
