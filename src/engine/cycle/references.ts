import { randomUUID } from 'node:crypto';
import { ReportBuilder } from '../logs/object-report.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { errorInformation, jobLevelError, referenceStep } from '../logs/steps.js';
import type { CompiledObjectMapping } from '../mapping/compiled-mapping.js';
import { sameExportValue } from '../stages/export-values.js';
import { evaluateReference } from '../stages/map-attributes.js';
import { memberDelta } from '../stages/member-delta.js';
import { sourceAttributeReader } from '../stages/scope.js';
import type { ConnectorObject } from '../state/connector-data-store.js';
import type { EscrowKind } from '../state/escrow-store.js';
import { forEachConcurrent } from './concurrency.js';
import type { CycleContext } from './cycle-context.js';

const batch = 200;

/**
 * The reference pass (engine-behavior §1.2 step 6, §1.13): once the objects exist in the target, managers
 * are written as the manager's target id, and group memberships as net additions and removals (chunked
 * PATCHes) against what was exported. A reference to an object that is not provisioned is held back
 * (exportMissingReferences = false) rather than failed.
 */
export async function runReferences(ctx: CycleContext): Promise<void> {
  await reconcileManagers(ctx);
  await ctx.checkpoint();
  await reconcileMemberships(ctx);
}

async function reconcileManagers(ctx: CycleContext): Promise<void> {
  const entries = [...ctx.references.managers];
  for (let start = 0; start < entries.length; start += batch) {
    const slice = entries.slice(start, start + batch);
    const linked = await ctx.store.getMany(slice.flatMap(([user, manager]) => (manager === null ? [user] : [user, manager])));
    await forEachConcurrent(slice, ctx.options.exportConcurrency, async ([userId, managerId]) => {
      const user = linked.get(userId);
      const mapping = user && ctx.schema.objectMappings.get(user.objectType);
      const reference = mapping?.references.find((attr) => attr.reference === 'single');
      if (!user || !mapping || !reference) return;
      const wanted = managerId === null ? null : linked.get(managerId)?.targetId;
      if (wanted === undefined) return;
      const current = user.exported[reference.targetPath];
      if (sameExportValue(current, wanted)) return;
      const description = wanted === null ? 'Removed the manager' : `Set the manager to ${linked.get(managerId!)?.displayName ?? managerId}`;
      await exportReference(ctx, user, mapping, 'manager', description, [{ displayName: reference.targetPath, oldValue: (current as string | undefined) ?? null, newValue: wanted }], () =>
        ctx.target.update(mapping.targetObjectName, user.targetId, [{ path: reference.targetPath, oldValue: current ?? null, newValue: wanted }]).then(() => {
          const exported = { ...user.exported };
          if (wanted === null) delete exported[reference.targetPath];
          else exported[reference.targetPath] = wanted;
          ctx.store.put(Object.freeze({ ...user, exported: Object.freeze(exported) }));
        }),
      );
    });
    await ctx.checkpoint();
  }
}

async function reconcileMemberships(ctx: CycleContext): Promise<void> {
  const { references } = ctx;
  if (ctx.kind !== 'full' && references.newlyLinked.size > 0) {
    const containing = await ctx.source.groupsContaining([...references.newlyLinked]);
    for (const [member, groups] of containing) for (const group of groups) pairFor(ctx, group).add(member);
  }
  const groups = [...new Set([...references.fullGroups, ...references.pairs.keys()])];
  for (let start = 0; start < groups.length; start += batch) {
    const slice = groups.slice(start, start + batch);
    const linkedGroups = await ctx.store.getMany(slice);
    const provisioned = slice.filter((id) => linkedGroups.has(id));
    await readMissingMembers(ctx, provisioned.filter((id) => !references.groupMembers.has(id)), linkedGroups);
    const exported = await ctx.members.of(provisioned);
    const memberIds = new Set<string>();
    for (const id of provisioned) {
      for (const member of references.groupMembers.get(id) ?? []) memberIds.add(member);
      for (const member of exported.get(id) ?? []) memberIds.add(member);
    }
    const linkedMembers = await ctx.store.getMany(memberIds);
    await forEachConcurrent(provisioned, ctx.options.exportConcurrency, async (id) => {
      const group = linkedGroups.get(id)!;
      const mapping = ctx.schema.objectMappings.get(group.objectType);
      if (!mapping || !mapping.references.some((attr) => attr.reference === 'multi')) return;
      const only = references.fullGroups.has(id) ? undefined : references.pairs.get(id);
      const delta = memberDelta(references.groupMembers.get(id) ?? [], exported.get(id) ?? new Set(), (member) => linkedMembers.get(member)?.targetId, only);
      const removeTargets = delta.remove.flatMap((change) => (change.targetId === undefined ? [] : [change.targetId]));
      const forgotten = delta.remove.filter((change) => change.targetId === undefined).map((change) => change.sourceId);
      if (forgotten.length > 0) await ctx.members.remove(id, forgotten);
      if (delta.add.length === 0 && removeTargets.length === 0) {
        await ctx.escrows.succeed(id, 'members');
        return;
      }
      const added = delta.add.map((change) => change.targetId!);
      const description = `Added ${added.length} and removed ${removeTargets.length} member(s)`;
      await exportReference(
        ctx,
        group,
        mapping,
        'members',
        description,
        [{ displayName: 'members', oldValue: removeTargets.length > 0 ? removeTargets : null, newValue: added.length > 0 ? added : null }],
        async () => {
          await ctx.target.updateMembers(mapping.targetObjectName, group.targetId, added, removeTargets);
          await ctx.members.add(id, delta.add.map((change) => change.sourceId));
          await ctx.members.remove(id, delta.remove.filter((change) => change.targetId !== undefined).map((change) => change.sourceId));
        },
      );
    });
    await ctx.checkpoint();
  }
}

/** Groups whose members a cycle did not read (a new member joined a group that did not change): read them now. */
async function readMissingMembers(ctx: CycleContext, groupIds: readonly string[], linkedGroups: ReadonlyMap<string, ConnectorObject>): Promise<void> {
  const byType = new Map<string, string[]>();
  for (const id of groupIds) {
    const type = linkedGroups.get(id)!.objectType;
    byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  for (const [type, ids] of byType) {
    const mapping = ctx.schema.objectMappings.get(type);
    const reference = mapping?.references.find((attr) => attr.reference === 'multi');
    if (!reference) continue;
    for (const object of await ctx.source.readObjects(type, ids)) {
      if (object.state !== 'live') continue;
      const value = evaluateReference(reference, { attribute: sourceAttributeReader(object, () => false), appRoleAssignments: object.appRoleAssignments, now: ctx.options.now });
      ctx.references.groupMembers.set(object.id, Array.isArray(value) ? value : []);
    }
  }
}

function pairFor(ctx: CycleContext, groupId: string): Set<string> {
  let members = ctx.references.pairs.get(groupId);
  if (!members) {
    members = new Set();
    ctx.references.pairs.set(groupId, members);
  }
  return members;
}

/** Sends one reference change and logs it as an update of the referencing object; a failure is escrowed. */
async function exportReference(
  ctx: CycleContext,
  object: ConnectorObject,
  mapping: CompiledObjectMapping,
  kind: Exclude<EscrowKind, 'object'>,
  description: string,
  modified: { displayName: string; oldValue: string | readonly string[] | null; newValue: string | readonly string[] | null }[],
  send: () => Promise<void>,
): Promise<void> {
  const report = new ReportBuilder(randomUUID(), ctx.options.now(), { id: object.sourceId, displayName: object.displayName, objectType: object.objectType }, mapping.targetObjectName)
    .target(object.targetId, object.displayName)
    .modified(modified);
  ctx.counters.exportsNeeded += 1;
  try {
    await send();
    ctx.counters.exported += 1;
    await ctx.escrows.succeed(object.sourceId, kind);
    ctx.log.add(report.step(referenceStep('success', description)).finish('update', 'success'));
  } catch (error) {
    if (error instanceof JobLevelFailure) ctx.log.add(report.step(referenceStep('failure', error.message)).finish('update', 'failure', jobLevelError(error)));
    if (!(error instanceof ObjectFailure)) throw error;
    ctx.counters.failedReferences += 1;
    report.step(referenceStep('failure', `${description}: ${error.reason}`));
    if (error.retryable) {
      const escrow = await ctx.escrows.fail(object.sourceId, kind, object.objectType, { code: error.code, message: error.reason, retryAfterMs: error.retryAfterMs }, ctx.options.now());
      ctx.log.add(report.finish('update', 'failure', errorInformation(error, escrow.nextAttemptAt, escrow.attempts)));
    } else {
      await ctx.escrows.succeed(object.sourceId, kind);
      ctx.log.add(report.finish('update', 'failure', errorInformation(error)));
    }
  }
}
