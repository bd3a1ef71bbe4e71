import { NotFoundError } from '../../errors/graph-error.js';

/**
 * The engine handed the writer an entry that cannot be a provisioningObjectSummary (an unknown enum member,
 * an invalid date, a negative duration). A programming error in the caller: nothing of the batch is stored.
 */
export class InvalidProvisioningLogEntryError extends Error {
  readonly code = 'InvalidProvisioningLogEntry';

  constructor(
    readonly property: string,
    message: string,
  ) {
    super(`Invalid provisioning log entry, ${property}: ${message}`);
    this.name = 'InvalidProvisioningLogEntryError';
  }
}

/** `GET /auditLogs/provisioning/{id}` for an id that was never recorded or has been purged. */
export class ProvisioningLogNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  }
}
