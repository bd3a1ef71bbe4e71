import { randomUUID } from 'node:crypto';

/**
 * An error of the token endpoint, in the Microsoft identity platform's words: an OAuth 2.0 `error`, an
 * AADSTS number and its description. Clients such as MSAL surface `error` and `error_codes`.
 */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_resource' | 'invalid_scope' | 'unauthorized_client' | 'unsupported_grant_type',
    readonly aadsts: number,
    description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

export function oauthErrorBody(error: OAuthError, correlationId: string) {
  const traceId = randomUUID();
  const now = new Date();
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    error: error.error,
    error_description: `${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  };
}

export const missingParameter = (name: string) =>
  new OAuthError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
