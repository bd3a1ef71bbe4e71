/**
 * Every error that reaches a client is a GraphError: an HTTP status, a stable Graph error code and a
 * human-readable message. The API layer maps them once (src/api/errors/error-handler.ts) to Graph's
 * envelope `{"error":{"code","message","innerError":{...}}}`. Other layers throw the subclasses below
 * and never build HTTP responses themselves.
 */
export interface GraphErrorDetail {
  code: string;
  message: string;
  target?: string;
}

export interface GraphErrorOptions {
  code?: string;
  target?: string;
  details?: GraphErrorDetail[];
  /** Extra response headers, for example Retry-After or WWW-Authenticate. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly details: GraphErrorDetail[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: GraphErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = options.code ?? code;
    this.target = options.target;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** 400: the request is malformed or violates a rule. Directory routes use `Request_BadRequest`. */
export class BadRequestError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(400, 'BadRequest', message, options);
  }
}

/** 401: no token, or one that is expired, forged, or for another tenant or audience. */
export class InvalidAuthenticationTokenError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(401, 'InvalidAuthenticationToken', message, {
      ...options,
      headers: {
        'WWW-Authenticate': `Bearer realm="", authorization_uri="", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
        ...options.headers,
      },
    });
  }
}

/** 403: a valid token that lacks every permission the operation accepts. */
export class AuthorizationDeniedError extends GraphError {
  constructor(message = 'Insufficient privileges to complete the operation.', options: GraphErrorOptions = {}) {
    super(403, 'Authorization_RequestDenied', message, options);
  }
}

/** 404: the addressed resource does not exist. */
export class NotFoundError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(404, 'Request_ResourceNotFound', message, options);
  }
}

/** 405: the path exists but not for this HTTP method. */
export class MethodNotAllowedError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(405, 'Request_BadRequest', message, options);
  }
}

/** 409: the write conflicts with the current state. */
export class ConflictError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(409, 'Conflict', message, options);
  }
}

/** 413: the request body or batch is larger than allowed. */
export class PayloadTooLargeError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(413, 'RequestEntityTooLarge', message, options);
  }
}

/** 415: a body in a content type the operation does not read. */
export class UnsupportedMediaTypeError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(415, 'UnsupportedMediaType', message, options);
  }
}

/** 429: the caller is throttled; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends GraphError {
  constructor(message: string, retryAfterSeconds: number, options: GraphErrorOptions = {}) {
    super(429, 'TooManyRequests', message, {
      ...options,
      headers: { 'Retry-After': String(retryAfterSeconds), ...options.headers },
    });
  }
}

/** 501: a documented operation this implementation does not offer. */
export class NotImplementedError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(501, 'NotImplemented', message, options);
  }
}

/** 503: a dependency (database, peer) is unavailable right now. */
export class ServiceUnavailableError extends GraphError {
  constructor(message: string, options: GraphErrorOptions = {}) {
    super(503, 'serviceNotAvailable', message, options);
  }
}

export function isGraphError(value: unknown): value is GraphError {
  return value instanceof GraphError;
}
