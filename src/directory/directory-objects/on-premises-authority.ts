import { isDeepStrictEqual } from 'node:util';
import { OnPremisesMasteredError } from '../directory-errors.js';
import { isExtensionAttributeName } from '../extension-properties/extension-property.js';

/**
 * Which Graph writes an object synchronized from on-premises Active Directory still takes. Entra refuses
 * every other change with 400 "Unable to update the specified properties for on-premises mastered Directory
 * Sync objects…": AD is the source of authority and synchronization would overwrite the change.
 * - Users keep `accountEnabled` (Entra's emergency revocation disables hybrid users in the cloud without
 *   waiting for a sync), `usageLocation` (license assignment needs it and AD seldom has it) and
 *   `passwordPolicies` (password hash sync sets it; admins may too).
 * - Directory extension attributes (`extension_{appId}_{name}`) belong to the applications that declare them.
 * Owners of a synchronized group are cloud data too; its members, a user's manager and deleting the object
 * are not. The provisioning engine writes through the repositories, below this rule.
 */
const cloudWritable: Readonly<Record<'user' | 'group', ReadonlySet<string>>> = {
  user: new Set(['accountEnabled', 'usageLocation', 'passwordPolicies']),
  group: new Set(),
};

export function isSynchronized(object: { readonly onPremisesSyncEnabled: boolean | null }): boolean {
  return object.onPremisesSyncEnabled === true;
}

/** Refuses a PATCH that changes, on a synchronized object, a property AD masters (`before` → `after`). */
export function assertCloudWritableChange(kind: 'user' | 'group', before: object, after: object): void {
  if (!isSynchronized(before as { onPremisesSyncEnabled: boolean | null })) return;
  const left = before as Readonly<Record<string, unknown>>;
  const right = after as Readonly<Record<string, unknown>>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (cloudWritable[kind].has(key) || isExtensionAttributeName(key)) continue;
    if (!isDeepStrictEqual(left[key] ?? null, right[key] ?? null)) throw new OnPremisesMasteredError();
  }
}

/** Refuses a write of a synchronized object that no property list covers: delete, members, manager. */
export function assertNotSynchronized(object: { readonly onPremisesSyncEnabled: boolean | null }): void {
  if (isSynchronized(object)) throw new OnPremisesMasteredError();
}
