import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';

/**
 * Registers a bound OData action or function under every spelling clients use: plain (`start`) and
 * namespace-qualified (`microsoft.graph.start`), and for functions also with `()`.
 */
export function graphOperation<Params>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  base: string,
  name: string,
  options: RouteShorthandOptions,
  handler: (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => Promise<unknown>,
): void {
  const names = [name, `microsoft.graph.${name}`];
  const paths = method === 'GET' ? names.flatMap((n) => [`${base}/${n}`, `${base}/${n}()`]) : names.map((n) => `${base}/${n}`);
  for (const url of paths) app.route<{ Params: Params }>({ ...options, method, url, handler });
}
