import {
  ScimNotFoundError,
  buildCreateBody,
  buildPatchOperations,
  type ScimClient,
  type ScimPatchDialect,
  type ScimResource,
  type ScimResourceKind,
} from '../../connectors/scim/index.js';
import type { AttributeUpdate, TargetConnector, TargetObject } from '../connectors/target-connector.js';
import { fromScimError, scimTestConnectionFailure, scimUnreachableAction } from './scim-failures.js';
import { resourceValue } from './scim-resource-values.js';

/**
 * A SCIM 2.0 application as a job's target: the engine's operations over ScimClient, with the wire shapes of
 * engine-behavior §2 (create bodies, PATCH of changed attributes in the tenant URL's dialect, chunked member
 * changes). Object types are the schema's target object names; those ending in `Group` are groups.
 */
export class ScimTarget implements TargetConnector {
  readonly displayName: string;
  readonly unreachableAction = scimUnreachableAction;

  constructor(
    private readonly client: ScimClient,
    /** The hosted service does not apply `aadOptscim062020` to provision on demand (engine-behavior §2.4). */
    private readonly dialect: ScimPatchDialect = client.dialect,
  ) {
    this.displayName = client.settings.baseUrl;
  }

  async probe(objectType: string, matchingAttribute: string): Promise<void> {
    const result = await this.client.validateCredentials({ matchingAttribute, includeGroups: kindOf(objectType) === 'Group' });
    if (result.status === 'valid') return;
    const code = result.status === 'invalidCredentials' ? 'InvalidCredentials' : result.status === 'unreachable' ? 'TargetUnreachable' : result.error.code;
    throw scimTestConnectionFailure(code, `Test connection failed: ${result.message}`, result.error);
  }

  async find(objectType: string, attribute: string, value: string): Promise<readonly TargetObject[]> {
    const found = await call(() => (kindOf(objectType) === 'Group' ? this.client.findGroups(attribute, value) : this.client.findUsers(attribute, value)));
    return found.map(targetObject);
  }

  async create(objectType: string, attributes: ReadonlyMap<string, unknown>): Promise<TargetObject> {
    const kind = kindOf(objectType);
    const body = buildCreateBody(kind, attributes);
    return targetObject(await call(() => (kind === 'Group' ? this.client.createGroup(body) : this.client.createUser(body))));
  }

  async update(objectType: string, id: string, changes: readonly AttributeUpdate[]): Promise<void> {
    const kind = kindOf(objectType);
    const operations = buildPatchOperations(kind, changes, this.dialect);
    if (operations.length === 0) return;
    await call(() => (kind === 'Group' ? this.client.patchGroup(id, operations) : this.client.patchUser(id, operations)));
  }

  async delete(objectType: string, id: string): Promise<void> {
    try {
      await (kindOf(objectType) === 'Group' ? this.client.deleteGroup(id) : this.client.deleteUser(id));
    } catch (error) {
      // Already gone is what a delete wants (a replayed cycle may delete twice).
      if (error instanceof ScimNotFoundError) return;
      throw fromScimError(error);
    }
  }

  async updateMembers(_objectType: string, groupId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    if (add.length === 0 && remove.length === 0) return;
    await call(() => this.client.patchGroupMembers(groupId, add, remove, { dialect: this.dialect }));
  }
}

export function kindOf(objectType: string): ScimResourceKind {
  return /(^|:)group$/i.test(objectType) ? 'Group' : 'User';
}

function targetObject(resource: ScimResource): TargetObject {
  return Object.freeze({ id: resource.id, valueOf: (path: string) => resourceValue(resource, path) });
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw fromScimError(error);
  }
}
