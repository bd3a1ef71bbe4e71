/**
 * Typed failures of reading password hashes. `code` is stable: the engine shows it in job status and
 * provisioning logs. `retryable` says whether the next cycle can succeed without anyone changing the
 * configuration (DC down) or not (missing rights, bad password, missing package). Messages and
 * `diagnostics` never carry hashes or the account's password.
 */
export type PasswordHashErrorCode =
  | 'MissingReplicationRights'
  | 'InvalidCredentials'
  | 'DomainControllerUnreachable'
  | 'HelperUnavailable'
  | 'ProtocolError'
  | 'InvalidWatermark'
  | 'InvalidConfiguration';

export interface PasswordHashErrorOptions {
  /** The NTSTATUS / WERROR name the domain controller answered with, e.g. `WERR_DS_DRA_ACCESS_DENIED`. */
  readonly status?: string | undefined;
  /** The domain controller involved, when one was. */
  readonly server?: string | undefined;
  /** The end of the helper's stderr, with anything hash-shaped and the password removed. */
  readonly diagnostics?: string | undefined;
  readonly cause?: unknown;
}

export abstract class PasswordHashError extends Error {
  abstract readonly code: PasswordHashErrorCode;
  abstract readonly retryable: boolean;
  readonly status: string | undefined;
  readonly server: string | undefined;
  readonly diagnostics: string | undefined;

  constructor(message: string, options: PasswordHashErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.server = options.server;
    this.diagnostics = options.diagnostics;
  }
}

/** The account lacks "Replicating Directory Changes" and "Replicating Directory Changes All" on the domain root. */
export class MissingReplicationRightsError extends PasswordHashError {
  readonly code = 'MissingReplicationRights';
  readonly retryable = false;
}

/** The DC refused the account: wrong password, unknown, disabled, locked or expired account. */
export class InvalidReplicationCredentialsError extends PasswordHashError {
  readonly code = 'InvalidCredentials';
  readonly retryable = false;
}

/** No listed DC answered (refused, unresolvable, no DRSUAPI endpoint, connection dropped, timed out). */
export class DomainControllerUnreachableError extends PasswordHashError {
  readonly code = 'DomainControllerUnreachable';
  readonly retryable = true;
}

/** The helper cannot run here: no Python interpreter, or Samba's Python bindings (python3-samba) missing. */
export class HelperUnavailableError extends PasswordHashError {
  readonly code = 'HelperUnavailable';
  readonly retryable = false;
}

/** The helper crashed, wrote something outside the protocol, or the DC answered unexpectedly. */
export class PasswordHashProtocolError extends PasswordHashError {
  readonly code = 'ProtocolError';
  readonly retryable = true;
}

/** A watermark that was not written by this reader for this domain: clear it and read everything. */
export class PasswordHashWatermarkError extends PasswordHashError {
  readonly code = 'InvalidWatermark';
  readonly retryable = false;
}

/** The job's secrets do not describe a usable replication connection; `missing` names absent secret keys. */
export class PasswordHashConfigurationError extends PasswordHashError {
  readonly code = 'InvalidConfiguration';
  readonly retryable = false;
  readonly missing: readonly string[];

  constructor(message: string, missing: readonly string[] = [], options: PasswordHashErrorOptions = {}) {
    super(message, options);
    this.missing = Object.freeze([...missing]);
  }
}

const byCode: Readonly<Record<string, new (message: string, options: PasswordHashErrorOptions) => PasswordHashError>> = {
  MissingReplicationRights: MissingReplicationRightsError,
  InvalidCredentials: InvalidReplicationCredentialsError,
  DomainControllerUnreachable: DomainControllerUnreachableError,
  HelperUnavailable: HelperUnavailableError,
  ProtocolError: PasswordHashProtocolError,
  InvalidWatermark: PasswordHashWatermarkError,
};

/** The error the helper reported on its `error` line; an unknown code is itself a protocol error. */
export function errorFromHelper(code: string, message: string, options: PasswordHashErrorOptions): PasswordHashError {
  const ErrorClass = byCode[code];
  if (ErrorClass === undefined) return new PasswordHashProtocolError(`The helper reported an unknown error code ${code}: ${message}`, options);
  return new ErrorClass(message, options);
}
