/** A membership change by source id, with the member's target id when it has one. */
export interface MemberChange {
  readonly sourceId: string;
  readonly targetId: string | undefined;
}

export interface MemberDelta {
  /** Members to add: in the source group, provisioned, not exported yet. */
  readonly add: readonly MemberChange[];
  /**
   * Members to remove: exported but no longer in the source group. Those without a target id any more
   * (their target object was deleted) are only forgotten; the target dropped them with the object.
   */
  readonly remove: readonly MemberChange[];
}

/**
 * Net membership changes of one group (engine-behavior §1.13): the source's current direct members against the
 * members exported before. A member that is not provisioned (out of scope) is left out, not an error.
 * `only` restricts the comparison to some members (the pairs an incremental change named).
 */
export function memberDelta(
  currentMembers: readonly string[],
  exported: ReadonlySet<string>,
  targetIdOf: (sourceId: string) => string | undefined,
  only?: ReadonlySet<string>,
): MemberDelta {
  const current = new Set(currentMembers);
  const add: MemberChange[] = [];
  const remove: MemberChange[] = [];
  for (const member of current) {
    if (only && !only.has(member)) continue;
    if (exported.has(member)) continue;
    const targetId = targetIdOf(member);
    if (targetId !== undefined) add.push({ sourceId: member, targetId });
  }
  for (const member of exported) {
    if (only && !only.has(member)) continue;
    if (!current.has(member)) remove.push({ sourceId: member, targetId: targetIdOf(member) });
  }
  return { add, remove };
}
