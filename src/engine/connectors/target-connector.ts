/**
 * Where a job provisions to. Implementations translate their protocol's failures into the engine's
 * (`ObjectFailure`: this object failed; `JobLevelFailure`: the job cannot go on). The SCIM 2.0 adapter is
 * `src/engine/targets/scim-target.ts`.
 */
export interface TargetConnector {
  /** Names the target in logs (`targetSystem`). */
  readonly displayName: string;
  /**
   * What to check when the target cannot be reached at all (the job-level TargetUnreachable): where its system
   * keeps the address. Targets that need no connection have none.
   */
  readonly unreachableAction?: string;
  /** The hosted service's test connection: a lookup that must succeed and find nothing. */
  probe(objectType: string, matchingAttribute: string): Promise<void>;
  /** Objects whose `attribute` equals `value` (matching, and SelectUniqueValue's uniqueness oracle). */
  find(objectType: string, attribute: string, value: string): Promise<readonly TargetObject[]>;
  /**
   * Creates an object from target attribute paths and values (null: mapped but without a value, not sent);
   * references are written later.
   */
  create(objectType: string, attributes: ReadonlyMap<string, unknown>): Promise<TargetObject>;
  /** Writes the changed attributes only (`oldValue` is what was exported, `newValue` what is wanted). */
  update(objectType: string, id: string, changes: readonly AttributeUpdate[]): Promise<void>;
  /** Deletes an object; one that is already gone counts as deleted. */
  delete(objectType: string, id: string): Promise<void>;
  /** Net membership changes of a group, by target ids. */
  updateMembers(objectType: string, groupId: string, add: readonly string[], remove: readonly string[]): Promise<void>;
}

export interface TargetObject {
  readonly id: string;
  /** The value the target holds for a mapped attribute path (undefined when absent). */
  valueOf(path: string): unknown;
}

export interface AttributeUpdate {
  readonly path: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}
