/** One HTTP request of the SCIM client: everything is decided by the caller, the client only carries it. */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** Longest wait for the response headers, and for each part of the body after them. */
  readonly timeoutMs: number;
}

/** Header names lowercased; a repeated header as a list, as Node's HTTP stack delivers them. */
export type HttpHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface HttpResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  /** The whole body as UTF-8 text ('' when there is none). */
  readonly text: string;
}

/**
 * What the SCIM transport sends requests with. A request that gets no response rejects: with an
 * HttpTimeoutError when the target did not answer in time, else with the network error (its `code`, such as
 * ECONNREFUSED, says what happened).
 */
export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes the kept-alive connections; requests in flight finish first. */
  close(): Promise<void>;
}

export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** The value of a header, repeated ones joined as fetch's Headers does. */
export function headerValue(headers: HttpHeaders, name: string): string | null {
  const value = headers[name];
  return value === undefined ? null : typeof value === 'string' ? value : value.join(', ');
}
