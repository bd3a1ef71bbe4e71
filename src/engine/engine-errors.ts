/**
 * Typed failures of the engine, each with a stable `code`. Object-level codes are the hosted service's
 * provisioning-log errorCodes (engine-behavior §1.15) so they go into logs unchanged.
 */
export class EngineError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * The whole job cannot proceed: bad credentials, an unreachable or non-compliant target. The cycle stops and
 * the job is quarantined with `EncounteredQuarantineException` (engine-behavior §1.7). `recommendedAction` is
 * set where the failure is made, by the code that knows the system it names (its secrets, its rights).
 */
export class JobLevelFailure extends EngineError {
  readonly recommendedAction: string | null;

  constructor(code: string, message: string, options: { recommendedAction?: string | null; cause?: unknown } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.recommendedAction = options.recommendedAction ?? null;
  }

  /** The message and, after it, the recommended action: for answers with one text only (the job status, a Graph error). */
  get advisedMessage(): string {
    // Password hash failures end their message with their remedy already (their retryable ones have no other place).
    if (this.recommendedAction === null || this.message.endsWith(this.recommendedAction)) return this.message;
    return `${this.message}${/[.!?]$/.test(this.message) ? '' : '.'} ${this.recommendedAction}`;
  }
}

/** The job's source or target is of a kind Provisio has no connector for yet. */
export class ConnectorNotImplementedError extends EngineError {
  constructor(message: string) {
    super('ConnectorNotImplemented', message);
  }
}

/**
 * The source cannot continue from the job's watermark (written by another domain controller, or damaged):
 * the cycle fails without moving anything, and the next one, at once, is a full cycle.
 */
export class WatermarkExpiredError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WatermarkExpired', message, options);
  }
}

/** The cycle stopped at a safe point: the job was paused or deleted, the lease was lost, or the service stops. */
export class CycleStoppedError extends EngineError {
  constructor(readonly reason: 'paused' | 'deleted' | 'leaseLost' | 'shutdown') {
    super('CycleStopped', `The cycle stopped at a safe point (${reason}).`);
  }
}

/**
 * One object could not be provisioned. `retryable` failures are escrowed and retried in later cycles;
 * the others stay until the source object changes or the job restarts.
 */
export class ObjectFailure extends EngineError {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly reason: string;
  readonly recommendedAction: string | null;
  /** The target system is at fault (a 4xx/5xx it answered), not the engine or the source. */
  readonly nonServiceFailure: boolean;
  /** No answer at all (refused, reset, timed out): if nothing got through yet, the target is unreachable. */
  readonly connectionFailure: boolean;

  constructor(
    code: string,
    message: string,
    options: {
      retryable: boolean;
      retryAfterMs?: number;
      recommendedAction?: string | null;
      nonServiceFailure?: boolean;
      connectionFailure?: boolean;
      cause?: unknown;
    },
  ) {
    super(code, message, { cause: options.cause });
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.reason = message;
    this.recommendedAction = options.recommendedAction ?? null;
    this.nonServiceFailure = options.nonServiceFailure ?? false;
    this.connectionFailure = options.connectionFailure ?? false;
  }

  /** An error no connector's mapping knows (a bug, the store failing): `InternalError`, retried in a later cycle. */
  static unexpected(error: unknown, recommendedAction: string | null = null): ObjectFailure {
    return new ObjectFailure('InternalError', error instanceof Error ? error.message : String(error), { retryable: true, recommendedAction, cause: error });
  }
}
