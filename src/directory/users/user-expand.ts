import type { Kysely } from 'kysely';
import type { GraphVersion } from '../../api/graph/graph-route-module.js';
import type { QueryOptions } from '../../api/odata/index.js';
import type { Database } from '../../store/database.js';
import { renderDirectoryObject, type DeclaredExtensions } from '../directory-objects/object-renderer.js';

/**
 * `$expand=manager` on users: one query for the whole page; users without a (live) manager get no
 * `manager` property, as Graph omits it.
 */
export function expandManager(db: Kysely<Database>, version: GraphVersion, extensions: DeclaredExtensions) {
  return async (entities: Record<string, unknown>[], options: QueryOptions): Promise<void> => {
    const item = options.expand?.find((expand) => expand.property === 'manager');
    const ids = entities.map((entity) => entity.id).filter((id): id is string => typeof id === 'string');
    if (item === undefined || ids.length === 0) return;
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('users as m', 'm.id', 'u.manager_id')
      .select(['u.id as userId', 'm.data as data'])
      .where('u.id', 'in', ids)
      .where('m.deleted_at', 'is', null)
      .execute();
    const managers = new Map(rows.map((row) => [row.userId, row.data]));
    for (const entity of entities) {
      const data = managers.get(entity.id as string);
      if (data !== undefined) entity.manager = renderDirectoryObject('user', data, { version, select: item.select, annotate: true, extensions });
    }
  };
}
