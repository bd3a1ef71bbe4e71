import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { runtimeOf } from '../../sync/jobs/job-service.js';
import { RestartScope } from '../../sync/jobs/restart-scope.js';
import type { QuarantineReason, SynchronizationError, SynchronizationJobRecord, SynchronizationTaskExecution } from '../../sync/jobs/synchronization-job.js';
import type { ProvisioningLogWriter } from '../../sync/provisioning-logs/index.js';
import type { SecretStore } from '../../sync/secrets/secret-store.js';
import { ConnectorNotImplementedError, CycleStoppedError, EngineError, JobLevelFailure, WatermarkExpiredError } from '../engine-errors.js';
import type { EngineOptions } from '../engine-options.js';
import type { CompiledObjectMapping } from '../mapping/compiled-mapping.js';
import { runPasswordHashCycle } from '../password-hashes/password-hash-cycle.js';
import { runProvisioningPasswordHashes } from '../password-hashes/provisioning-password-hashes.js';
import { escrowQuarantineReason } from '../stages/quarantine-rules.js';
import { ConnectorDataStore } from '../state/connector-data-store.js';
import { EscrowStore } from '../state/escrow-store.js';
import { readJobState, writeJobState } from '../state/job-state.js';
import { StagedDeletes } from '../state/staged-deletes.js';
import { CycleCounters } from './cycle-counters.js';
import { buildCycleContext } from './build-context.js';
import type { CycleContext } from './cycle-context.js';
import { loadCycleEnvironment, type CycleEnvironment } from './cycle-environment.js';
import { runDeprovisions } from './deprovision.js';
import { processObjects } from './process-object.js';
import { runReferences } from './references.js';

export interface CycleDependencies {
  readonly db: Kysely<Database>;
  readonly secrets: SecretStore;
  readonly logs: ProvisioningLogWriter;
  readonly options: EngineOptions;
}

export interface CycleHooks {
  readonly cycleId: string;
  /** Throws CycleStoppedError at a safe point when the cycle must stop; may record progress. */
  checkpoint(counters: CycleCounters): Promise<void>;
  /** Called once the kind of cycle is known. */
  started?(kind: 'full' | 'incremental'): void;
}

/** What a cycle did, for the job status. */
export interface CycleOutcome {
  readonly kind: 'full' | 'incremental';
  /** `Stopped`: paused, lost lease or shutdown at a safe point; no execution is recorded. */
  readonly state: SynchronizationTaskExecution['state'] | 'Stopped';
  readonly execution: SynchronizationTaskExecution;
  /** The job must be quarantined with this reason (null: the job is healthy). */
  readonly quarantine: { readonly reason: QuarantineReason; readonly error: SynchronizationError | null } | null;
  /** The change feed had more than one cycle takes: run again at once. */
  readonly hasMore: boolean;
  /** Nothing was left to export: the steady state (status.steadyState*). */
  readonly steadyState: boolean;
  /** `synchronizedEntryCountByType`, when the cycle got far enough to count. */
  readonly entryCounts: readonly { readonly key: string; readonly value: number }[] | null;
  /** Restart-scope flags this cycle applied (cleared from the job's pendingReset). */
  readonly appliedResets: number;
}

/**
 * One cycle of a job (engine-behavior §1.2–§1.4): apply the restart scope a restart asked for; a full cycle
 * when there is no watermark or the schema changed since the last full one, else an incremental one from the
 * watermark; the object pass (members before the groups holding them), references, deprovisioning with the
 * delete threshold; then the watermark moves — only now, after everything below it is exported or escrowed,
 * so a crash replays from the previous watermark and the replay, matching before creating, duplicates nothing.
 */
export async function runCycle(deps: CycleDependencies, job: SynchronizationJobRecord, hooks: CycleHooks): Promise<CycleOutcome> {
  // Password hash sync jobs replicate credentials only: no objects, so none of the pipeline below.
  if (runtimeOf(job.templateId).source === 'adReplication') return runPasswordHashCycle(deps, job, hooks);
  const began = deps.options.now();
  const counters = new CycleCounters();
  // Restart flags count as applied once their effect is durable: the cleared store, escrows and watermark at
  // once; ForceDeletes only when the deprovisioning pass ran, so a cycle that stops before keeps it pending.
  let appliedResets = job.pendingReset & ~RestartScope.ForceDeletes;
  let kind: 'full' | 'incremental' = 'incremental';
  let started = false;
  const start = (cycleKind: 'full' | 'incremental') => {
    kind = cycleKind;
    started = true;
    hooks.started?.(kind);
  };
  let ctx: CycleContext | undefined;
  let environment: CycleEnvironment | undefined;
  const finish = (
    state: CycleOutcome['state'],
    extra: Partial<Pick<CycleOutcome, 'quarantine' | 'hasMore' | 'entryCounts'>> & { error?: SynchronizationError | null } = {},
  ): CycleOutcome => {
    const escrowCounts = ctx?.escrows.counts();
    const execution: SynchronizationTaskExecution = Object.freeze({
      activityIdentifier: hooks.cycleId,
      countEntitled: counters.entitled,
      countEntitledForProvisioning: counters.entitledForProvisioning,
      countEscrowed: counters.failedObjects + counters.failedReferences,
      countEscrowedRaw: escrowCounts ? escrowCounts.objects + escrowCounts.references : 0,
      countExported: counters.exported,
      countExports: counters.exportsNeeded,
      countImported: counters.imported,
      countImportedDeltas: counters.importedDeltas,
      countImportedReferenceDeltas: counters.importedReferenceDeltas,
      error: extra.error ?? null,
      state: state === 'Stopped' ? 'Failed' : state,
      timeBegan: began.toISOString(),
      timeEnded: deps.options.now().toISOString(),
    });
    return Object.freeze({
      kind,
      state,
      execution,
      quarantine: extra.quarantine ?? null,
      hasMore: extra.hasMore ?? false,
      steadyState: state === 'Succeeded' && counters.exportsNeeded === 0 && !(extra.hasMore ?? false),
      entryCounts: extra.entryCounts ?? null,
      appliedResets,
    });
  };

  try {
    environment = await loadCycleEnvironment(deps.db, deps.secrets, job, deps.options);
    const store = new ConnectorDataStore(deps.db, job.id);
    const escrows = new EscrowStore(deps.db, job.id, { baseMs: deps.options.escrowBackoffMs, maxMs: deps.options.escrowMaxBackoffMs });
    const staged = new StagedDeletes(deps.db, job.id);
    if (appliedResets & RestartScope.ConnectorDataStore) await store.clear();
    if (appliedResets & RestartScope.Escrows) await escrows.clear();
    await escrows.load();
    const state = await readJobState(deps.db, job.id);
    const watermark = appliedResets & RestartScope.Watermark ? null : state.watermark;
    if (watermark === null && state.watermark !== null) await writeJobState(deps.db, job.id, { ...state, watermark: null }, deps.options.now());
    const full = watermark === null || state.schemaVersion !== environment.schema.version;
    start(full ? 'full' : 'incremental');
    const stagedItems = await staged.list();
    ctx = buildCycleContext({
      db: deps.db,
      jobId: job.id,
      cycleId: hooks.cycleId,
      kind: full ? 'full' : 'incremental',
      environment,
      store,
      escrows,
      stagedIds: stagedItems.map((item) => item.sourceId),
      forceDeletes: (job.pendingReset & RestartScope.ForceDeletes) !== 0,
      options: deps.options,
      logs: deps.logs,
      counters,
      checkpoint: () => hooks.checkpoint(counters),
    });
    const context = ctx;
    let next = watermark ?? '';
    let hasMore = false;
    if (full) {
      next = await fullPass(context);
    } else {
      const result = await incrementalPass(context, watermark!, stagedItems);
      next = result.watermark;
      hasMore = result.hasMore;
    }
    await runReferences(context);
    const deprovisioned = await runDeprovisions(context);
    appliedResets |= job.pendingReset & RestartScope.ForceDeletes;
    await context.store.flush();
    await context.log.flush();
    await writeJobState(deps.db, job.id, { watermark: next, schemaVersion: environment.schema.version }, deps.options.now());
    // Password hashes after the objects, so users created in this cycle can sign in when it ends.
    const passwordHashError = await runProvisioningPasswordHashes({
      db: deps.db,
      secrets: deps.secrets,
      servicePrincipalId: job.servicePrincipalId,
      jobId: job.id,
      schema: environment.schema,
      log: context.log,
      report: { sourceSystem: environment.schema.sourceDirectoryName, targetSystem: environment.servicePrincipal.displayName, now: deps.options.now },
      restart: (appliedResets & RestartScope.Watermark) !== 0,
      counters,
      checkpoint: context.checkpoint,
    });
    await context.log.flush();
    const entryCounts = await countEntries(context);
    // A scope entry the flow ignored or found missing outranks a failed password hash read, which its
    // provisioning log record reports.
    const error = environment.configurationError ?? (await environment.source.configurationError?.()) ?? passwordHashError;
    const entryErrors = counters.failedObjects + counters.failedReferences > 0 || deprovisioned.staged > 0 || error !== null;
    return finish(entryErrors ? 'EntryLevelErrors' : 'Succeeded', {
      hasMore,
      entryCounts,
      error,
      quarantine: quarantineAfterCycle(context, deprovisioned.staged),
    });
  } catch (error) {
    // A cycle that could not even begin (no connector, no credentials) still counts as one that ran.
    if (!started) start(kind);
    await ctx?.store.flush().catch(() => undefined);
    await ctx?.log.flush().catch(() => undefined);
    if (error instanceof CycleStoppedError) return finish('Stopped');
    const failure = describeFailure(error);
    if (error instanceof WatermarkExpiredError) {
      // Nothing moved; the next cycle, at once, is a full one.
      await writeJobState(deps.db, job.id, { ...(await readJobState(deps.db, job.id)), watermark: null }, deps.options.now());
      return finish('Failed', { error: failure, hasMore: true });
    }
    const quarantine = error instanceof JobLevelFailure ? { reason: 'EncounteredQuarantineException' as const, error: failure } : null;
    return finish('Failed', { error: failure, quarantine });
  } finally {
    await environment?.close().catch(() => undefined);
  }
}

/** Every object in scope, then the links whose objects the pass did not meet (out of scope, deleted). */
async function fullPass(ctx: CycleContext): Promise<string> {
  const watermark = await ctx.source.currentWatermark();
  const types = orderedTypes(ctx);
  for (const type of types) ctx.counters.total += await ctx.source.countInScope(type);
  for (const type of types) {
    for await (const page of ctx.source.fullImport(type, ctx.options.pageSize)) {
      ctx.counters.imported += page.length;
      await processObjects(ctx, page);
      await ctx.checkpoint();
    }
  }
  for (const type of types) {
    for await (const ids of ctx.store.sourceIds(type, ctx.options.pageSize)) {
      const unseen = ids.filter((id) => !ctx.visited.has(id));
      if (unseen.length === 0) continue;
      const objects = await ctx.source.readObjects(type, unseen);
      ctx.counters.imported += objects.length;
      await processObjects(ctx, objects);
      await ctx.checkpoint();
    }
  }
  // Escrowed objects a full evaluation did not meet left scope before they were ever provisioned.
  for (const escrow of ctx.escrows.all()) if (!ctx.visited.has(escrow.sourceId)) await ctx.escrows.succeed(escrow.sourceId, escrow.kind);
  return watermark;
}

/** The objects the change feed names since the watermark, with due escrows and staged deletes. */
async function incrementalPass(
  ctx: CycleContext,
  watermark: string,
  staged: readonly { readonly sourceId: string; readonly objectType: string }[],
): Promise<{ watermark: string; hasMore: boolean }> {
  const page = await ctx.source.incrementalImport(watermark, ctx.options.maxChangesPerCycle);
  ctx.counters.importedDeltas = page.changes.deltas;
  ctx.counters.importedReferenceDeltas = page.changes.referenceDeltas;
  const affected = new Map(page.changes.objects);
  for (const escrow of ctx.escrows.due(ctx.options.now())) {
    affected.set(escrow.sourceId, escrow.objectType);
    if (escrow.kind === 'members') ctx.references.fullGroups.add(escrow.sourceId);
  }
  for (const item of staged) affected.set(item.sourceId, item.objectType);
  for (const group of page.changes.reconcileGroups ?? []) ctx.references.fullGroups.add(group);
  for (const change of page.changes.memberships) {
    let members = ctx.references.pairs.get(change.groupId);
    if (!members) ctx.references.pairs.set(change.groupId, (members = new Set()));
    members.add(change.memberId);
  }
  ctx.counters.total = affected.size;
  for (const type of orderedTypes(ctx, affected)) {
    const ids = [...affected].filter(([, objectType]) => objectType === type).map(([id]) => id);
    for (let start = 0; start < ids.length; start += ctx.options.pageSize) {
      const objects = await ctx.source.readObjects(type, ids.slice(start, start + ctx.options.pageSize));
      ctx.counters.imported += objects.length;
      await processObjects(ctx, objects);
      await ctx.checkpoint();
    }
  }
  return { watermark: page.watermark, hasMore: page.hasMore };
}

/**
 * The schema's source object types, those that hold members (groups: their mapping writes a multi-valued
 * reference) last, so that members exist in the target before memberships are written; otherwise in
 * schema order.
 */
function orderedTypes(ctx: CycleContext, present?: ReadonlyMap<string, string>): string[] {
  const mappings = [...ctx.schema.objectMappings.values()];
  const holdsMembers = (mapping: CompiledObjectMapping) => mapping.references.some((reference) => reference.reference === 'multi');
  const types = [...mappings.filter((mapping) => !holdsMembers(mapping)), ...mappings.filter(holdsMembers)].map((mapping) => mapping.sourceObjectName);
  if (!present) return types;
  const wanted = new Set(present.values());
  return types.filter((type) => wanted.has(type));
}

/** A finished cycle's quarantine: TooManyDeletes when deletes were staged, else the escrow thresholds'. */
function quarantineAfterCycle(ctx: CycleContext, staged: number): CycleOutcome['quarantine'] {
  if (staged > 0) {
    const message = `${staged} deletes and disables reached the delete threshold of ${ctx.settings.threshold.value}.`;
    return { reason: 'TooManyDeletes', error: { code: 'TooManyDeletes', message, tenantActionable: true } };
  }
  const { failedObjects, failedReferences } = ctx.counters;
  const reason = escrowQuarantineReason(ctx.counters, ctx.options.escrowThresholds);
  if (reason === null) return null;
  const message = `${failedObjects} object and ${failedReferences} reference exports failed in this cycle.`;
  return { reason, error: { code: reason, message, tenantActionable: true } };
}

async function countEntries(ctx: CycleContext): Promise<{ key: string; value: number }[]> {
  const counts = await ctx.store.countByType();
  return [...ctx.schema.objectMappings.values()].map((mapping) => ({ key: mapping.entryLabel, value: counts.get(mapping.sourceObjectName) ?? 0 }));
}

/** The status's error: a job-level failure says what to do too, as the status has no field of its own for it. */
function describeFailure(error: unknown): SynchronizationError {
  if (error instanceof JobLevelFailure) return { code: error.code, message: error.advisedMessage, tenantActionable: true };
  if (error instanceof ConnectorNotImplementedError) return { code: error.code, message: error.message, tenantActionable: false };
  if (error instanceof EngineError) return { code: error.code, message: error.message, tenantActionable: false };
  return { code: 'InternalError', message: error instanceof Error ? error.message : String(error), tenantActionable: false };
}
