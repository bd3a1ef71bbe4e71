/** Reading NT password hashes from Active Directory by directory replication (password hash sync). */
export type { HashBatch, PasswordHashChange, PasswordHashSource, ReadOptions } from './password-hash-source.js';
export { DrsrPasswordHashSource } from './drsr-password-hash-source.js';
export type { DrsrSourceOptions } from './drsr-password-hash-source.js';
export { domainNamingContext, readReplicationSettings } from './replication-settings.js';
export type { ReplicationSettings } from './replication-settings.js';
export { encodeHelperRequest, helperProtocolVersion, parseHelperLine } from './helper-protocol.js';
export type { HelperMessage, HelperRequest } from './helper-protocol.js';
export { runHelper } from './helper-process.js';
export type { HelperProcessOptions } from './helper-process.js';
export {
  DomainControllerUnreachableError,
  errorFromHelper,
  HelperUnavailableError,
  InvalidReplicationCredentialsError,
  MissingReplicationRightsError,
  PasswordHashConfigurationError,
  PasswordHashError,
  PasswordHashProtocolError,
  PasswordHashWatermarkError,
} from './password-hash-errors.js';
export type { PasswordHashErrorCode, PasswordHashErrorOptions } from './password-hash-errors.js';
