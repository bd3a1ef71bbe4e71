import { linkDetailsOf, type RecordedChange } from '../../directory/change-feed.js';
import type { MembershipChange } from '../../engine/connectors/source-connector.js';

/** The change feed reduced to what a cycle must evaluate again, before the queries that widen it. */
export interface ReducedChanges {
  /** Object id → `User` / `Group` / `Contact`. */
  readonly objects: Map<string, string>;
  readonly memberships: MembershipChange[];
  /** Groups deleted or restored: their members' assignment scope may have changed with them. */
  readonly groupsLosingOrRegainingMembers: Set<string>;
  /** Principals whose assignment to the job's application was added or removed (type unknown yet). */
  readonly assignedPrincipals: Set<string>;
  readonly referenceDeltas: number;
}

/**
 * Pure reduction of change-feed entries (src/directory/change-feed.ts) for one job:
 * - any change of a user, group or contact → that object (attributes, deletion, restore, purge, manager);
 * - a member added to or removed from a group → the group, the pair, and a user member (whose scope may
 *   come from that group);
 * - an app role assignment to the job's service principal → its principal;
 * - a group deleted or restored → its members, resolved by the caller.
 * Applications, service principals and group owners do not affect provisioning.
 */
export function reduceChanges(changes: readonly RecordedChange[], servicePrincipalId: string): ReducedChanges {
  const objects = new Map<string, string>();
  const memberships: MembershipChange[] = [];
  const groupsLosingOrRegainingMembers = new Set<string>();
  const assignedPrincipals = new Set<string>();
  let referenceDeltas = 0;
  for (const change of changes) {
    switch (change.objectType) {
      case 'user': {
        objects.set(change.objectId, 'User');
        if (linkDetailsOf(change)?.relation === 'manager') referenceDeltas += 1;
        break;
      }
      case 'group': {
        const link = linkDetailsOf(change);
        if (link && link.relation !== 'members') break;
        objects.set(change.objectId, 'Group');
        if (link) {
          referenceDeltas += 1;
          memberships.push({ groupId: change.objectId, memberId: link.targetId });
          if (link.targetType === 'user') objects.set(link.targetId, 'User');
        }
        if (change.changeType === 'deleted' || change.changeType === 'restored') groupsLosingOrRegainingMembers.add(change.objectId);
        break;
      }
      case 'orgContact':
        objects.set(change.objectId, 'Contact');
        break;
      case 'appRoleAssignment': {
        const details = change.details ?? {};
        if (details.resourceId === servicePrincipalId && typeof details.principalId === 'string') assignedPrincipals.add(details.principalId);
        break;
      }
      default:
        break;
    }
  }
  return { objects, memberships, groupsLosingOrRegainingMembers, assignedPrincipals, referenceDeltas };
}
