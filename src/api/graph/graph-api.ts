import type { FastifyInstance } from 'fastify';
import { installBearerAuthentication } from '../auth/bearer-authentication.js';
import type { ServiceContext } from '../service-context.js';
import type { GraphRouteModule, GraphVersion } from './graph-route-module.js';
import { installJsonTextSerializer } from './json-text.js';

const versions: readonly GraphVersion[] = ['v1.0', 'beta'];

/** Mounts the Graph route modules under both API versions, behind bearer authentication. */
export async function registerGraphApi(
  app: FastifyInstance,
  context: ServiceContext,
  modules: readonly GraphRouteModule[],
): Promise<void> {
  for (const version of versions) {
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', (_request, reply, done) => {
          reply.header('odata-version', '4.0');
          done();
        });
        installBearerAuthentication(scope, context.tokens);
        installJsonTextSerializer(scope);
        for (const module of modules) module(scope, { context, version });
      },
      { prefix: `/${version}` },
    );
  }
}
