import { LdapError, LdapWatermarkError } from '../../connectors/ldap/index.js';
import { EngineError, JobLevelFailure, WatermarkExpiredError } from '../engine-errors.js';
import { ldapConnectionActions } from '../flows/ldap-connection-actions.js';

/** What to do about the failures that quarantine a job reading a directory. */
const recommendedActions: Readonly<Record<string, string>> = {
  ...ldapConnectionActions,
  InvalidConfiguration:
    "The directory or the scope is not one the job can read, as the message says. Check the Domain (or BaseDN) and Server secrets and the rule's containerFilter, then restart the job.",
  InsufficientRights:
    "The bind account may not read what the job needs. Grant the account in the UserName secret 'Replicating Directory Changes' on the domain root, or List Contents and Read Property on CN=Deleted Objects (docs/connectors-ldap.md), then restart the job.",
  NoSuchObject: "The base or a container the job reads does not exist. Check the Domain (or BaseDN) secret and the rule's containerFilter and groupFilter, then restart the job.",
};

/**
 * A directory failure as the engine handles it: the whole cycle stops (a source cannot skip what it cannot
 * read), with the LDAP error's code and message in the job status. What only someone can fix (missing
 * secrets, a wrong password, TLS) quarantines the job, with what to do; what passes by itself (an unreachable,
 * busy or slow DC) fails this cycle and the next one, two minutes later, tries again — as the password hash
 * pass does. A watermark the directory cannot continue from makes the next cycle a full one.
 */
export function sourceFailure(error: unknown): unknown {
  if (error instanceof LdapWatermarkError) return new WatermarkExpiredError(`${error.message}.`, { cause: error });
  if (error instanceof LdapError) {
    const message = `${error.message}.`;
    if (error.retryable) return new EngineError(error.code, message, { cause: error });
    return new JobLevelFailure(error.code, message, { recommendedAction: recommendedActions[error.code] ?? null, cause: error });
  }
  return error;
}
