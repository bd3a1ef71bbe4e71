import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { BadRequestError } from '../../errors/graph-error.js';
import { directoryEntityResponse } from '../directory-objects/entity-response.js';
import { loadDeclaredExtensions } from '../directory-objects/object-renderer.js';
import { userCatalog } from './user-catalog.js';
import { expandManager } from './user-expand.js';
import { loadUser } from './user-routes.js';

/** `GET /me`: the signed-in user of a delegated token. */
export const meRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  app.get('/me', { config: { permissions: ['User.Read', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'] } }, async (request) => {
    if (request.principal?.kind !== 'user') {
      throw new BadRequestError('/me request is only valid with delegated authentication flow.');
    }
    const stored = await loadUser(db, request.principal.objectId);
    const extensions = await loadDeclaredExtensions(db);
    return directoryEntityResponse(request, context, version, {
      entitySet: 'users',
      catalog: userCatalog(extensions.user),
      kind: 'user',
      data: JSON.stringify(stored.user),
      extensions,
      expand: expandManager(db, version, extensions),
    });
  });
};
