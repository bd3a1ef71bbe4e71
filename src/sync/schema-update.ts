import { randomUUID } from 'node:crypto';
import { BadRequestError, type GraphErrorDetail } from '../errors/graph-error.js';
import type { Dialect } from '../expressions/index.js';
import { findExpressionProblems } from './schema-expressions.js';
import { findSchemaInconsistencies, parseSynchronizationInput, synchronizationSchemaSchema, type SynchronizationSchema } from './schema/index.js';

/**
 * Turns a client's schema (PUT or PATCH, both full replacements) into the schema to store: the Graph shape
 * validated, then checked as a whole — directories, objects and attributes that mappings name exist, each
 * target attribute is mapped once per object mapping, matching priorities are distinct — and every mapping
 * expression and scoping filter compiles in the job's dialect. Nothing is stored unless every check passes; the id stays the stored one and the version is new.
 */
export function prepareSchemaUpdate(body: unknown, storedId: string, dialect: Dialect): SynchronizationSchema {
  const input = parseSynchronizationInput(synchronizationSchemaSchema, body, 'synchronizationSchema');
  const structural: GraphErrorDetail[] = findSchemaInconsistencies(input).map((problem) => ({
    code: problem.code,
    message: problem.message,
    target: problem.path,
  }));
  const problems = structural.length > 0 ? structural : findExpressionProblems(input, dialect);
  const [first] = problems;
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw new BadRequestError(`The schema is not valid: ${first.message}${more}`, { code: first.code, details: problems });
  }
  return { ...input, id: storedId, version: newSchemaVersion() };
}

/** Schema versions are opaque; a fresh one on every change tells clients and the engine it changed. */
export function newSchemaVersion(): string {
  return `date:${new Date().toISOString()}~${randomUUID()}`;
}
