import { Agent, errors } from 'undici';
import { HttpTimeoutError, type HttpClient, type HttpRequest, type HttpResponse } from './http-client.js';

/**
 * The SCIM client's HTTP: undici's request API over a keep-alive connection pool per origin, at most
 * `connections` connections each, one request at a time per connection. It costs a fraction of the CPU of
 * fetch or node:http per request (docs/benchmarks.md), which is what bounds the engine against a fast target.
 * Timeouts are undici's (one timer wheel for all requests) rather than a timer and AbortSignal per request.
 */
export class PooledHttpClient implements HttpClient {
  readonly #agent: Agent;

  constructor(options: { readonly connections: number }) {
    this.#agent = new Agent({ connections: options.connections, pipelining: 1 });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { origin, path } = splitUrl(request.url);
    try {
      const response = await this.#agent.request({
        origin,
        path,
        method: request.method as 'GET',
        headers: request.headers,
        body: request.body,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
      });
      return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
    } catch (error) {
      if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
        throw new HttpTimeoutError(`no response within ${request.timeoutMs} ms`, { cause: error });
      }
      throw error;
    }
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}

/** Origins are few (one per target): each is parsed once; the path is taken as the caller built it. */
const origins = new Map<string, string>();

function splitUrl(url: string): { readonly origin: string; readonly path: string } {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  if (pathStart === -1) {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  }
  const prefix = url.slice(0, pathStart);
  let origin = origins.get(prefix);
  if (origin === undefined) {
    origin = new URL(prefix).origin;
    if (origins.size < 1_000) origins.set(prefix, origin);
  }
  return { origin, path: url.slice(pathStart) };
}
