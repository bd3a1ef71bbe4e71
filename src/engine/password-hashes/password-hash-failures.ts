import { randomUUID } from 'node:crypto';
import { PasswordHashError, type PasswordHashErrorCode } from '../../connectors/ad-password-hashes/index.js';
import { EngineError, JobLevelFailure } from '../engine-errors.js';
import { ReportBuilder, type ObjectReport } from '../logs/object-report.js';
import type { HashReportContext } from './hash-reports.js';

/** What to do about each failure, for the job status and the provisioning log record. */
const remedies: Readonly<Record<PasswordHashErrorCode, string>> = {
  MissingReplicationRights:
    "Grant the account in the UserName secret 'Replicating Directory Changes' and 'Replicating Directory Changes All' on the domain root (docs/password-hash-sync.md), then restart the job.",
  InvalidCredentials: 'Check the UserName (user@domain or DOMAIN\\user) and Password secrets and that the account is enabled, then restart the job.',
  DomainControllerUnreachable:
    "Directory replication needs TCP 135 and the domain controller's dynamic RPC ports from the Provisio host, and the DC's RPC service. The next cycle tries again.",
  HelperUnavailable: "Install Samba's Python bindings on the Provisio host (apt-get install python3-samba), then restart the job.",
  ProtocolError: 'The next cycle tries again; if it keeps failing, the diagnostics in the service log say more.',
  InvalidWatermark: 'Restart the job with the Watermark scope to read every account again.',
  InvalidConfiguration: 'Set the Domain (or BaseDN), Server, UserName and Password secrets of the job.',
};

/**
 * A failed read of password hashes as the engine reports it, message and remedy together (the status has no
 * other place for the remedy). Failures that need someone to change the configuration (rights, credentials,
 * the helper, the secrets) are job-level, their remedy also their recommendedAction: the job is quarantined
 * until it is restarted. An unreachable domain controller or a broken connection fails the cycle only; the
 * next cycle tries again.
 */
export function passwordHashFailure(error: PasswordHashError): EngineError {
  const message = `Password hash sync could not read password hashes from Active Directory: ${error.message}${error.status ? ` (${error.status})` : ''}. ${remedies[error.code]}`;
  if (error.retryable) return new EngineError(error.code, message, { cause: error });
  return new JobLevelFailure(error.code, message, { recommendedAction: remedies[error.code], cause: error });
}

/** The provisioning log record of a failed read: no account is named, the domain is; `consequence` says what happens next. */
export function failureReport(context: HashReportContext, failure: EngineError, domain: string, consequence: string): ObjectReport {
  // Only a reader's failure has a server, a status and a remedy; any other engine error is reported by its message.
  const cause = failure.cause instanceof PasswordHashError ? failure.cause : undefined;
  return new ReportBuilder(randomUUID(), context.now(), { id: domain, displayName: domain, objectType: 'domainDNS' }, 'User')
    .step({
      name: 'EntryImport',
      provisioningStepType: 'import',
      status: 'failure',
      description: `Reading password hashes from ${context.sourceSystem} by directory replication failed`,
      details: { ...(cause?.server ? { DomainController: cause.server } : {}), ...(cause?.status ? { Status: cause.status } : {}) },
    })
    .finish('other', 'failure', {
      errorCode: failure.code,
      errorCategory: failure instanceof JobLevelFailure ? 'failure' : 'nonServiceFailure',
      reason: failure.message,
      additionalDetails: consequence,
      recommendedAction: cause ? remedies[cause.code] : null,
    });
}
