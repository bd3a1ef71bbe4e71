import type { AppRoleAssignment } from '../../expressions/index.js';
import type { SynchronizationError } from '../../sync/jobs/synchronization-job.js';

/**
 * Where a job's objects come from. The built-in directory is the first implementation
 * (`src/connectors/directory/`); an LDAP or API-driven source implements the same interface.
 */
export interface SourceConnector {
  /** Where an incremental import begun now would start: everything before it is covered by a full import. */
  currentWatermark(): Promise<string>;
  /** Every object of a type in the job's assignment scope, streamed in pages of at most `pageSize`. */
  fullImport(objectType: string, pageSize: number): AsyncIterable<readonly SourceObject[]>;
  /** How many objects `fullImport` will yield, for progress. */
  countInScope(objectType: string): Promise<number>;
  /** The changes after `watermark`, at most `limit` of them, and where to continue. */
  incrementalImport(watermark: string, limit: number): Promise<IncrementalImport>;
  /** Objects by id in their current state; ids that no longer exist come back with state `gone`. */
  readObjects(objectType: string, ids: readonly string[]): Promise<SourceObject[]>;
  /** The groups each of these objects is a direct member of (for members provisioned after their groups). */
  groupsContaining(memberIds: readonly string[]): Promise<Map<string, string[]>>;
  /**
   * provisionOnDemand's subjects, named as the hosted service names them for this kind of source (Active
   * Directory: distinguished names); subjects not found are left out. Sources whose ids are those names do not
   * implement it (readObjects is used).
   */
  readSubjects?(objectType: string, names: readonly string[]): Promise<SourceObject[]>;
  /** A problem with the job's configuration that the source found and worked around this cycle, for its status. */
  configurationError?(): Promise<SynchronizationError | null>;
}

export type SourceObjectState = 'live' | 'softDeleted' | 'gone';

/** One source object as a cycle sees it. */
export interface SourceObject {
  readonly id: string;
  /** Source object name of the schema (`User`, `Group`; `user`, `inetOrgPerson`, `group`, `contact` from AD). */
  readonly objectType: string;
  readonly state: SourceObjectState;
  readonly displayName: string | null;
  /** In the job's assignment scope: assigned directly or through a group, or synchronize-all. */
  readonly entitled: boolean;
  /** `accountEnabled`; groups are always enabled. */
  readonly enabled: boolean;
  /**
   * Attribute values by the source directory's schema names (`userPrincipalName`, `telephoneNumber`…).
   * Reference attributes hold source ids: `manager` one id, `members` a list.
   */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** App role assignments to the job's application (SingleAppRoleAssignment & co.). */
  readonly appRoleAssignments: readonly AppRoleAssignment[];
}

/**
 * A source object that no longer exists: what `readObjects` answers for an id the source cannot find.
 * `attributes`: what mappings may still read of it (the directory's `objectId`).
 */
export function goneObject(id: string, objectType: string, attributes: Readonly<Record<string, unknown>> = {}): SourceObject {
  return Object.freeze({
    id,
    objectType,
    state: 'gone',
    displayName: null,
    entitled: false,
    enabled: false,
    attributes: Object.freeze({ ...attributes }),
    appRoleAssignments: Object.freeze([]),
  });
}

/** What changed since a watermark, reduced to the objects to evaluate again. */
export interface SourceChanges {
  /** Object id → source object name. */
  readonly objects: ReadonlyMap<string, string>;
  /** Group membership changes, in order: each pair is reconciled on its own. */
  readonly memberships: readonly MembershipChange[];
  /** Groups whose members changed without the source saying which (their whole membership is reconciled). */
  readonly reconcileGroups?: readonly string[];
  /** Change-feed entries read (countImportedDeltas). */
  readonly deltas: number;
  /** Of which reference changes (manager, members) (countImportedReferenceDeltas). */
  readonly referenceDeltas: number;
}

export interface MembershipChange {
  readonly groupId: string;
  readonly memberId: string;
}

export interface IncrementalImport {
  readonly changes: SourceChanges;
  readonly watermark: string;
  readonly hasMore: boolean;
}
