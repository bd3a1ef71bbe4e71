import type { Kysely } from 'kysely';
import { PasswordHashError } from '../../connectors/ad-password-hashes/index.js';
import type { Database } from '../../store/database.js';
import type { SynchronizationError } from '../../sync/jobs/synchronization-job.js';
import type { SecretStore } from '../../sync/secrets/secret-store.js';
import type { CycleCounters } from '../cycle/cycle-counters.js';
import { CycleStoppedError, EngineError } from '../engine-errors.js';
import type { CycleLog } from '../logs/cycle-log.js';
import type { CompiledSchema } from '../mapping/compiled-mapping.js';
import type { HashReportContext } from './hash-reports.js';
import { failureReport, passwordHashFailure } from './password-hash-failures.js';
import { runPasswordHashPass } from './password-hash-pass.js';
import { mapsCredentialData, openPasswordHashSource, passwordHashSyncEnabled } from './password-hash-settings.js';

export interface ProvisioningPasswordHashesInput {
  readonly db: Kysely<Database>;
  readonly secrets: SecretStore;
  readonly servicePrincipalId: string;
  readonly jobId: string;
  readonly schema: CompiledSchema;
  readonly log: CycleLog;
  readonly report: HashReportContext;
  /** The cycle applies a restart with the Watermark (or Full) scope. */
  readonly restart: boolean;
  readonly counters: CycleCounters;
  readonly checkpoint: () => Promise<void>;
}

/**
 * The provisioning job's password hash pass, run after its object pass (so the users it just created take
 * their passwords in the same cycle) when its schema maps `CredentialData ← [PasswordHash]` and the AppKey
 * secret enables the scenario. A failed read never undoes or stops provisioning: it is logged and returned as
 * the error the cycle reports (with entry-level errors, no quarantine); null when the pass ran or had nothing
 * to do. A stop at a safe point (CycleStoppedError) goes through.
 */
export async function runProvisioningPasswordHashes(input: ProvisioningPasswordHashesInput): Promise<SynchronizationError | null> {
  if (!mapsCredentialData(input.schema)) return null;
  const secrets = await input.secrets.read(input.db, input.servicePrincipalId);
  if (!passwordHashSyncEnabled(secrets)) return null;
  let domain = input.report.sourceSystem;
  try {
    const opened = openPasswordHashSource(secrets);
    domain = opened.namingContext;
    await runPasswordHashPass({
      db: input.db,
      jobId: input.jobId,
      source: opened.source,
      log: input.log,
      report: input.report,
      restart: input.restart,
      counters: input.counters,
      checkpoint: input.checkpoint,
    });
    return null;
  } catch (error) {
    const failure = error instanceof PasswordHashError ? passwordHashFailure(error) : error;
    if (!(failure instanceof EngineError) || failure instanceof CycleStoppedError) throw failure;
    input.log.add(failureReport(input.report, failure, domain, 'Provisioning of objects is not affected; the next cycle reads the password hashes again.'));
    return { code: failure.code, message: failure.message, tenantActionable: true };
  }
}
