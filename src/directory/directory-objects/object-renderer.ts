import type { Kysely } from 'kysely';
import type { GraphVersion } from '../../api/graph/graph-route-module.js';
import { projectEntity } from '../../api/odata/index.js';
import type { Database } from '../../store/database.js';
import { listExtensionProperties } from '../extension-properties/extension-property-repository.js';
import type { ExtensionProperty } from '../extension-properties/extension-property.js';
import { isExtensionAttributeName } from '../extension-properties/extension-property.js';
import { userDefaultSelectV1 } from '../users/user.js';

export type DirectoryObjectKind = 'user' | 'group' | 'orgContact' | 'servicePrincipal';

/** The tenant's extension properties by the object kind they are declared for, read once per request. */
export interface DeclaredExtensions {
  readonly user: readonly ExtensionProperty[];
  readonly group: readonly ExtensionProperty[];
}

export async function loadDeclaredExtensions(db: Kysely<Database>): Promise<DeclaredExtensions> {
  const all = await listExtensionProperties(db);
  return Object.freeze({
    user: all.filter((property) => property.targetObjects.includes('User')),
    group: all.filter((property) => property.targetObjects.includes('Group')),
  });
}

export interface RenderOptions {
  readonly version: GraphVersion;
  readonly select: readonly string[] | undefined;
  /** Add `@odata.type`, as Graph does in collections that mix users and groups (members, memberOf). */
  readonly annotate: boolean;
  readonly extensions: DeclaredExtensions;
}

const odataTypes: Readonly<Record<DirectoryObjectKind, string>> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  orgContact: '#microsoft.graph.orgContact',
  servicePrincipal: '#microsoft.graph.servicePrincipal',
};

/**
 * A stored user, group, contact (or service principal, as an owner) as Graph returns it: extension values whose declaration is gone are dropped,
 * `$select` shapes it, and without `$select` v1.0 users show Graph's default property set.
 */
export function renderDirectoryObject(kind: DirectoryObjectKind, data: string, options: RenderOptions): Record<string, unknown> {
  const stored = JSON.parse(data) as Record<string, unknown>;
  const extensions = kind === 'user' || kind === 'group' ? options.extensions[kind] : [];
  const declared = new Set(extensions.map((property) => property.name.toLowerCase()));
  const entity: Record<string, unknown> = options.annotate ? { '@odata.type': odataTypes[kind] } : {};
  for (const [key, value] of Object.entries(stored)) {
    if (isExtensionAttributeName(key) && (!declared.has(key.toLowerCase()) || value === null)) continue;
    entity[key] = value;
  }
  if (options.select !== undefined) return projectEntity(entity, options.select);
  if (kind === 'user' && options.version === 'v1.0') return projectEntity(entity, userDefaultSelectV1);
  return entity;
}

export function odataTypeOf(kind: DirectoryObjectKind): string {
  return odataTypes[kind];
}
