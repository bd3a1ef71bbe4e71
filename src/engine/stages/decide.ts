import type { ScopeEvaluation } from './scope.js';

/** Why nothing is sent for an object. */
export type SkipReason =
  | 'NotInScope'
  | 'NotProvisioned'
  | 'DisabledNotProvisioned'
  | 'CreateNotAllowed'
  | 'UpdateNotAllowed'
  | 'DeleteNotAllowed'
  | 'SkipOutOfScopeDeletions'
  | 'NoSoftDeleteMapping';

export type Decision =
  /** Unlinked and nothing to do. */
  | { readonly kind: 'skip'; readonly reason: SkipReason }
  /** Unlinked and in scope: match, then create or link. */
  | { readonly kind: 'provision' }
  /**
   * Linked: export the changed attributes of the given subset. `deprovisioning` marks a disable (the object
   * left scope, was soft-deleted or disabled): if it changes a soft-deletion attribute it counts against the
   * delete threshold and waits for the deprovisioning pass.
   */
  | { readonly kind: 'update'; readonly attributes: 'all' | 'allButSoftDeletion' | 'softDeletionOnly'; readonly deprovisioning: boolean }
  /** Linked and gone from the source (or out of scope where the target cannot disable): DELETE. */
  | { readonly kind: 'delete' }
  /** Linked, but nothing may be sent. */
  | { readonly kind: 'keep'; readonly reason: SkipReason };

export interface DecisionInput {
  readonly scope: ScopeEvaluation;
  readonly linked: boolean;
  readonly actions: { readonly add: boolean; readonly update: boolean; readonly delete: boolean };
  /** The target disables objects instead of deleting them (IsSoftDeletionSupported). */
  readonly softDeletionSupported: boolean;
  /** The object mapping has a mapping that reads IsSoftDeleted. */
  readonly hasSoftDeletionMapping: boolean;
  readonly skipOutOfScopeDeletions: boolean;
}

/**
 * What to do with one object (engine-behavior §1.2, §1.3, §1.11):
 * - unlinked: in scope and enabled → provision; a disabled account is never created; otherwise skip. A
 *   mapping that may update but not create (flowTypes `Update`) matches existing objects, disabled or not.
 * - linked and hard-deleted → delete (if the Delete action is allowed).
 * - linked and in scope → update; a disabled account is disabled through the IsSoftDeleted mapping.
 * - linked and out of scope or soft-deleted → disable through the IsSoftDeleted mappings where the target
 *   supports it (nothing if no mapping reads IsSoftDeleted), delete where it does not (groups).
 * - SkipOutOfScopeDeletions: no disable and no delete for objects that left scope; a disabled account's
 *   other attributes still flow.
 */
export function decide(input: DecisionInput): Decision {
  const { scope, linked, actions } = input;
  if (!linked) {
    // An Update-only mapping (writeback to AD) links objects that match and never creates: matching still runs.
    const matchOnly = !actions.add && actions.update;
    if (scope.reason === 'InScope') return actions.add || matchOnly ? { kind: 'provision' } : { kind: 'skip', reason: 'CreateNotAllowed' };
    if (scope.reason === 'Disabled') return matchOnly ? { kind: 'provision' } : { kind: 'skip', reason: 'DisabledNotProvisioned' };
    return { kind: 'skip', reason: scope.reason === 'Deleted' ? 'NotProvisioned' : 'NotInScope' };
  }
  if (scope.reason === 'Deleted') return actions.delete ? { kind: 'delete' } : { kind: 'keep', reason: 'DeleteNotAllowed' };
  if (scope.reason === 'InScope') return actions.update ? { kind: 'update', attributes: 'all', deprovisioning: false } : { kind: 'keep', reason: 'UpdateNotAllowed' };
  if (!actions.update && scope.reason === 'Disabled') return { kind: 'keep', reason: 'UpdateNotAllowed' };
  if (input.skipOutOfScopeDeletions) {
    return scope.reason === 'Disabled'
      ? { kind: 'update', attributes: 'allButSoftDeletion', deprovisioning: false }
      : { kind: 'keep', reason: 'SkipOutOfScopeDeletions' };
  }
  if (!input.softDeletionSupported) {
    // A target that cannot disable (groups) loses the object instead; a disabled account stays as it is.
    if (scope.reason === 'Disabled') return { kind: 'update', attributes: 'all', deprovisioning: false };
    return actions.delete ? { kind: 'delete' } : { kind: 'keep', reason: 'DeleteNotAllowed' };
  }
  if (!input.hasSoftDeletionMapping) {
    return scope.reason === 'Disabled' ? { kind: 'update', attributes: 'all', deprovisioning: false } : { kind: 'keep', reason: 'NoSoftDeleteMapping' };
  }
  if (!actions.update) return { kind: 'keep', reason: 'UpdateNotAllowed' };
  return { kind: 'update', attributes: scope.reason === 'Disabled' ? 'all' : 'softDeletionOnly', deprovisioning: true };
}
