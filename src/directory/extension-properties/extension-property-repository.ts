import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import type { ExtensionProperty, ExtensionTargetObject } from './extension-property.js';

/** Extension properties are few (a handful per application): reads load them whole. */
function fromData(data: string): ExtensionProperty {
  return JSON.parse(data) as ExtensionProperty;
}

export async function insertExtensionProperty(db: Kysely<Database>, applicationId: string, property: ExtensionProperty): Promise<void> {
  await db
    .insertInto('extension_properties')
    .values({
      id: property.id,
      application_id: applicationId,
      name: property.name,
      name_lower: property.name.toLowerCase(),
      created_at: new Date().toISOString(),
      data: JSON.stringify(property),
    })
    .execute();
  await appendChange(db, { objectType: 'application', objectId: applicationId, changeType: 'updated', details: { properties: ['extensionProperties'] } });
}

export async function findExtensionPropertyByName(db: Kysely<Database>, name: string): Promise<ExtensionProperty | undefined> {
  const row = await db.selectFrom('extension_properties').select('data').where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
  return row ? fromData(row.data) : undefined;
}

export async function listExtensionPropertiesOfApplication(db: Kysely<Database>, applicationId: string): Promise<ExtensionProperty[]> {
  const rows = await db.selectFrom('extension_properties').select('data').where('application_id', '=', applicationId).orderBy('name_lower').execute();
  return rows.map((row) => fromData(row.data));
}

/**
 * Every extension property of the tenant, or only those that may be set on `target` objects. Properties
 * of a deleted application no longer count, as in Entra.
 */
export async function listExtensionProperties(db: Kysely<Database>, target?: ExtensionTargetObject): Promise<ExtensionProperty[]> {
  const rows = await db
    .selectFrom('extension_properties as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select('e.data')
    .where('a.deleted_at', 'is', null)
    .orderBy('e.name_lower')
    .execute();
  const all = rows.map((row) => fromData(row.data));
  return target === undefined ? all : all.filter((property) => property.targetObjects.includes(target));
}

/**
 * Removes a declaration. Values already written stay in the objects' JSON but are no longer returned,
 * as in Entra, where they become inaccessible; rewriting a million users here would be a bulk job.
 */
export async function deleteExtensionProperty(db: Kysely<Database>, applicationId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('extension_properties').where('application_id', '=', applicationId).where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) return false;
  await appendChange(db, { objectType: 'application', objectId: applicationId, changeType: 'updated', details: { properties: ['extensionProperties'] } });
  return true;
}
