import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BadRequestError, ConflictError, NotFoundError, TooManyRequestsError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import type { SynchronizationJobRecord } from '../../sync/jobs/synchronization-job.js';
import type { ProvisioningLogWriter } from '../../sync/provisioning-logs/index.js';
import type { SecretStore } from '../../sync/secrets/secret-store.js';
import { buildCycleContext } from '../cycle/build-context.js';
import type { SourceObject } from '../connectors/source-connector.js';
import type { CycleEnvironment } from '../cycle/cycle-environment.js';
import { loadCycleEnvironment } from '../cycle/cycle-environment.js';
import { runDeprovisions } from '../cycle/deprovision.js';
import { processObjects } from '../cycle/process-object.js';
import { runReferences } from '../cycle/references.js';
import { ConnectorNotImplementedError, EngineError, JobLevelFailure } from '../engine-errors.js';
import type { EngineOptions } from '../engine-options.js';
import { acquireLease, releaseLease } from '../runner/lease.js';
import { ConnectorDataStore } from '../state/connector-data-store.js';
import { EscrowStore } from '../state/escrow-store.js';
import { StagedDeletes } from '../state/staged-deletes.js';
import { onDemandConnectionFailure, onDemandResponse, type OnDemandResponse } from './on-demand-response.js';
import type { OnDemandRequest } from './on-demand-request.js';
import { SlidingWindowLimit } from './rate-limit.js';

export interface OnDemandDependencies {
  readonly db: Kysely<Database>;
  readonly secrets: SecretStore;
  readonly logs: ProvisioningLogWriter;
  readonly options: EngineOptions;
}

/**
 * provisionOnDemand (engine-behavior §1.14, graph-sync-api §3.5): the cycle's pipeline for one user, or one
 * group with up to five of its members, right now. It runs under the job's lease (waiting briefly for a
 * running cycle), without the tenant URL's `aadOptscim062020` dialect (the hosted service does not apply it
 * on demand), writes provisioning logs like a cycle, and answers with the subject's record.
 */
export class OnDemandProvisioner {
  readonly #limit: SlidingWindowLimit;
  readonly #owner = `on-demand:${randomUUID()}`;

  constructor(private readonly deps: OnDemandDependencies) {
    this.#limit = new SlidingWindowLimit(deps.options.onDemandLimit, deps.options.onDemandWindowMs);
  }

  async provision(job: SynchronizationJobRecord, request: OnDemandRequest): Promise<OnDemandResponse> {
    const { db, options } = this.deps;
    const wait = this.#limit.take(job.id, Date.now());
    if (wait > 0) throw new TooManyRequestsError('provisionOnDemand allows 5 requests per 10 seconds per job.', Math.ceil(wait / 1000));
    let environment: CycleEnvironment;
    try {
      environment = await loadCycleEnvironment(db, this.deps.secrets, job, options, 'default');
    } catch (error) {
      if (error instanceof JobLevelFailure) throw new BadRequestError(error.advisedMessage, { code: error.code });
      if (error instanceof ConnectorNotImplementedError) throw new BadRequestError(error.message, { code: error.code });
      // The job or its service principal was deleted while the call began.
      if (error instanceof EngineError && (error.code === 'JobNotFound' || error.code === 'ServicePrincipalNotFound')) throw new NotFoundError(error.message);
      throw error;
    }
    try {
      if (request.ruleId !== environment.schema.ruleId) {
        throw new BadRequestError(`The rule '${request.ruleId}' is not a synchronization rule of this job's schema (its rule is '${environment.schema.ruleId}').`, {
          code: 'InvalidRuleId',
        });
      }
      const subjectType = this.#objectType(environment, request.objectTypeName);
      await this.#lease(job.id);
      try {
        return await this.#run(job, environment, request, subjectType);
      } finally {
        await releaseLease(db, job.id, this.#owner);
      }
    } finally {
      await environment.close().catch(() => undefined);
    }
  }

  async #run(job: SynchronizationJobRecord, environment: CycleEnvironment, request: OnDemandRequest, subjectType: string): Promise<OnDemandResponse> {
    const { db, options } = this.deps;
    const escrows = new EscrowStore(db, job.id, { baseMs: options.escrowBackoffMs, maxMs: options.escrowMaxBackoffMs });
    await escrows.load();
    const ctx = buildCycleContext({
      db,
      jobId: job.id,
      cycleId: randomUUID(),
      kind: 'onDemand',
      environment,
      store: new ConnectorDataStore(db, job.id),
      escrows,
      stagedIds: (await new StagedDeletes(db, job.id).list()).map((item) => item.sourceId),
      forceDeletes: false,
      options,
      logs: this.deps.logs,
      keepLogs: true,
      checkpoint: async () => undefined,
    });
    let subject: SourceObject | undefined;
    try {
      [subject] = await this.#read(environment, subjectType, [request.objectId]);
      if (!subject || subject.state === 'gone') throw new NotFoundError(`The ${subjectType.toLowerCase()} '${request.objectId}' was not found in the directory.`);
      const members: SourceObject[] = [];
      for (const type of new Set(request.members.map((member) => this.#objectType(environment, member.objectTypeName)))) {
        const ids = request.members.filter((member) => this.#objectType(environment, member.objectTypeName) === type).map((member) => member.objectId);
        members.push(...(await this.#read(environment, type, ids)));
      }
      await processObjects(ctx, members.filter((member) => member.state !== 'gone'));
      await processObjects(ctx, [subject]);
      // Only the named members' memberships, and no other group of a newly provisioned member.
      ctx.references.fullGroups.clear();
      ctx.references.newlyLinked.clear();
      if (members.length > 0) ctx.references.pairs.set(subject.id, new Set(members.map((member) => member.id)));
      await runReferences(ctx);
      await runDeprovisions(ctx);
    } catch (error) {
      // A source or target that cannot be used (refused credentials, a directory that cannot be reached, for
      // now or for good) is the call's Failure answer, not a server error.
      if (error instanceof EngineError) return onDemandConnectionFailure(error.code, error.message, error instanceof JobLevelFailure ? error.recommendedAction : null);
      throw error;
    } finally {
      await ctx.store.flush();
      await ctx.log.flush();
    }
    const subjectId = subject.id;
    const record = ctx.log.records.find((candidate) => candidate.sourceIdentity.id === subjectId);
    if (!record) throw new EngineError('OnDemandNoRecord', `Provisioning ${subjectId} on demand produced no record.`);
    return onDemandResponse(record);
  }

  /** Subjects as the request names them: AD distinguished names go through the source's readSubjects. */
  #read(environment: CycleEnvironment, objectType: string, names: readonly string[]): Promise<SourceObject[]> {
    const { source } = environment;
    return source.readSubjects ? source.readSubjects(objectType, names) : source.readObjects(objectType, names);
  }

  #objectType(environment: CycleEnvironment, name: string): string {
    const type = [...environment.schema.objectMappings.keys()].find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!type) {
      throw new BadRequestError(`'${name}' is not a source object this job provisions (${[...environment.schema.objectMappings.keys()].join(', ')}).`, {
        code: 'InvalidObjectTypeName',
      });
    }
    return type;
  }

  /** The job's lease, waiting for a running cycle to finish for at most `onDemandLeaseWaitMs`. */
  async #lease(jobId: string): Promise<void> {
    const deadline = Date.now() + this.deps.options.onDemandLeaseWaitMs;
    for (;;) {
      if (await acquireLease(this.deps.db, jobId, this.#owner, this.deps.options.leaseTtlMs, this.deps.options.now())) return;
      if (Date.now() >= deadline) throw new ConflictError('A provisioning cycle of this job is running; try again when it has finished.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
