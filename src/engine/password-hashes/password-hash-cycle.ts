import { PasswordHashError } from '../../connectors/ad-password-hashes/index.js';
import { findServicePrincipalById } from '../../directory/service-principals/service-principal-repository.js';
import { RestartScope } from '../../sync/jobs/restart-scope.js';
import type { SynchronizationError, SynchronizationJobRecord, SynchronizationTaskExecution } from '../../sync/jobs/synchronization-job.js';
import { activeDirectoryName } from '../../sync/templates/directories/active-directory.js';
import { CycleCounters } from '../cycle/cycle-counters.js';
import type { CycleDependencies, CycleHooks, CycleOutcome } from '../cycle/run-cycle.js';
import { CycleStoppedError, EngineError, JobLevelFailure } from '../engine-errors.js';
import { CycleLog } from '../logs/cycle-log.js';
import { readPasswordHashWatermark } from '../state/job-state.js';
import type { HashReportContext } from './hash-reports.js';
import { failureReport, passwordHashFailure } from './password-hash-failures.js';
import { runPasswordHashPass, type PasswordHashPassResult } from './password-hash-pass.js';
import { openPasswordHashSource, passwordHashScenario, passwordHashSyncEnabled } from './password-hash-settings.js';

/**
 * A cycle of an `AD2AADPasswordHash` job: only the password hash pass, when the `AppKey` secret enables the
 * scenario (otherwise the cycle records why it did nothing). Status: accounts read are imported, credentials
 * written are exports, accounts whose user does not exist yet are this cycle's entry-level errors (the hosted
 * service expects them on a first run) and the ones still waiting are the escrowed count. A failed read is a
 * failed cycle; one that needs the configuration changed (rights, credentials, python3-samba, secrets) also
 * quarantines the job.
 */
export async function runPasswordHashCycle(deps: CycleDependencies, job: SynchronizationJobRecord, hooks: CycleHooks): Promise<CycleOutcome> {
  const began = deps.options.now();
  const counters = new CycleCounters();
  // Every restart flag is applied by this cycle: Watermark (and Full) by reading every account again; the
  // others name state this job does not keep.
  const appliedResets = job.pendingReset;
  const restart = (job.pendingReset & RestartScope.Watermark) !== 0;
  let kind: 'full' | 'incremental' = 'incremental';
  let result: PasswordHashPassResult | undefined;
  const finish = (state: CycleOutcome['state'], error: SynchronizationError | null = null, quarantine = false): CycleOutcome => {
    const execution: SynchronizationTaskExecution = Object.freeze({
      activityIdentifier: hooks.cycleId,
      countEntitled: result?.read ?? 0,
      countEntitledForProvisioning: result?.read ?? 0,
      countEscrowed: result?.waiting ?? 0,
      countEscrowedRaw: result?.pending ?? 0,
      countExported: counters.exported,
      countExports: counters.exportsNeeded,
      countImported: result?.read ?? 0,
      countImportedDeltas: result && !result.full ? result.read : 0,
      countImportedReferenceDeltas: 0,
      error,
      state: state === 'Stopped' ? 'Failed' : state,
      timeBegan: began.toISOString(),
      timeEnded: deps.options.now().toISOString(),
    });
    return Object.freeze({
      kind: result ? (result.full ? 'full' : 'incremental') : kind,
      state,
      execution,
      quarantine: quarantine && error ? { reason: 'EncounteredQuarantineException' as const, error } : null,
      hasMore: false,
      steadyState: state === 'Succeeded' && counters.exportsNeeded === 0,
      entryCounts: null,
      appliedResets,
    });
  };

  let log: CycleLog | undefined;
  let context: HashReportContext | undefined;
  let domain = activeDirectoryName;
  let started = false;
  try {
    kind = restart || (await readPasswordHashWatermark(deps.db, job.id)) === null ? 'full' : 'incremental';
    started = true;
    hooks.started?.(kind);
    const secrets = await deps.secrets.read(deps.db, job.servicePrincipalId);
    if (!passwordHashSyncEnabled(secrets)) {
      return finish('Failed', {
        code: 'PasswordHashSyncNotEnabled',
        message: `Password hash sync is not enabled for this tenant: set the AppKey secret to {"appKeyScenario":"${passwordHashScenario}"} to run this job.`,
        tenantActionable: true,
      });
    }
    const sp = await findServicePrincipalById(deps.db, job.servicePrincipalId);
    if (!sp) throw new EngineError('ServicePrincipalNotFound', `The service principal ${job.servicePrincipalId} of job ${job.id} no longer exists.`);
    const servicePrincipal = { id: sp.id, displayName: sp.displayName ?? sp.appId, appId: sp.appId };
    context = { sourceSystem: activeDirectoryName, targetSystem: servicePrincipal.displayName, now: deps.options.now };
    log = new CycleLog(deps.logs, {
      jobId: job.id,
      cycleId: hooks.cycleId,
      servicePrincipal,
      sourceSystemName: context.sourceSystem,
      targetSystemName: context.targetSystem,
    });
    const opened = openPasswordHashSource(secrets);
    domain = opened.namingContext;
    result = await runPasswordHashPass({
      db: deps.db,
      jobId: job.id,
      source: opened.source,
      log,
      report: context,
      restart,
      counters,
      checkpoint: () => hooks.checkpoint(counters),
    });
    await log.flush();
    return finish(result.waiting > 0 ? 'EntryLevelErrors' : 'Succeeded');
  } catch (error) {
    // A cycle that could not even begin still counts as one that ran.
    if (!started) hooks.started?.(kind);
    if (error instanceof CycleStoppedError) {
      await log?.flush().catch(() => undefined);
      return finish('Stopped');
    }
    const failure = error instanceof PasswordHashError ? passwordHashFailure(error) : error;
    if (log && context && failure instanceof EngineError) {
      const consequence = failure instanceof JobLevelFailure ? 'The job is quarantined until it is restarted.' : 'The next cycle tries again.';
      log.add(failureReport(context, failure, domain, consequence));
    }
    await log?.flush().catch(() => undefined);
    const described: SynchronizationError =
      failure instanceof EngineError
        ? { code: failure.code, message: failure.message, tenantActionable: failure instanceof JobLevelFailure }
        : { code: 'InternalError', message: failure instanceof Error ? failure.message : String(failure), tenantActionable: false };
    return finish('Failed', described, failure instanceof JobLevelFailure);
  }
}
