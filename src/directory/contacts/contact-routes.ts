import type { FastifyRequest } from 'fastify';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import type { Database } from '../../store/database.js';
import { DirectoryObjectNotFoundError, OperationNotAllowedOnResourceError } from '../directory-errors.js';
import { sendCount } from '../directory-objects/count-response.js';
import { countDirectoryObjects, listDirectoryObjects, type DirectoryListing } from '../directory-objects/directory-listing.js';
import { directoryEntityResponse } from '../directory-objects/entity-response.js';
import { requireObjectId } from '../directory-objects/object-key.js';
import { loadDeclaredExtensions } from '../directory-objects/object-renderer.js';
import { groupCatalog } from '../groups/group-catalog.js';
import { groupsContaining, groupsContainingTransitively } from '../links/link-sources.js';
import { contactCatalog } from './contact-catalog.js';
import { findContact, type StoredContact } from './contact-repository.js';

type ContactRequest = FastifyRequest<{ Params: { id: string } }>;

/** A contact by id; a key that is not a GUID is Graph's 400, an unknown one its 404. */
async function loadContact(db: Kysely<Database>, key: string): Promise<StoredContact> {
  const stored = await findContact(db, requireObjectId(key));
  if (!stored) throw new DirectoryObjectNotFoundError(key);
  return stored;
}

const groupLists: readonly { readonly path: string; readonly source: (id: string) => RawBuilder<unknown> }[] = [
  { path: 'memberOf', source: groupsContaining },
  { path: 'transitiveMemberOf', source: groupsContainingTransitively },
];

/**
 * `/contacts`: organizational contacts, read-only as in Graph (synchronization writes them), with the groups
 * they belong to. Create, update and delete answer Graph's refusal.
 */
export const contactRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.contactsRead } };
  const write = { config: { permissions: requires.contactsWrite } };

  const contactsListing = async (): Promise<DirectoryListing> => ({
    entitySet: 'contacts',
    from: sql.table('contacts'),
    scope: sql`1 = 1`,
    catalog: contactCatalog,
    kind: 'orgContact',
    extensions: await loadDeclaredExtensions(db),
  });

  app.get('/contacts', read, async (request) => listDirectoryObjects(request, context, version, await contactsListing()));

  app.get('/contacts/$count', read, async (request, reply) => sendCount(reply, await countDirectoryObjects(request, context, version, await contactsListing())));

  app.get<{ Params: { id: string } }>('/contacts/:id', read, async (request) => {
    const { contact } = await loadContact(db, request.params.id);
    return directoryEntityResponse(request, context, version, {
      entitySet: 'contacts',
      catalog: contactCatalog,
      kind: 'orgContact',
      data: JSON.stringify(contact),
      extensions: await loadDeclaredExtensions(db),
    });
  });

  for (const list of groupLists) {
    const listing = async (request: ContactRequest): Promise<DirectoryListing> => {
      const { contact } = await loadContact(db, request.params.id);
      const extensions = await loadDeclaredExtensions(db);
      return { entitySet: 'directoryObjects', from: list.source(contact.id), scope: sql`1 = 1`, catalog: groupCatalog(extensions.group), kind: undefined, extensions };
    };
    app.get<{ Params: { id: string } }>(`/contacts/:id/${list.path}`, read, async (request) => listDirectoryObjects(request, context, version, await listing(request)));
    app.get<{ Params: { id: string } }>(`/contacts/:id/${list.path}/$count`, read, async (request, reply) =>
      sendCount(reply, await countDirectoryObjects(request, context, version, await listing(request))),
    );
  }

  app.post('/contacts', write, async () => {
    throw new OperationNotAllowedOnResourceError('Create', 'OrgContact');
  });

  app.patch<{ Params: { id: string } }>('/contacts/:id', write, async (request) => {
    await loadContact(db, request.params.id);
    throw new OperationNotAllowedOnResourceError('Update', 'OrgContact');
  });

  app.delete<{ Params: { id: string } }>('/contacts/:id', write, async (request) => {
    await loadContact(db, request.params.id);
    throw new OperationNotAllowedOnResourceError('Delete', 'OrgContact');
  });
};
