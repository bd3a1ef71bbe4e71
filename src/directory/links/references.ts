import { BadRequestError } from '../../errors/graph-error.js';
import { TooManyLinkChangesError } from '../directory-errors.js';
import { requireObjectId } from '../directory-objects/object-key.js';

/**
 * Object references as Graph takes them: `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`
 * on `$ref` routes and `"members@odata.bind": [url, …]` in POST/PATCH bodies. Any URL (or relative path)
 * whose last segment is the object id works — `…/users/{id}`, `…/directoryObjects('{id}')` — as in Graph.
 */
export function objectIdOfReference(reference: string): string {
  let path = reference.trim();
  try {
    path = new URL(path).pathname;
  } catch {
    // A relative reference such as `directoryObjects/{id}`.
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  const last = decodeURIComponent(segments.at(-1) ?? '');
  const keyed = /^[A-Za-z.]+\('?([^')]*)'?\)$/.exec(last);
  return requireObjectId(keyed?.[1] ?? last);
}

/** The object id a `$ref` POST/PUT body points at. */
export function objectIdOfRefBody(body: unknown): string {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['@odata.id'] : undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadRequestError("The request body must contain the reference to add as '@odata.id'.", { code: 'Request_BadRequest' });
  }
  return objectIdOfReference(value);
}

/** The ids a body binds for a relation (`members@odata.bind`), without repeats; none when absent. */
export function boundObjectIds(body: unknown, relation: string): string[] {
  if (body === null || typeof body !== 'object') return [];
  const key = `${relation}@odata.bind`.toLowerCase();
  const entry = Object.entries(body as Record<string, unknown>).find(([name]) => name.toLowerCase() === key);
  if (entry === undefined) return [];
  const value = entry[1];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new BadRequestError(`The value of '${relation}@odata.bind' must be an array of object URLs.`, { code: 'Request_BadRequest' });
  }
  return [...new Set(value.map(objectIdOfReference))];
}

/** Graph caps the links one request may add: members and owners together. */
export function assertLinkChangeLimit(...batches: readonly (readonly string[])[]): void {
  const total = batches.reduce((sum, batch) => sum + batch.length, 0);
  if (total > TooManyLinkChangesError.limit) throw new TooManyLinkChangesError();
}
