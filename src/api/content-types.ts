import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../errors/graph-error.js';

/**
 * Body parsers. JSON allows an empty body (Graph SDKs send `Content-Type: application/json` on bodiless
 * actions such as start); malformed JSON is a 400 in Graph's words. Form bodies are for the token endpoint.
 */
export function installContentTypeParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parseJson = (_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void) => {
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (error) {
      done(
        new BadRequestError(
          `Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format. (${(error as Error).message})`,
        ),
      );
    }
  };
  app.addContentTypeParser(['application/json', 'application/scim+json', 'text/json'], { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
