import { parseRetryAfter } from './retry-after.js';
import {
  ScimBadRequestError,
  ScimConflictError,
  ScimForbiddenError,
  ScimInvalidResponseError,
  ScimNotFoundError,
  ScimProtocolError,
  ScimRateLimitedError,
  ScimServerError,
  ScimUnauthorizedError,
  type ScimError,
} from './scim-errors.js';

/** What kind of request got the response: a filter/list query or an operation on one resource. */
export type RequestShape = 'query' | 'resource';

export interface FailedResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: string;
  readonly shape: RequestShape;
  readonly now?: number;
}

const bodyLimit = 2000;

/**
 * Maps a non-2xx response to its typed error (engine-behavior §2.7). A 400 or 404 to a filter query is a
 * compliance failure of the endpoint (SCIM answers "no match" with 200 and an empty ListResponse), which the
 * hosted service quarantines for when it is systemic; a 404 to a query is never about one object, so it is
 * reported as a job-level invalid response, while a 400 stays object-level (a value the target cannot filter on).
 */
export function classifyFailure(response: FailedResponse): ScimError {
  const { method, url, status, shape } = response;
  const { scimType, detail } = scimErrorBody(response.body);
  const options = {
    status,
    method,
    url,
    scimType,
    detail,
    responseBody: response.body.length > bodyLimit ? `${response.body.slice(0, bodyLimit)}…` : response.body,
  };
  const message = `${method} ${pathOf(url)} → ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 400) return new ScimBadRequestError(message, options);
  if (status === 401) return new ScimUnauthorizedError(message, options);
  if (status === 403 || status === 405) return new ScimForbiddenError(message, options);
  if (status === 404) {
    return shape === 'query'
      ? new ScimInvalidResponseError(`${message} (a filter query must answer 200 with an empty ListResponse)`, { ...options, scope: 'job' })
      : new ScimNotFoundError(message, options);
  }
  if (status === 409) return new ScimConflictError(message, options);
  if (status === 429) return new ScimRateLimitedError(message, parseRetryAfter(response.retryAfter, response.now), options);
  if (status >= 500 && status !== 501) return new ScimServerError(message, options);
  return new ScimProtocolError(message, options);
}

/** RFC 7644 §3.12 error body fields, when the target sent one. */
function scimErrorBody(body: string): { scimType?: string; detail?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { scimType, detail } = parsed as Record<string, unknown>;
    return {
      ...(typeof scimType === 'string' ? { scimType } : {}),
      ...(typeof detail === 'string' ? { detail } : {}),
    };
  } catch {
    return {};
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
