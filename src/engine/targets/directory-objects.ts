import type { Kysely, RawBuilder } from 'kysely';
import type { ResourceCatalog } from '../../api/odata/index.js';
import type { Database } from '../../store/database.js';
import type { AnchoredTable } from '../../directory/directory-objects/source-anchors.js';
import type { DirectoryState } from './directory-documents.js';

/** What every object the target writes is stamped with, and the tenant's rules it needs. */
export interface SyncStamp {
  /** onPremisesLastSyncDateTime. */
  readonly at: string;
  /** onPremisesDomainName of users and groups, when the job knows the AD domain. */
  readonly onPremisesDomainName: string | undefined;
  /** The tenant's domain (userPrincipalName suffixes, group addresses). */
  readonly tenantDomain: string;
}

/** Attribute values by schema name, as the engine hands them (export values). */
export type AttributeValues = readonly (readonly [string, unknown])[];

/**
 * One kind of directory object (users, groups, contacts) as the directory target writes it, through the
 * directory's repository functions so that the change feed, delta and every reader see the writes as they
 * see Graph's. Every method runs inside the caller's transaction.
 */
export interface DirectoryObjects {
  readonly table: AnchoredTable;
  /** How `find` queries the kind: its OData catalog and the rows it shows. */
  readonly catalog: ResourceCatalog;
  readonly liveRows: RawBuilder<unknown>;
  /** A live object, locked for the write that follows on PostgreSQL. */
  load(db: Kysely<Database>, id: string): Promise<DirectoryState | undefined>;
  /** Creates an object; one with the same anchor in deleted items is restored and updated instead. */
  create(db: Kysely<Database>, values: AttributeValues, stamp: SyncStamp): Promise<DirectoryState>;
  /** Writes changed values; nothing when no property changes. */
  update(db: Kysely<Database>, state: DirectoryState, values: AttributeValues, stamp: SyncStamp): Promise<void>;
  /** Deletes as cloud sync does (users and groups go to deleted items); false when already gone. */
  remove(db: Kysely<Database>, id: string): Promise<boolean>;
}

/** The stamp's properties on a document that holds them (contacts have no onPremisesDomainName). */
export function stamped(document: Record<string, unknown>, stamp: SyncStamp, withDomain: boolean): Record<string, unknown> {
  return {
    ...document,
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: stamp.at,
    ...(withDomain && stamp.onPremisesDomainName !== undefined ? { onPremisesDomainName: stamp.onPremisesDomainName } : {}),
  };
}

/** Whether a write changes anything but the stamp itself (a sync time alone is not a change). */
export function changesBeyondStamp(changed: readonly string[]): boolean {
  return changed.some((property) => property !== 'onPremisesLastSyncDateTime');
}
