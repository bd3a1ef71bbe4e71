import type { ScopePredicate } from '../../expressions/index.js';
import type { SourceObject } from '../connectors/source-connector.js';

/** Why an object is (not) in the provisioning scope. */
export type ScopeReason = 'InScope' | 'NotAssigned' | 'FilteredOut' | 'SoftDeleted' | 'Deleted' | 'Disabled';

export interface ScopeEvaluation {
  /** Assigned (or synchronize-all), not deleted, and passing the object mapping's scoping filter. */
  readonly inScope: boolean;
  /** The computed IsSoftDeleted attribute: out of scope, soft-deleted or disabled (engine-behavior §1.9). */
  readonly isSoftDeleted: boolean;
  readonly reason: ScopeReason;
  readonly passesFilter: boolean;
}

/**
 * Scoping (engine-behavior §1.10): the assignment scope the source connector computed, then the object
 * mapping's scoping filter over the source attributes. A disabled account stays in scope (so its target object
 * can be disabled) but counts as soft-deleted.
 */
export function evaluateScope(object: SourceObject, filter: ScopePredicate, attribute: (name: string) => unknown): ScopeEvaluation {
  if (object.state === 'gone') return Object.freeze({ inScope: false, isSoftDeleted: true, reason: 'Deleted', passesFilter: false });
  const passesFilter = filter(attribute);
  const reason: ScopeReason =
    object.state === 'softDeleted' ? 'SoftDeleted' : !object.entitled ? 'NotAssigned' : !passesFilter ? 'FilteredOut' : object.enabled ? 'InScope' : 'Disabled';
  const inScope = reason === 'InScope' || reason === 'Disabled';
  return Object.freeze({ inScope, isSoftDeleted: reason !== 'InScope', reason, passesFilter });
}

/**
 * The attribute reader expressions and filters see: the source's attributes by exact name, else
 * case-insensitively, and the computed `IsSoftDeleted`.
 */
export function sourceAttributeReader(object: SourceObject, isSoftDeleted: () => boolean): (name: string) => unknown {
  let lowered: Map<string, unknown> | undefined;
  return (name) => {
    if (name === 'IsSoftDeleted' || name.toLowerCase() === 'issoftdeleted') return isSoftDeleted();
    if (name in object.attributes) return object.attributes[name];
    lowered ??= new Map(Object.entries(object.attributes).map(([key, value]) => [key.toLowerCase(), value]));
    return lowered.get(name.toLowerCase());
  };
}
