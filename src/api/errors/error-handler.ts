import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  BadRequestError,
  GraphError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  isGraphError,
} from '../../errors/graph-error.js';
import { graphErrorBody } from './error-body.js';

/** Translates framework errors (body parsing, limits) into the Graph errors a client would get from Graph. */
function fromFrameworkError(error: FastifyError): GraphError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaTypeError(
        `The content type of the request is not supported. Send 'application/json'.`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PayloadTooLargeError('The request body is larger than the service accepts.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new BadRequestError('The Content-Length header does not match the body.');
    case 'FST_ERR_VALIDATION':
      return new BadRequestError(error.message);
    default:
      if (error.statusCode === 405) return new MethodNotAllowedError(error.message);
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return new GraphError(error.statusCode, 'BadRequest', error.message);
      }
      return undefined;
  }
}

export function sendGraphError(request: FastifyRequest, reply: FastifyReply, error: GraphError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .status(error.status)
    .type('application/json; charset=utf-8')
    .send(graphErrorBody(error, request.id, request.clientRequestId ?? request.id));
}

/**
 * The single place errors become responses. Anything that is not a GraphError is logged with its stack and
 * answered with a generic 500 that leaks nothing.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const graphError = isGraphError(error) ? error : fromFrameworkError(error);
    if (graphError) {
      if (graphError.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendGraphError(request, reply, graphError);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendGraphError(
      request,
      reply,
      new GraphError(500, 'generalException', 'An internal server error occurred while processing the request.'),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const segments = path.split('/').filter(Boolean);
    if (segments[0] === 'v1.0' || segments[0] === 'beta') {
      // Graph names the first segment it could not resolve; the last one is the usual culprit.
      const segment = segments.length > 1 ? decodeURIComponent(segments[segments.length - 1] ?? '') : '';
      return sendGraphError(request, reply, new BadRequestError(`Resource not found for the segment '${segment}'.`));
    }
    return sendGraphError(request, reply, new GraphError(404, 'NotFound', `No resource at ${request.method} ${path}.`));
  });
}
