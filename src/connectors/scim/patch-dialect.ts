/**
 * The two PATCH dialects of the hosted service (engine-behavior §2.4). `default` is what it sends today:
 * capitalized ops, `active` as "True"/"False", one op per attribute, member removal by value list.
 * `aadOptscim062020` is the RFC-compliant behaviour opted into with that flag in the tenant URL: lowercase
 * ops, boolean `active`, simple replaces merged into one path-less op, member removal by filtered path.
 */
export type ScimPatchDialect = 'default' | 'aadOptscim062020';

/** Opts into the compliant dialect. */
export const compliantPatchFlag = 'aadOptscim062020';
/** Rolls back to the 2017 dialect once the compliant one becomes the default (COMPAT); wins over the opt-in. */
export const legacyPatchFlag = 'AzureAdScimPatch2017';

/** The dialect a set of tenant-URL flags selects (flag names compare case-insensitively). */
export function dialectForFlags(flags: ReadonlySet<string>): ScimPatchDialect {
  const lowered = new Set([...flags].map((flag) => flag.toLowerCase()));
  if (lowered.has(legacyPatchFlag.toLowerCase())) return 'default';
  return lowered.has(compliantPatchFlag.toLowerCase()) ? 'aadOptscim062020' : 'default';
}
