import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { SynchronizationJobRecord } from '../sync/jobs/synchronization-job.js';
import { ProvisioningLogWriter } from '../sync/provisioning-logs/index.js';
import type { SecretStore } from '../sync/secrets/secret-store.js';
import { engineOptions, type EngineOptions, type EngineOptionsInput } from './engine-options.js';
import type { OnDemandRequest } from './on-demand/on-demand-request.js';
import type { OnDemandResponse } from './on-demand/on-demand-response.js';
import { OnDemandProvisioner } from './on-demand/provision-on-demand.js';
import { JobRunner } from './runner/job-runner.js';

export interface EngineDependencies {
  readonly db: Kysely<Database>;
  readonly secrets: SecretStore;
  readonly tenantId: string;
  /** The store's SQLite file, when it has one: provisioning logs are then written by a thread of their own. */
  readonly sqliteFile?: string;
  readonly onError?: (error: unknown, message: string) => void;
}

/**
 * The provisioning engine of one Provisio process: the runner that runs started jobs' cycles, and
 * provisionOnDemand. Both write the same provisioning logs through one writer. See docs/engine.md.
 */
export class ProvisioningEngine {
  readonly options: EngineOptions;
  readonly runner: JobRunner;
  readonly #onDemand: OnDemandProvisioner;
  readonly #logs: ProvisioningLogWriter;

  constructor(deps: EngineDependencies, options: EngineOptionsInput = {}) {
    this.options = engineOptions(options);
    const logs = new ProvisioningLogWriter(deps.db, { tenantId: deps.tenantId, ...(deps.sqliteFile === undefined ? {} : { sqliteFile: deps.sqliteFile }) });
    this.#logs = logs;
    this.runner = new JobRunner({ db: deps.db, secrets: deps.secrets, logs, ...(deps.onError ? { onError: deps.onError } : {}) }, this.options);
    this.#onDemand = new OnDemandProvisioner({ db: deps.db, secrets: deps.secrets, logs, options: this.options });
  }

  start(): void {
    this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
    await this.#logs.close();
  }

  provisionOnDemand(job: SynchronizationJobRecord, request: OnDemandRequest): Promise<OnDemandResponse> {
    return this.#onDemand.provision(job, request);
  }
}
