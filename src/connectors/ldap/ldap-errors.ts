/**
 * Typed failures of the LDAP connector. `code` is stable (the engine puts it into job status and
 * provisioning logs); `retryable` says whether the same call can succeed later without anyone changing
 * the configuration (server down, busy, timed out) or not (bad password, missing rights, bad secret);
 * `scope: 'job'` marks failures that stop the whole cycle rather than one object.
 */
export type LdapErrorScope = 'object' | 'job';

export interface LdapErrorOptions {
  readonly retryable: boolean;
  readonly scope?: LdapErrorScope;
  /** LDAP result code (RFC 4511 §4.1.9) when the server answered. */
  readonly resultCode?: number;
  /** The server's diagnostic message; on AD it carries the `data 52e`-style reason. */
  readonly diagnostic?: string;
  /** The URL of the server involved. */
  readonly server?: string;
  /** The entry the operation was about. */
  readonly dn?: string;
  readonly cause?: unknown;
}

export class LdapError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly scope: LdapErrorScope;
  readonly resultCode: number | undefined;
  readonly diagnostic: string | undefined;
  readonly server: string | undefined;
  readonly dn: string | undefined;

  constructor(code: string, message: string, options: LdapErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable;
    this.scope = options.scope ?? 'object';
    this.resultCode = options.resultCode;
    this.diagnostic = options.diagnostic;
    this.server = options.server;
    this.dn = options.dn;
  }
}

type ServerErrorOptions = Omit<LdapErrorOptions, 'retryable' | 'scope'>;

/** The job's secrets do not describe a usable connection. `missing` names the absent secret keys. */
export class LdapConfigurationError extends LdapError {
  readonly missing: readonly string[];

  constructor(message: string, missing: readonly string[] = []) {
    super('InvalidConfiguration', message, { retryable: false, scope: 'job' });
    this.missing = Object.freeze([...missing]);
  }
}

/**
 * Result 49 on bind. On Active Directory `adReason` decodes the `data xxx` part of the diagnostic
 * (bad password, account disabled, locked, expired...), which is what an administrator needs to see.
 */
export class LdapInvalidCredentialsError extends LdapError {
  readonly adReason: string | undefined;

  constructor(message: string, options: ServerErrorOptions & { adReason?: string } = {}) {
    super('InvalidCredentials', message, { ...options, retryable: false, scope: 'job' });
    this.adReason = options.adReason;
  }
}

/** No server in the list could be reached, or the connection dropped mid-operation. */
export class LdapUnreachableError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('ServerUnreachable', message, { ...options, retryable: true, scope: 'job' });
  }
}

/** The server did not connect or answer in time. */
export class LdapTimeoutError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('Timeout', message, { ...options, retryable: true, scope: 'job' });
  }
}

/** TLS could not be established: untrusted or mismatched certificate, StartTLS refused. */
export class LdapTlsError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('TlsFailure', message, { ...options, retryable: false, scope: 'job' });
  }
}

/** Results 8 and 13: the server refuses a simple bind over an unencrypted connection. */
export class LdapStrongAuthRequiredError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('StrongAuthenticationRequired', message, { ...options, retryable: false, scope: 'job' });
  }
}

/** Result 50: the bind account may not do this (read deleted objects, DirSync without the replication right, write). */
export class LdapInsufficientRightsError extends LdapError {
  constructor(message: string, options: ServerErrorOptions & { scope?: LdapErrorScope } = {}) {
    super('InsufficientRights', message, { ...options, retryable: false, scope: options.scope ?? 'object' });
  }
}

/** Result 32: the base DN or the entry written to does not exist. */
export class LdapNoSuchObjectError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('NoSuchObject', message, { ...options, retryable: false });
  }
}

/** Result 68: an add or rename collides with an existing entry. */
export class LdapAlreadyExistsError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('AlreadyExists', message, { ...options, retryable: false });
  }
}

const constraintCodes: Readonly<Record<number, string>> = {
  16: 'NoSuchAttribute',
  17: 'UndefinedAttributeType',
  18: 'InappropriateMatching',
  19: 'ConstraintViolation',
  20: 'AttributeOrValueExists',
  21: 'InvalidAttributeSyntax',
  34: 'InvalidDnSyntax',
  64: 'NamingViolation',
  65: 'ObjectClassViolation',
  66: 'NotAllowedOnNonLeaf',
  67: 'NotAllowedOnRdn',
  69: 'ObjectClassModsProhibited',
};

/** The server rejected the data of a write (schema, syntax, value conflicts); `code` names which rule. */
export class LdapConstraintViolationError extends LdapError {
  constructor(message: string, options: ServerErrorOptions & { resultCode: number }) {
    super(constraintCodes[options.resultCode] ?? 'ConstraintViolation', message, { ...options, retryable: false });
  }

  static handles(resultCode: number): boolean {
    return resultCode in constraintCodes;
  }
}

/** Results 51 (busy), 52 (unavailable), 3 (time limit), 11 (admin limit): try again later. */
export class LdapBusyError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('ServerBusy', message, { ...options, retryable: true, scope: 'job' });
  }
}

/** Result 12: the server does not implement a control sent as critical (DirSync on a non-AD server). */
export class LdapUnsupportedControlError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('UnsupportedControl', message, { ...options, retryable: false, scope: 'job' });
  }
}

/** A search filter that does not parse (it comes from a job's scoping rules, so it is a configuration problem). */
export class LdapInvalidFilterError extends LdapError {
  constructor(message: string) {
    super('InvalidFilter', message, { retryable: false, scope: 'job' });
  }
}

/** Any other result code (operations error, unwilling to perform, protocol error, referral...). */
export class LdapOperationError extends LdapError {
  constructor(message: string, options: ServerErrorOptions = {}) {
    super('OperationFailed', message, { ...options, retryable: false });
  }
}

/**
 * A watermark this reader cannot continue from: another delta method's, unreadable, or from another
 * domain controller (uSN values are per DC). The caller clears it and runs a full import.
 */
export class LdapWatermarkError extends LdapError {
  constructor(message: string) {
    super('InvalidWatermark', message, { retryable: false, scope: 'job' });
  }
}
