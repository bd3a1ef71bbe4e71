import type { FastifyInstance } from 'fastify';

/**
 * A response body that is already JSON text: entities stored as the Graph documents they are served as go
 * out without being parsed and serialized again (for a 5 KB service principal that round trip costs more
 * than the SQL that reads it).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The Graph API's serializer: JsonText as it is, everything else through JSON.stringify. */
export function installJsonTextSerializer(scope: FastifyInstance): void {
  scope.setReplySerializer((payload) => (payload instanceof JsonText ? payload.text : JSON.stringify(payload)));
}
