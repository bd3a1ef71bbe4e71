/**
 * Typed outcomes of a SCIM exchange that did not succeed. `code` is stable and, where the hosted service
 * logs a known errorCode for the same situation (engine-behavior §1.15, §2.7), it is that errorCode, so the
 * engine can put it straight into provisioning logs. `retryable` says whether the hosted service escrows the
 * object and tries again in a later cycle (true) or the failure stays until something changes (false);
 * `scope: 'job'` marks failures that stop the whole job (bad credentials, a non-compliant endpoint).
 */
export type ScimErrorScope = 'object' | 'job';

export interface ScimErrorOptions {
  readonly retryable: boolean;
  readonly scope?: ScimErrorScope;
  readonly status?: number;
  readonly method?: string;
  readonly url?: string;
  /** RFC 7644 §3.12 `scimType` from the target's error body. */
  readonly scimType?: string;
  /** RFC 7644 §3.12 `detail` from the target's error body. */
  readonly detail?: string;
  /** Raw response body (truncated), for logs. */
  readonly responseBody?: string;
  readonly cause?: unknown;
}

export class ScimError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly scope: ScimErrorScope;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly scimType: string | undefined;
  readonly detail: string | undefined;
  readonly responseBody: string | undefined;

  constructor(code: string, message: string, options: ScimErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable;
    this.scope = options.scope ?? 'object';
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.scimType = options.scimType;
    this.detail = options.detail;
    this.responseBody = options.responseBody;
  }
}

type HttpErrorOptions = Omit<ScimErrorOptions, 'retryable'>;

/** 400: the target rejected the request as malformed (e.g. a value it cannot store, a filter it cannot parse). */
export class ScimBadRequestError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super('BadRequest', message, { ...options, retryable: false });
  }
}

/** 401: the token was refused. The hosted service quarantines the job (EncounteredQuarantineException). */
export class ScimUnauthorizedError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super('InvalidCredentials', message, { ...options, scope: 'job', retryable: false });
  }
}

/** 403 (`InsufficientRights`) or 405 (`MethodNotAllowed`): authenticated but not allowed; escrowed (§2.7). */
export class ScimForbiddenError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(options.status === 405 ? 'MethodNotAllowed' : 'InsufficientRights', message, { ...options, retryable: true });
  }
}

/** 404 on a resource addressed by id: the linked object is gone; no automatic re-create (`InvalidAnchor`). */
export class ScimNotFoundError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super('InvalidAnchor', message, { ...options, retryable: false });
  }
}

/** 409: a uniqueness conflict in the target; escrowed and retried in later cycles (§2.7). */
export class ScimConflictError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super('Conflict', message, { ...options, retryable: true });
  }
}

/** 429: throttled. `retryAfterMs` comes from the Retry-After header when the target sent one. */
export class ScimRateLimitedError extends ScimError {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs: number | undefined, options: HttpErrorOptions = {}) {
    super('TooManyRequests', message, { ...options, retryable: true });
    this.retryAfterMs = retryAfterMs;
  }
}

/** 500, 502, 503, 504 and other 5xx except 501: retried in a later cycle (`InternalServerError`). */
export class ScimServerError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super('InternalServerError', message, { ...options, retryable: true });
  }
}

/**
 * Any other status the reference gives no retry for: 422 (`UnprocessableEntity`), 501 (`NotImplemented`),
 * unexpected 1xx/3xx/4xx (`WebExceptionProtocolError`).
 */
export class ScimProtocolError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    const code =
      options.status === 422 ? 'UnprocessableEntity' : options.status === 501 ? 'NotImplemented' : 'WebExceptionProtocolError';
    super(code, message, { ...options, retryable: false });
  }
}

/** No HTTP response at all: connection refused or reset, DNS failure, TLS failure. Retried later. */
export class ScimTransportError extends ScimError {
  constructor(message: string, options: HttpErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'ConnectionFailure', message, { ...options, retryable: true });
  }
}

/** The target did not answer within the timeout (`Timeout`, retried in a later cycle). */
export class ScimTimeoutError extends ScimTransportError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { ...options, code: 'Timeout' });
  }
}

/**
 * A 2xx that is not what SCIM promises (unparseable JSON, no `id`, not a ListResponse), or a 404 to a
 * filter query, which SCIM answers with 200 and an empty ListResponse; the hosted service quarantines for
 * the latter (engine-behavior §1.7), hence `scope: 'job'` there.
 */
export class ScimInvalidResponseError extends ScimError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super('SystemForCrossDomainIdentityManagementServiceIncompatible', message, { ...options, retryable: false });
  }
}

/** The OAuth 2.0 token endpoint refused or could not be reached; retryable only for network errors and 5xx. */
export class ScimTokenError extends ScimError {
  constructor(message: string, options: ScimErrorOptions) {
    super('TokenAcquisitionFailed', message, { ...options, scope: 'job' });
  }
}

/** The job's secrets do not describe a usable SCIM connection (no BaseAddress, no credentials, bad URL). */
export class ScimConfigurationError extends ScimError {
  constructor(message: string) {
    super('InvalidConfiguration', message, { retryable: false, scope: 'job' });
  }
}

/** An attribute path the SCIM client cannot express (comes from a mapping, not from the target). */
export class ScimAttributePathError extends ScimError {
  constructor(path: string, reason: string) {
    super('InvalidAttributePath', `Invalid SCIM attribute path '${path}': ${reason}`, { retryable: false });
  }
}
