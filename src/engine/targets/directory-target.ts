import { sql, type Kysely } from 'kysely';
import { DirectoryObjectNotFoundError } from '../../directory/directory-errors.js';
import { resolveReferences } from '../../directory/directory-objects/object-lookup.js';
import { findGroup } from '../../directory/groups/group-repository.js';
import { addGroupLinks, removeGroupLink } from '../../directory/links/membership-repository.js';
import type { Database } from '../../store/database.js';
import { azureActiveDirectoryName } from '../../sync/templates/directories/azure-active-directory.js';
import type { AttributeUpdate, TargetConnector, TargetObject } from '../connectors/target-connector.js';
import { ObjectFailure } from '../engine-errors.js';
import type { DirectoryObjectType } from './directory-attributes.js';
import { readAttribute, type DirectoryState } from './directory-documents.js';
import { directoryContacts } from './directory-contacts.js';
import { directorySchemaFailure, fromDirectoryError } from './directory-failures.js';
import { directoryGroups } from './directory-groups.js';
import { lookupIds, lookupPlan } from './directory-lookup.js';
import type { DirectoryObjects, SyncStamp } from './directory-objects.js';
import { directoryUsers } from './directory-users.js';
import { DirectoryWriteBatch } from './directory-write-batch.js';

export interface DirectoryTargetOptions {
  /** The tenant's domain: userPrincipalNames with another suffix take it, as Entra gives them its initial domain. */
  readonly tenantDomain: string;
  /** The AD domain objects come from, stamped as users' and groups' onPremisesDomainName when known. */
  readonly onPremisesDomainName?: string;
  /** The clock of onPremisesLastSyncDateTime. */
  readonly now?: () => Date;
}

const kinds: Readonly<Record<DirectoryObjectType, DirectoryObjects>> = { User: directoryUsers, Group: directoryGroups, Contact: directoryContacts };

/**
 * Provisio's directory as a job's target: cloud sync (Active Directory → directory) writes users, groups and
 * contacts through the directory's repositories, exactly as Graph writes land (change feed, delta, deleted
 * items). Attributes are the cloud sync schema's (`directory-attributes.ts`), every object written is marked
 * synchronized (`onPremisesSyncEnabled`, `onPremisesLastSyncDateTime`, `onPremisesDomainName`), and deletes
 * are soft (users and groups go to deleted items and come back when their anchor reappears). Graph's
 * read-only rule for synchronized objects does not apply here: this is the synchronization writing.
 */
export class DirectoryTarget implements TargetConnector {
  readonly displayName = azureActiveDirectoryName;
  /** Creates, updates, deletes and member changes, committed in groups. */
  readonly #writes: DirectoryWriteBatch;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: DirectoryTargetOptions,
  ) {
    this.#writes = new DirectoryWriteBatch(db);
  }

  /** Test connection: the object type and matching attribute must be ones the directory can look up. */
  async probe(objectType: string, matchingAttribute: string): Promise<void> {
    const type = typeOf(objectType);
    if (lookupPlan(type, kinds[type], matchingAttribute) === undefined) {
      throw directorySchemaFailure(`Test connection failed: the directory cannot match ${type} objects on '${matchingAttribute}'.`);
    }
    await call(() => sql`select 1 from ${sql.table(kinds[type].table)} limit 1`.execute(this.db));
  }

  async find(objectType: string, attribute: string, value: string): Promise<readonly TargetObject[]> {
    const type = typeOf(objectType);
    const objects = kinds[type];
    const plan = lookupPlan(type, objects, attribute);
    if (plan === undefined) {
      throw new ObjectFailure('SchemaAttributeNotFound', `The directory cannot look ${type} objects up by '${attribute}'.`, {
        retryable: false,
        recommendedAction: 'Match on sourceAnchorBinary, userPrincipalName, mail or another attribute the directory can filter on.',
      });
    }
    return call(async () => {
      const ids = await lookupIds(this.db, objects, plan, type, value, this.options.tenantDomain);
      const states = await Promise.all(ids.map((id) => objects.load(this.db, id)));
      return states.filter((state): state is DirectoryState => state !== undefined).map((state) => targetObject(type, state));
    });
  }

  async create(objectType: string, attributes: ReadonlyMap<string, unknown>): Promise<TargetObject> {
    const type = typeOf(objectType);
    // Mapped attributes without a value are not written: the new object keeps Graph's defaults.
    const values = [...attributes].filter(([, value]) => value !== null && value !== undefined);
    const state = await call(() => this.#writes.run((trx) => kinds[type].create(trx, values, this.#stamp())));
    return targetObject(type, state);
  }

  async update(objectType: string, id: string, changes: readonly AttributeUpdate[]): Promise<void> {
    const type = typeOf(objectType);
    await call(() =>
      this.#writes.run(async (trx) => {
        const state = await kinds[type].load(trx, id);
        if (state === undefined) throw new DirectoryObjectNotFoundError(id);
        await kinds[type].update(trx, state, changes.map((change) => [change.path, change.newValue] as const), this.#stamp());
      }),
    );
  }

  async delete(objectType: string, id: string): Promise<void> {
    const type = typeOf(objectType);
    // Already gone is what a delete wants (a replayed cycle may delete twice).
    await call(() => this.#writes.run((trx) => kinds[type].remove(trx, id)));
  }

  async updateMembers(objectType: string, groupId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    if (typeOf(objectType) !== 'Group') throw directorySchemaFailure(`Only groups have members in the directory, not ${objectType} objects.`);
    if (add.length === 0 && remove.length === 0) return;
    await call(() =>
      this.#writes.run(async (trx) => {
        const group = await findGroup(trx, groupId);
        if (!group) throw new DirectoryObjectNotFoundError(groupId);
        // Members already linked (a replayed cycle) are not linked twice; nested groups keep the cycle check.
        const linked = new Set(
          add.length === 0
            ? []
            : (await trx.selectFrom('group_members').select('member_id').where('group_id', '=', group.id).where('member_id', 'in', [...add]).execute()).map(
                (row) => row.member_id,
              ),
        );
        const added = await resolveReferences(trx, [...new Set(add)].filter((id) => !linked.has(id)), 'members', ['user', 'group', 'orgContact']);
        await addGroupLinks(trx, group.id, 'members', added);
        for (const memberId of remove) await removeGroupLink(trx, group.id, 'members', memberId);
      }),
    );
  }

  #stamp(): SyncStamp {
    return {
      at: (this.options.now?.() ?? new Date()).toISOString(),
      onPremisesDomainName: this.options.onPremisesDomainName,
      tenantDomain: this.options.tenantDomain,
    };
  }
}

function typeOf(objectType: string): DirectoryObjectType {
  const type = (Object.keys(kinds) as DirectoryObjectType[]).find((name) => name.toLowerCase() === objectType.toLowerCase());
  if (type === undefined) throw directorySchemaFailure(`The directory has no object type '${objectType}': it takes User, Group and Contact objects.`);
  return type;
}

function targetObject(type: DirectoryObjectType, state: DirectoryState): TargetObject {
  return Object.freeze({ id: state.id, valueOf: (path: string) => readAttribute(type, state, path) });
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw fromDirectoryError(error);
  }
}
