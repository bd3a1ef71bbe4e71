import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the token endpoint. */
export interface TokenAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly delayMs?: number;
}

export interface OAuthTokenEndpoint {
  readonly url: string;
  /** Form bodies received, in order. */
  readonly requests: URLSearchParams[];
  close(): Promise<void>;
}

/**
 * A tiny OAuth 2.0 token endpoint on node:http, 127.0.0.1, random port. It answers from a script, one entry
 * per request; the last entry repeats.
 */
export async function startTokenEndpoint(answers: readonly TokenAnswer[]): Promise<OAuthTokenEndpoint> {
  if (answers.length === 0) throw new RangeError('the token endpoint needs at least one answer');
  const requests: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      requests.push(new URLSearchParams(raw));
      const answer = answers[Math.min(requests.length, answers.length) - 1]!;
      setTimeout(() => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/oauth2/token`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
