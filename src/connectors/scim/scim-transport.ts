import type { AdaptiveLimiter } from './adaptive-limiter.js';
import { redactHeaders, type ExchangeObserver } from './exchange.js';
import { queryString } from './filter.js';
import { headerValue, HttpTimeoutError, type HttpClient, type HttpHeaders } from './http-client.js';
import { ScimRateLimitedError, ScimTimeoutError, ScimTransportError, ScimUnauthorizedError } from './scim-errors.js';
import { classifyFailure, type RequestShape } from './status-classification.js';
import type { TokenSource } from './token-source.js';

export interface ScimRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the SCIM base, e.g. `/Users/abc`. */
  readonly path: string;
  readonly query?: readonly (readonly [string, string])[];
  readonly body?: unknown;
  readonly shape: RequestShape;
}

export interface ScimRawResponse {
  readonly status: number;
  readonly url: string;
  readonly text: string;
}

export interface TransportOptions {
  readonly baseUrl: string;
  readonly baseQuery: readonly (readonly [string, string])[];
  readonly tokenSource: TokenSource;
  readonly limiter: AdaptiveLimiter;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** 429 answers retried inside one call before the error is handed to the engine's escrow. */
  readonly rateLimitRetries: number;
  /** A Retry-After longer than this is not waited out inside the call; the engine reschedules instead. */
  readonly maxRetryAfterMs: number;
  /** Wait before the first retry of a 429 without Retry-After; doubles per retry. */
  readonly rateLimitBackoffMs: number;
  readonly onExchange: ExchangeObserver | undefined;
  readonly http: HttpClient;
}

/**
 * HTTP to the target over an HttpClient (pooled keep-alive connections per origin), with a per-request timeout, the SCIM media type, bounded concurrency and an observer of every exchange.
 * Retries inside one call are limited to what the hosted service does (engine-behavior §2.7): a 429 is
 * retried, after Retry-After when the target sent one; 5xx, timeouts and network failures are not retried
 * here but returned as retryable errors for the engine to escrow (the hosted service retries them in a
 * later cycle). After a 401 a refreshable token (OAuth) is fetched anew once, since a cached token may have
 * been revoked early.
 */
export class ScimTransport {
  readonly #options: TransportOptions;

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  async send(request: ScimRequest): Promise<ScimRawResponse> {
    const { limiter, tokenSource } = this.#options;
    const url = this.#url(request);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    let refreshToken = false;
    let refreshed = false;
    for (let attempt = 0; ; attempt += 1) {
      const release = await limiter.acquire();
      let response: ScimRawResponse & { retryAfter: string | null };
      try {
        response = await this.#exchange(request.method, url, body, refreshToken);
      } finally {
        release();
      }
      refreshToken = false;
      if (response.status >= 200 && response.status < 300) {
        limiter.succeeded();
        return response;
      }
      const error = classifyFailure({ ...response, method: request.method, body: response.text, shape: request.shape });
      if (error instanceof ScimUnauthorizedError && tokenSource.refreshable && !refreshed) {
        refreshToken = refreshed = true;
        continue;
      }
      if (error instanceof ScimRateLimitedError) {
        const wait = error.retryAfterMs ?? this.#options.rateLimitBackoffMs * 2 ** attempt;
        // The limiter holds every request to this target, this retry included, until the wait has passed;
        // a longer Retry-After is left to the engine's escrow rather than stalling the whole cycle.
        limiter.throttled(Math.min(wait, this.#options.maxRetryAfterMs));
        if (attempt < this.#options.rateLimitRetries && wait <= this.#options.maxRetryAfterMs) continue;
      }
      throw error;
    }
  }

  #url(request: ScimRequest): string {
    const query = queryString([...(request.query ?? []), ...this.#options.baseQuery]);
    return `${this.#options.baseUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  async #exchange(
    method: string,
    url: string,
    body: string | undefined,
    refreshToken: boolean,
  ): Promise<ScimRawResponse & { retryAfter: string | null }> {
    const token = await this.#options.tokenSource.token({ refresh: refreshToken });
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/scim+json, application/json',
      'User-Agent': this.#options.userAgent,
      ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }),
    };
    const started = performance.now();
    const report = (status: number | undefined, responseHeaders: HttpHeaders, responseBody: string | undefined, error?: string): void => {
      if (!this.#options.onExchange) return;
      try {
        this.#options.onExchange({
          method,
          url,
          requestHeaders: redactHeaders(headers),
          requestBody: body,
          status,
          responseHeaders: Object.fromEntries(Object.keys(responseHeaders).flatMap((name) => {
            const value = headerValue(responseHeaders, name);
            return value === null ? [] : [[name, value]];
          })),
          responseBody,
          durationMs: performance.now() - started,
          ...(error === undefined ? {} : { error }),
        });
      } catch {
        // An observer is a diagnostic tap; its failure must not turn a delivered change into a failed one.
      }
    };
    try {
      const response = await this.#options.http.send({ method, url, headers, body, timeoutMs: this.#options.timeoutMs });
      report(response.status, response.headers, response.text);
      return { status: response.status, url, text: response.text, retryAfter: headerValue(response.headers, 'retry-after') };
    } catch (cause) {
      const timedOut = cause instanceof HttpTimeoutError;
      const reason = timedOut ? `no response within ${this.#options.timeoutMs} ms` : describeNetworkError(cause);
      report(undefined, {}, undefined, reason);
      const message = `${method} ${url}: ${reason}`;
      throw timedOut ? new ScimTimeoutError(message, { method, url, cause }) : new ScimTransportError(message, { method, url, cause });
    }
  }
}

/** The network error as a reason: its message, with its code (ECONNREFUSED, UND_ERR_SOCKET…) when the message lacks it. */
function describeNetworkError(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  if (typeof code !== 'string' || cause.message.includes(code)) return cause.message;
  return cause.message === '' ? code : `${cause.message} (${code})`;
}
