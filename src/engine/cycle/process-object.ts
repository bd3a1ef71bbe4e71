import { randomUUID } from 'node:crypto';
import type { ProvisioningAction } from '../../sync/provisioning-logs/index.js';
import type { SourceObject } from '../connectors/source-connector.js';
import type { TargetObject } from '../connectors/target-connector.js';
import { CycleStoppedError, JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { ReportBuilder } from '../logs/object-report.js';
import { errorInformation, exportStep, importStep, jobLevelError, matchingStep, modifiedProperties, processingStep, scopingStep, skipText } from '../logs/steps.js';
import type { CompiledAttributeMapping, CompiledObjectMapping } from '../mapping/compiled-mapping.js';
import { decide, type Decision } from '../stages/decide.js';
import { applyUpdates, diffAttributes } from '../stages/diff.js';
import { evaluateReference, mapAttributes, type MappingInput } from '../stages/map-attributes.js';
import { evaluateScope, sourceAttributeReader } from '../stages/scope.js';
import type { ConnectorObject } from '../state/connector-data-store.js';
import { forEachConcurrent } from './concurrency.js';
import type { CycleContext } from './cycle-context.js';

/**
 * The object pass of a cycle: each source object goes through scoping → join → matching → mapping → diff →
 * export (engine-behavior §1.2, §1.3). Disables and deletes are only decided here and sent after the
 * delete-threshold check; references are collected and written once the objects exist.
 */
export async function processObjects(ctx: CycleContext, objects: readonly SourceObject[]): Promise<void> {
  const unique = [...new Map(objects.map((object) => [object.id, object])).values()];
  const linked = await ctx.store.getMany(unique.map((object) => object.id));
  await forEachConcurrent(unique, ctx.options.exportConcurrency, async (object) => {
    // Every object is a safe point: a pause or a lost lease stops the cycle between exports.
    await ctx.checkpoint();
    await processObject(ctx, object, linked.get(object.id));
  });
  ctx.counters.processed += unique.length;
}

export async function processObject(ctx: CycleContext, object: SourceObject, linked: ConnectorObject | undefined): Promise<void> {
  const mapping = ctx.schema.objectMappings.get(object.objectType);
  if (!mapping) return;
  ctx.visited.add(object.id);
  const report = new ReportBuilder(randomUUID(), ctx.options.now(), { id: object.id, displayName: object.displayName, objectType: object.objectType }, mapping.targetObjectName);
  if (linked) report.target(linked.targetId, linked.displayName);
  report.step(importStep(object, ctx.schema.sourceDirectoryName));

  let isSoftDeleted = object.state !== 'live' || !object.entitled || !object.enabled;
  const attribute = sourceAttributeReader(object, () => isSoftDeleted);
  const scope = evaluateScope(object, mapping.scope, attribute);
  isSoftDeleted = scope.isSoftDeleted;
  if (object.state === 'live' && object.entitled) ctx.counters.entitled += 1;
  if (scope.inScope) ctx.counters.entitledForProvisioning += 1;
  report.step(scopingStep(object, scope));

  const decision = decide({
    scope,
    linked: linked !== undefined,
    actions: mapping.actions,
    softDeletionSupported: mapping.softDeletionSupported,
    hasSoftDeletionMapping: mapping.hasSoftDeletionMapping,
    skipOutOfScopeDeletions: ctx.settings.skipOutOfScopeDeletions,
  });
  const input: MappingInput = {
    attribute,
    appRoleAssignments: object.appRoleAssignments,
    now: ctx.options.now,
    isUnique: async (path, value) => (await ctx.target.find(mapping.targetObjectName, path, value)).length === 0,
  };
  let intended: ProvisioningAction = 'other';
  try {
    switch (decision.kind) {
      case 'skip':
      case 'keep':
        await settle(ctx, object.id);
        // Objects outside the assignment scope that were never provisioned are not the job's business: their
        // changes leave no record (with SyncAll every object is assigned, and its skips are logged).
        if (ctx.logSkips && (decision.kind === 'keep' || object.entitled || ctx.kind === 'onDemand')) {
          report.step(processingStep('Skip', skipText[decision.reason]));
          ctx.log.add(report.finish('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', reason: skipText[decision.reason] }));
        }
        return;
      case 'provision':
        intended = 'create';
        await provision(ctx, object, mapping, input, report);
        break;
      case 'update':
        intended = decision.deprovisioning ? 'disable' : 'update';
        if (await update(ctx, object, mapping, linked!, input, report, decision)) return;
        break;
      case 'delete':
        ctx.deprovisions.push({ object, linked: linked!, mapping, action: 'delete', updates: [], report });
        return;
    }
    await settle(ctx, object.id);
  } catch (error) {
    await objectFailed(ctx, object, report, intended, error);
  }
}

/** An unlinked object in scope: match by the matching attributes, then link or create (where the mapping may). */
async function provision(ctx: CycleContext, object: SourceObject, mapping: CompiledObjectMapping, input: MappingInput, report: ReportBuilder): Promise<void> {
  const created = await mapAttributes(mapping.attributes, input, 'create');
  if (created.skipObject) return skipped(ctx, report, 'The attribute mappings returned IgnoreObjectFlow for this object');
  const match = await matchTarget(ctx, mapping, created.values, report);
  if (match === 'noValue') {
    const attributes = mapping.matching.map((attr) => attr.targetPath).join(', ');
    report.step(processingStep('Skip', `No matching attribute has a value (${attributes})`));
    ctx.log.add(report.finish('other', 'skipped', { errorCode: 'ImportSkipped', reason: `The object has no value for its matching attributes (${attributes}).` }));
    return;
  }
  if (match.length > 1) {
    throw new ObjectFailure('DuplicateTargetEntries', `${match.length} objects in the target match this object.`, {
      retryable: false,
      recommendedAction: 'Make the matching attribute values unique in the target, or match on another attribute.',
    });
  }
  const existing = match[0];
  if (existing) {
    await link(ctx, object, mapping, input, report, existing);
  } else if (!mapping.actions.add) {
    // An Update-only mapping links what it finds and creates nothing.
    if (ctx.logSkips) skipped(ctx, report, `No matching object in ${ctx.target.displayName}, and ${skipText.CreateNotAllowed.toLowerCase()}`);
    return;
  } else {
    ctx.counters.exportsNeeded += 1;
    report.step(processingStep('Add', `No matching object in ${ctx.target.displayName}: it will be created`));
    const body = new Map<string, unknown>(created.mappedPaths.map((path) => [path, null]));
    for (const [path, value] of created.values) body.set(path, value);
    const target = await ctx.target.create(mapping.targetObjectName, body);
    ctx.counters.exported += 1;
    ctx.store.put(Object.freeze({
      sourceId: object.id,
      objectType: object.objectType,
      targetId: target.id,
      targetObjectType: mapping.targetObjectName,
      displayName: object.displayName,
      exported: Object.freeze(Object.fromEntries(created.values)),
    }));
    report.target(target.id, object.displayName).step(exportStep('Add', ctx.target.displayName, 'success'));
    report.modified(modifiedProperties([...created.values].map(([path, value]) => ({ path, oldValue: null, newValue: value })), created.redacted));
    ctx.log.add(report.finish('create', 'success'));
  }
  ctx.counters.succeededObjects += 1;
  collectReferences(ctx, object, mapping, input, true);
}

/** A matched target object becomes linked; attributes that differ from the source are updated. */
async function link(
  ctx: CycleContext,
  object: SourceObject,
  mapping: CompiledObjectMapping,
  input: MappingInput,
  report: ReportBuilder,
  existing: TargetObject,
): Promise<void> {
  const wanted = await mapAttributes(mapping.attributes, input, 'update');
  const updates = mapping.actions.update ? diffAttributes(mapping.attributes, (path) => existing.valueOf(path), wanted.values) : [];
  report.target(existing.id, object.displayName);
  if (updates.length > 0) {
    ctx.counters.exportsNeeded += 1;
    report.step(processingStep('Update', `Matched an existing object in ${ctx.target.displayName}: ${updates.length} attribute(s) differ`));
    await ctx.target.update(mapping.targetObjectName, existing.id, updates);
    ctx.counters.exported += 1;
    report.step(exportStep('Update', ctx.target.displayName, 'success')).modified(modifiedProperties(updates, wanted.redacted));
  }
  ctx.store.put(Object.freeze({
    sourceId: object.id,
    objectType: object.objectType,
    targetId: existing.id,
    targetObjectType: mapping.targetObjectName,
    displayName: object.displayName,
    exported: Object.freeze(Object.fromEntries(wanted.values)),
  }));
  if (updates.length > 0) ctx.log.add(report.finish('update', 'success'));
  else {
    report.step(processingStep('Skip', `Matched an existing object in ${ctx.target.displayName} whose attributes already match`));
    ctx.log.add(report.finish('other', 'skipped', { errorCode: 'RedundantExport', reason: 'The source and target objects already match.' }));
  }
}

/**
 * A linked object: export the attributes that changed since they were last exported. A disable waits for the
 * deprovisioning pass; returns true when the object was handed over to it.
 */
async function update(
  ctx: CycleContext,
  object: SourceObject,
  mapping: CompiledObjectMapping,
  linked: ConnectorObject,
  input: MappingInput,
  report: ReportBuilder,
  decision: Extract<Decision, { kind: 'update' }>,
): Promise<boolean> {
  const mappings = subset(mapping.attributes, decision.attributes);
  const wanted = await mapAttributes(mappings, input, 'update');
  if (wanted.skipObject) {
    skipped(ctx, report, 'The attribute mappings returned IgnoreObjectFlow for this object');
    return false;
  }
  const updates = diffAttributes(mappings, (path) => linked.exported[path], wanted.values);
  if (decision.deprovisioning && updates.some((change) => mappings.some((attr) => attr.softDeletion && attr.targetPath === change.path))) {
    report.step(processingStep('Disable', `The object is ${object.state === 'softDeleted' ? 'in deleted items' : object.enabled ? 'out of scope' : 'disabled'}: it will be disabled`));
    report.modified(modifiedProperties(updates, wanted.redacted));
    ctx.deprovisions.push({ object, linked, mapping, action: 'disable', updates, report });
    return true;
  }
  if (decision.attributes !== 'softDeletionOnly') collectReferences(ctx, object, mapping, input, false);
  if (updates.length === 0) {
    if (ctx.logSkips) {
      report.step(processingStep('Skip', 'The target object already has the source values'));
      ctx.log.add(report.finish('other', 'skipped', { errorCode: 'RedundantExport', reason: 'The source and target objects already match.' }));
    }
    return false;
  }
  ctx.counters.exportsNeeded += 1;
  report.step(processingStep('Update', `${updates.length} attribute(s) changed`));
  await ctx.target.update(mapping.targetObjectName, linked.targetId, updates);
  ctx.counters.exported += 1;
  ctx.counters.succeededObjects += 1;
  ctx.store.put(Object.freeze({ ...linked, displayName: object.displayName, exported: applyUpdates(linked.exported, updates) }));
  report.step(exportStep('Update', ctx.target.displayName, 'success')).modified(modifiedProperties(updates, wanted.redacted));
  ctx.log.add(report.finish('update', 'success'));
  return false;
}

/** Matching attributes in priority order; the first that finds objects decides. `noValue`: none had a value. */
async function matchTarget(
  ctx: CycleContext,
  mapping: CompiledObjectMapping,
  values: ReadonlyMap<string, unknown>,
  report: ReportBuilder,
): Promise<readonly TargetObject[] | 'noValue'> {
  if (mapping.matching.length === 0) return [];
  let hadValue = false;
  for (const attr of mapping.matching) {
    const raw = values.get(attr.targetPath);
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === null || value === '') continue;
    hadValue = true;
    const found = await ctx.target.find(mapping.targetObjectName, attr.targetPath, String(value));
    report.step(matchingStep(ctx.target.displayName, attr.targetPath, value, found.length));
    if (found.length > 0) return found;
  }
  return hadValue ? [] : 'noValue';
}

/** Remembers the object's references for the reference pass. */
function collectReferences(ctx: CycleContext, object: SourceObject, mapping: CompiledObjectMapping, input: MappingInput, linkedNow: boolean): void {
  for (const reference of mapping.references) {
    const value = evaluateReference(reference, input);
    if (reference.reference === 'single') {
      ctx.references.managers.set(object.id, typeof value === 'string' && value !== '' ? value : null);
    } else {
      ctx.references.groupMembers.set(object.id, Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
      if (ctx.kind === 'full' || linkedNow || ctx.escrows.get(object.id, 'members')) ctx.references.fullGroups.add(object.id);
    }
  }
  if (linkedNow) ctx.references.newlyLinked.add(object.id);
}

function subset(mappings: readonly CompiledAttributeMapping[], which: 'all' | 'allButSoftDeletion' | 'softDeletionOnly'): readonly CompiledAttributeMapping[] {
  if (which === 'all') return mappings;
  return mappings.filter((mapping) => (which === 'softDeletionOnly' ? mapping.softDeletion : !mapping.softDeletion));
}

function skipped(ctx: CycleContext, report: ReportBuilder, reason: string): void {
  report.step(processingStep('Skip', reason));
  ctx.log.add(report.finish('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', reason }));
}

/** The object needs nothing more: an escrow or a staged delete it had is over. */
async function settle(ctx: CycleContext, sourceId: string): Promise<void> {
  await ctx.escrows.succeed(sourceId, 'object');
  if (ctx.stagedIds.delete(sourceId)) await ctx.staged.unstage([sourceId]);
}

/**
 * A failed object is logged; a retryable failure is escrowed with its next attempt, a permanent one waits for
 * the object to change. Job-level failures and stops end the cycle; anything unexpected too.
 */
export async function objectFailed(ctx: CycleContext, object: SourceObject, report: ReportBuilder, action: ProvisioningAction, error: unknown): Promise<void> {
  if (error instanceof JobLevelFailure) {
    // The object that met it records why the job stops (bad credentials, unreachable target).
    ctx.log.add(report.step(failedExport(ctx, action, error.message)).finish(action, 'failure', jobLevelError(error)));
    throw error;
  }
  if (error instanceof CycleStoppedError || !(error instanceof ObjectFailure)) throw error;
  ctx.counters.failedObjects += 1;
  report.step(failedExport(ctx, action, error.reason));
  if (error.retryable) {
    const escrow = await ctx.escrows.fail(object.id, 'object', object.objectType, { code: error.code, message: error.reason, retryAfterMs: error.retryAfterMs }, ctx.options.now());
    ctx.log.add(report.finish(action, 'failure', errorInformation(error, escrow.nextAttemptAt, escrow.attempts)));
  } else {
    await ctx.escrows.succeed(object.id, 'object');
    ctx.log.add(report.finish(action, 'failure', errorInformation(error)));
  }
}

function failedExport(ctx: CycleContext, action: ProvisioningAction, reason: string) {
  return exportStep(action === 'create' ? 'Add' : action === 'delete' ? 'Delete' : 'Update', ctx.target.displayName, 'failure', reason);
}
