import { LdapError, LdapWatermarkError } from '../../connectors/ldap/index.js';
import { EngineError, JobLevelFailure, WatermarkExpiredError } from '../engine-errors.js';

/**
 * A directory failure as the engine handles it: the whole cycle stops (a source cannot skip what it cannot
 * read), with the LDAP error's code and message in the job status. What only someone can fix (missing
 * secrets, a wrong password, TLS) quarantines the job; what passes by itself (an unreachable, busy or slow DC)
 * fails this cycle and the next one, two minutes later, tries again — as the password hash pass does. A
 * watermark the directory cannot continue from makes the next cycle a full one.
 */
export function sourceFailure(error: unknown): unknown {
  if (error instanceof LdapWatermarkError) return new WatermarkExpiredError(`${error.message}.`, { cause: error });
  if (error instanceof LdapError) {
    const message = `${error.message}.`;
    return error.retryable ? new EngineError(error.code, message, { cause: error }) : new JobLevelFailure(error.code, message, { cause: error });
  }
  return error;
}
