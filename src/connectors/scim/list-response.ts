import { ScimInvalidResponseError } from './scim-errors.js';
import type { ScimResource } from './scim-schemas.js';

/** A page of an RFC 7644 §3.4.2 ListResponse. */
export interface ScimListPage {
  readonly totalResults: number;
  readonly startIndex: number | undefined;
  readonly itemsPerPage: number | undefined;
  readonly resources: readonly ScimResource[];
}

/** Parses a response body as a ListResponse, or fails as the hosted service does (`...ServiceIncompatible`). */
export function parseListResponse(text: string, context: { readonly method: string; readonly url: string; readonly status: number }): ScimListPage {
  const body = parseJsonObject(text, context);
  const totalResults = body.totalResults;
  const resources = body.Resources ?? body.resources ?? [];
  if (typeof totalResults !== 'number' || !Array.isArray(resources)) {
    throw new ScimInvalidResponseError(`${context.method} ${context.url}: response is not a SCIM ListResponse`, {
      ...context,
      responseBody: text.slice(0, 2000),
    });
  }
  return Object.freeze({
    totalResults,
    startIndex: typeof body.startIndex === 'number' ? body.startIndex : undefined,
    itemsPerPage: typeof body.itemsPerPage === 'number' ? body.itemsPerPage : undefined,
    resources: Object.freeze(resources.map((resource: unknown) => asResource(resource, text, context))),
  });
}

/** Parses a response body as one resource that carries an `id` (RFC 7643 §3.1). */
export function parseResource(text: string, context: { readonly method: string; readonly url: string; readonly status: number }): ScimResource {
  return asResource(parseJsonObject(text, context), text, context);
}

function asResource(value: unknown, text: string, context: { readonly method: string; readonly url: string; readonly status: number }): ScimResource {
  if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'string' || (value as { id: string }).id === '') {
    throw new ScimInvalidResponseError(`${context.method} ${context.url}: resource without an id`, { ...context, responseBody: text.slice(0, 2000) });
  }
  return value as ScimResource;
}

function parseJsonObject(text: string, context: { readonly method: string; readonly url: string; readonly status: number }): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ScimInvalidResponseError(`${context.method} ${context.url}: response body is not JSON`, { ...context, responseBody: text.slice(0, 2000) });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ScimInvalidResponseError(`${context.method} ${context.url}: response body is not a JSON object`, { ...context, responseBody: text.slice(0, 2000) });
  }
  return parsed as Record<string, unknown>;
}
