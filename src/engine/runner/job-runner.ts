import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { findJob } from '../../sync/jobs/job-repository.js';
import type { ProvisioningLogWriter } from '../../sync/provisioning-logs/index.js';
import type { SecretStore } from '../../sync/secrets/secret-store.js';
import { runCycle, type CycleHooks } from '../cycle/run-cycle.js';
import { CycleStoppedError } from '../engine-errors.js';
import type { EngineOptions } from '../engine-options.js';
import { isoDurationMs } from '../iso-duration.js';
import { applyCycleOutcome, applyProgress } from '../status/cycle-status.js';
import { updateJobRecord } from '../status/job-updates.js';
import { findDueJobs, isDue, type DueJob } from './due-jobs.js';
import { acquireLease, releaseLease, renewLease } from './lease.js';

export interface JobRunnerDependencies {
  readonly db: Kysely<Database>;
  readonly secrets: SecretStore;
  readonly logs: ProvisioningLogWriter;
  /** Failures the runner cannot attribute to a job's status (store unreachable, a bug). */
  readonly onError?: (error: unknown, message: string) => void;
}

const defaultIntervalMs = 40 * 60_000;

/**
 * Runs started jobs: polls the store for due jobs (a start or restart asked for a cycle, or the schedule's
 * next run has come), takes each job's durable lease so no other Provisio process on the same database runs
 * it at the same time, renews the lease while the cycle runs, and records the outcome in the job's status.
 * A pause, a deleted job, a lost lease or `stop()` end a cycle at its next safe point.
 */
export class JobRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  readonly #running = new Map<string, { readonly done: Promise<void>; readonly abort: AbortController }>();
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #stopped = true;

  constructor(
    private readonly deps: JobRunnerDependencies,
    private readonly options: EngineOptions,
  ) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops polling, stops running cycles at their next safe point, waits for them and releases their leases. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    for (const { abort } of this.#running.values()) abort.abort('shutdown');
    await Promise.all([...this.#running.values()].map(({ done }) => done));
  }

  /** Jobs with a cycle under way in this process. */
  get runningJobs(): readonly string[] {
    return [...this.#running.keys()];
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#polling = this.#poll().finally(() => {
        this.#polling = undefined;
        this.#schedule(this.options.pollIntervalMs);
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    try {
      const free = this.options.maxConcurrentJobs - this.#running.size;
      if (free <= 0) return;
      const due = await findDueJobs(this.deps.db, this.options.now(), free + this.#running.size);
      for (const job of due) {
        if (this.#stopped || this.#running.size >= this.options.maxConcurrentJobs) break;
        if (this.#running.has(job.id)) continue;
        await this.#tryRun(job);
      }
    } catch (error) {
      this.deps.onError?.(error, 'looking for due synchronization jobs failed');
    }
  }

  async #tryRun(due: DueJob): Promise<void> {
    if (!(await acquireLease(this.deps.db, due.id, this.owner, this.options.leaseTtlMs, this.options.now()))) return;
    const abort = new AbortController();
    const done = this.#run(due, abort)
      .catch((error: unknown) => this.deps.onError?.(error, `synchronization job ${due.id} failed`))
      .finally(async () => {
        this.#running.delete(due.id);
        await releaseLease(this.deps.db, due.id, this.owner).catch(() => undefined);
      });
    this.#running.set(due.id, { done, abort });
  }

  async #run(due: DueJob, abort: AbortController): Promise<void> {
    const { db } = this.deps;
    const renewal = setInterval(() => {
      renewLease(db, due.id, this.owner, this.options.leaseTtlMs, this.options.now()).then(
        (held) => {
          if (!held) abort.abort('leaseLost');
        },
        () => undefined,
      );
    }, Math.max(50, Math.floor(this.options.leaseTtlMs / 3)));
    renewal.unref();
    try {
      const job = await findJob(db, due.servicePrincipalId, due.id);
      if (!job || !isDue(job, this.options.now())) return;
      if (job.schedule.state !== 'Active') {
        await updateJobRecord(db, job.servicePrincipalId, job.id, (current) => ({ ...current, runRequestedAt: null, nextRunAt: null }));
        return;
      }
      const cycleId = randomUUID();
      let kind: 'full' | 'incremental' = 'incremental';
      let lastProgress = 0;
      const hooks: CycleHooks = {
        cycleId,
        started: (cycleKind) => {
          kind = cycleKind;
          this.options.observer?.cycleStarted?.({ jobId: job.id, cycleId, owner: this.owner, kind, at: this.options.now() });
        },
        checkpoint: async (counters) => {
          if (abort.signal.aborted) throw new CycleStoppedError(abort.signal.reason as 'leaseLost' | 'shutdown');
          if (Date.now() - lastProgress < this.options.progressIntervalMs) return;
          lastProgress = Date.now();
          const current = await updateJobRecord(db, job.servicePrincipalId, job.id, (record) =>
            record.schedule.state === 'Active' ? applyProgress(record, counters.processed, counters.total, this.options.now()) : undefined,
          );
          if (!current) throw new CycleStoppedError('deleted');
          if (current.schedule.state !== 'Active') throw new CycleStoppedError('paused');
        },
      };
      const outcome = await runCycle({ db, secrets: this.deps.secrets, logs: this.deps.logs, options: this.options }, job, hooks);
      if (abort.signal.reason === 'leaseLost') return;
      const intervalMs = this.options.cycleIntervalMs ?? isoDurationMs(job.schedule.interval) ?? defaultIntervalMs;
      await updateJobRecord(db, job.servicePrincipalId, job.id, (current) =>
        applyCycleOutcome(current, outcome, { consumedRunRequest: job.runRequestedAt, intervalMs, now: this.options.now(), options: this.options }),
      );
      this.options.observer?.cycleEnded?.({ jobId: job.id, cycleId, owner: this.owner, kind, at: this.options.now(), state: outcome.state });
    } finally {
      clearInterval(renewal);
    }
  }
}
