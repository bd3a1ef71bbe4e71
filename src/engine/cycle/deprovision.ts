import { exportStep, processingStep } from '../logs/steps.js';
import { applyUpdates } from '../stages/diff.js';
import { exceedsDeleteThreshold } from '../stages/delete-threshold.js';
import { forEachConcurrent } from './concurrency.js';
import type { CycleContext, PendingDeprovision } from './cycle-context.js';
import { objectFailed } from './process-object.js';

export interface DeprovisionOutcome {
  /** The delete threshold held this cycle's deletes and disables back. */
  readonly staged: number;
}

/**
 * The deprovisioning pass (engine-behavior §1.11, §1.12): every disable and delete the cycle decided counts
 * against the delete threshold before any is sent. At or above it, none is sent: they are staged (logged as
 * `stagedDelete`) and the job is quarantined with `TooManyDeletes` until a restart with ForceDeletes, which
 * lets them through.
 */
export async function runDeprovisions(ctx: CycleContext): Promise<DeprovisionOutcome> {
  const pending = ctx.deprovisions.splice(0);
  if (pending.length === 0) return { staged: 0 };
  if (!ctx.settings.forceDeletes && exceedsDeleteThreshold(pending.length, ctx.settings.threshold)) {
    await ctx.staged.stage(
      pending.map((item) => ({ sourceId: item.object.id, objectType: item.object.objectType, action: item.action })),
      ctx.options.now(),
    );
    const reason = `${pending.length} deletes and disables reach the accidental-deletion threshold of ${ctx.settings.threshold.value}; none was sent.`;
    for (const item of pending) {
      item.report.step(processingStep('Skip', `Staged: ${reason}`));
      ctx.log.add(
        item.report.finish('stagedDelete', 'skipped', {
          errorCode: 'TooManyDeletes',
          reason,
          recommendedAction: 'If the deletes are intended, restart the job with resetScope ForceDeletes; otherwise fix the scope and restart the job.',
        }),
      );
    }
    return { staged: pending.length };
  }
  await forEachConcurrent(pending, ctx.options.exportConcurrency, (item) => deprovision(ctx, item));
  const executed = pending.map((item) => item.object.id).filter((id) => ctx.stagedIds.delete(id));
  if (executed.length > 0) await ctx.staged.unstage(executed);
  return { staged: 0 };
}

async function deprovision(ctx: CycleContext, item: PendingDeprovision): Promise<void> {
  const { object, linked, mapping, report } = item;
  ctx.counters.exportsNeeded += 1;
  try {
    if (item.action === 'disable') {
      await ctx.target.update(mapping.targetObjectName, linked.targetId, item.updates);
      ctx.store.put(Object.freeze({ ...linked, exported: applyUpdates(linked.exported, item.updates) }));
      report.step(exportStep('Update', ctx.target.displayName, 'success', `Disabled the object in ${ctx.target.displayName}`));
      ctx.log.add(report.finish('disable', 'success'));
    } else {
      report.step(processingStep('Delete', `The object ${object.state === 'gone' ? 'was permanently deleted' : 'left scope'}: it will be deleted`));
      await ctx.target.delete(mapping.targetObjectName, linked.targetId);
      ctx.store.remove(object.id);
      await ctx.members.forget(object.id);
      report.step(exportStep('Delete', ctx.target.displayName, 'success'));
      ctx.log.add(report.finish('delete', 'success'));
    }
    ctx.counters.exported += 1;
    ctx.counters.succeededObjects += 1;
    await ctx.escrows.succeed(object.id, 'object');
  } catch (error) {
    await objectFailed(ctx, object, report, item.action, error);
  }
}
