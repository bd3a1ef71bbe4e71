import {
  ScimBadRequestError,
  ScimForbiddenError,
  ScimInvalidResponseError,
  ScimTokenError,
  ScimTransportError,
  ScimUnauthorizedError,
  type ScimError,
} from './scim-errors.js';

/**
 * Outcome of the hosted service's "Test connection": `valid`, or why not. `invalidCredentials` covers a
 * 401/403 from the target and a token endpoint refusing the client credentials; `unreachable` covers
 * network failures and timeouts; `nonCompliant` an endpoint that does not answer a filter query for an
 * unknown value with 200 and an empty ListResponse (the hosted service quarantines for that, §1.7).
 */
export type CredentialValidation =
  | { readonly status: 'valid' }
  | {
      readonly status: 'invalidCredentials' | 'unreachable' | 'nonCompliant' | 'failed';
      readonly message: string;
      readonly error: ScimError;
    };

export function credentialFailure(error: ScimError): CredentialValidation {
  const status =
    error instanceof ScimUnauthorizedError || (error instanceof ScimForbiddenError && error.status === 403)
      ? 'invalidCredentials'
      : error instanceof ScimTokenError
        ? error.retryable
          ? 'unreachable'
          : 'invalidCredentials'
        : error instanceof ScimTransportError
          ? 'unreachable'
          : error instanceof ScimInvalidResponseError || error instanceof ScimBadRequestError
            ? 'nonCompliant'
            : 'failed';
  return Object.freeze({ status, message: error.message, error });
}
