import { describe, expect, it } from 'vitest';
import { decide, type DecisionInput } from './decide.js';
import type { ScopeEvaluation, ScopeReason } from './scope.js';

const scope = (reason: ScopeReason): ScopeEvaluation => ({
  reason,
  inScope: reason === 'InScope' || reason === 'Disabled',
  isSoftDeleted: reason !== 'InScope',
  passesFilter: reason !== 'FilteredOut',
});
const input = (reason: ScopeReason, overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  scope: scope(reason),
  linked: true,
  actions: { add: true, update: true, delete: true },
  softDeletionSupported: true,
  hasSoftDeletionMapping: true,
  skipOutOfScopeDeletions: false,
  ...overrides,
});

describe('decide', () => {
  it('provisions unlinked objects in scope, never disabled accounts, and skips the rest', () => {
    expect(decide(input('InScope', { linked: false }))).toEqual({ kind: 'provision' });
    expect(decide(input('InScope', { linked: false, actions: { add: false, update: false, delete: true } }))).toEqual({ kind: 'skip', reason: 'CreateNotAllowed' });
    // Update-only mappings match existing objects (and link them), disabled accounts included; they never create.
    expect(decide(input('InScope', { linked: false, actions: { add: false, update: true, delete: false } }))).toEqual({ kind: 'provision' });
    expect(decide(input('Disabled', { linked: false, actions: { add: false, update: true, delete: false } }))).toEqual({ kind: 'provision' });
    expect(decide(input('Disabled', { linked: false }))).toEqual({ kind: 'skip', reason: 'DisabledNotProvisioned' });
    expect(decide(input('NotAssigned', { linked: false }))).toEqual({ kind: 'skip', reason: 'NotInScope' });
    expect(decide(input('Deleted', { linked: false }))).toEqual({ kind: 'skip', reason: 'NotProvisioned' });
  });

  it('updates linked objects in scope and deletes those permanently deleted', () => {
    expect(decide(input('InScope'))).toEqual({ kind: 'update', attributes: 'all', deprovisioning: false });
    expect(decide(input('Deleted'))).toEqual({ kind: 'delete' });
    expect(decide(input('Deleted', { actions: { add: true, update: true, delete: false } }))).toEqual({ kind: 'keep', reason: 'DeleteNotAllowed' });
  });

  it('disables linked objects that left scope, were soft-deleted or disabled, through the IsSoftDeleted mappings', () => {
    for (const reason of ['NotAssigned', 'FilteredOut', 'SoftDeleted'] as const) {
      expect(decide(input(reason))).toEqual({ kind: 'update', attributes: 'softDeletionOnly', deprovisioning: true });
    }
    expect(decide(input('Disabled'))).toEqual({ kind: 'update', attributes: 'all', deprovisioning: true });
    expect(decide(input('NotAssigned', { hasSoftDeletionMapping: false }))).toEqual({ kind: 'keep', reason: 'NoSoftDeleteMapping' });
  });

  it('deletes objects that left scope where the target cannot disable them (groups)', () => {
    expect(decide(input('NotAssigned', { softDeletionSupported: false }))).toEqual({ kind: 'delete' });
    expect(decide(input('SoftDeleted', { softDeletionSupported: false }))).toEqual({ kind: 'delete' });
  });

  it('with SkipOutOfScopeDeletions, neither disables nor deletes, but still updates a disabled account', () => {
    expect(decide(input('NotAssigned', { skipOutOfScopeDeletions: true }))).toEqual({ kind: 'keep', reason: 'SkipOutOfScopeDeletions' });
    expect(decide(input('NotAssigned', { skipOutOfScopeDeletions: true, softDeletionSupported: false }))).toEqual({ kind: 'keep', reason: 'SkipOutOfScopeDeletions' });
    expect(decide(input('Disabled', { skipOutOfScopeDeletions: true }))).toEqual({ kind: 'update', attributes: 'allButSoftDeletion', deprovisioning: false });
  });
});
