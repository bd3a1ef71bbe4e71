import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` the engine hands to its SCIM clients: node:http(s) over a keep-alive agent per target, with at
 * most `maxSockets` connections. It does what the SCIM client asks of fetch — a method, string headers, a
 * string body, an AbortSignal (the request timeout) — and answers with the parts of a Response it reads
 * (`status`, `ok`, `headers.get`, iterable headers, `text()`, `json()`). Node's global fetch costs several
 * times more CPU per request, which at the engine's request rates is the difference between saturating a
 * target and idling on the client (docs/benchmarks.md).
 */
export function keepAliveFetch(options: { readonly maxSockets: number }): typeof fetch {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' }),
  };
  const send = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = parseUrl(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const protocol = url.protocol as 'http:' | 'https:';
      const agent = agents[protocol];
      if (!agent) return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const body = typeof init.body === 'string' ? init.body : undefined;
      const headers = headerRecord(init.headers);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const request = (protocol === 'https:' ? https : http).request({ hostname: url.hostname, port: url.port, path: url.path, method: init.method ?? 'GET', headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          signal?.removeEventListener('abort', abort);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          resolve(responseLike(status, response.statusMessage ?? '', response.headers, text));
        });
      });
      const abort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      function fail(error: Error) {
        signal?.removeEventListener('abort', abort);
        // What fetch throws: a TypeError whose cause names the network error; an abort rethrows its reason.
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      }
      signal?.addEventListener('abort', abort, { once: true });
      request.on('error', fail);
      request.end(body);
    });
  return send as typeof fetch;
}

interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  readonly path: string;
}

/** Origins are few (one per target): each is parsed once; the path is taken as the caller built it. */
const origins = new Map<string, Omit<ParsedUrl, 'path'>>();

function parseUrl(text: string): ParsedUrl {
  const pathStart = text.indexOf('/', text.indexOf('//') + 2);
  if (pathStart === -1) {
    const url = new URL(text);
    return { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: `${url.pathname}${url.search}` };
  }
  const origin = text.slice(0, pathStart);
  let parts = origins.get(origin);
  if (!parts) {
    const url = new URL(origin);
    parts = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port };
    if (origins.size < 1_000) origins.set(origin, parts);
  }
  return { ...parts, path: text.slice(pathStart) };
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}

function responseLike(status: number, statusText: string, raw: http.IncomingHttpHeaders, text: string): Response {
  // Header entries are built only when someone iterates them (the SCIM client's exchange observer).
  const entries = () => {
    const pairs = Object.entries(raw).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]]));
    return pairs[Symbol.iterator]();
  };
  const headers = {
    get: (name: string) => {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    has: (name: string) => raw[name.toLowerCase()] !== undefined,
    [Symbol.iterator]: entries,
    entries,
  };
  return {
    status,
    statusText,
    ok: status >= 200 && status < 300,
    headers,
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  } as unknown as Response;
}
