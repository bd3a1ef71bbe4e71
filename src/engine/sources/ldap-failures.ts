import { LdapError, LdapWatermarkError } from '../../connectors/ldap/index.js';
import { JobLevelFailure, WatermarkExpiredError } from '../engine-errors.js';

/**
 * A directory failure as the engine handles it: the whole cycle stops (a source cannot skip what it cannot
 * read), with the LDAP error's code and message in the job status (missing secrets, wrong password,
 * unreachable DCs); a watermark the directory cannot continue from makes the next cycle a full one.
 */
export function sourceFailure(error: unknown): unknown {
  if (error instanceof LdapWatermarkError) return new WatermarkExpiredError(`${error.message}.`, { cause: error });
  if (error instanceof LdapError) return new JobLevelFailure(error.code, `${error.message}.`, { cause: error });
  return error;
}
