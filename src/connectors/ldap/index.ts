/** LDAP / Active Directory connector: what the sync engine uses to read from and write back to AD and OpenLDAP. */
export { LdapSecretKeys, bindNameFor, parseDomainSecret, parseServerList, readLdapSettings } from './connection-settings.js';
export type { LdapConnectionSettings, LdapServer, LdapTlsSettings, LdapTransport, ServerListOptions } from './connection-settings.js';
export { LdapConnection } from './ldap-connection.js';
export type { LdapConnectionOptions, LdapSearchRequest } from './ldap-connection.js';
export { validateCredentials } from './credential-validation.js';
export type { LdapCredentialValidation } from './credential-validation.js';
export { rootDseFromEntry } from './root-dse.js';
export type { DirectoryKind, RootDse } from './root-dse.js';
export { LdapEntry, entryFromLdapts, uniformValues } from './ldap-entry.js';
export type { LdapValues } from './ldap-entry.js';
export type { LdapAttributesInput, LdapModification, LdapValueInput } from './modification.js';
export { attributeBaseName, binaryAttributeSet, defaultBinaryAttributes, isBinaryAttribute } from './binary-attributes.js';
export { formatGuid, guidFromBase64, guidToBase64, isGuid, parseGuid } from './guid.js';
export { formatSid, parseSid, sidRid } from './sid.js';
export {
  UserAccountControl,
  hasUserAccountControlFlag,
  isAccountEnabled,
  parseUserAccountControl,
  userAccountControlFlags,
} from './user-account-control.js';
export type { UserAccountControlFlag } from './user-account-control.js';
export { fileTimeToIso, generalizedTimeToIso, toFileTime, toGeneralizedTime } from './directory-time.js';
export {
  DnSyntaxError,
  baseDnFromDomain,
  dnBeforeDeletion,
  dnEquals,
  escapeDnValue,
  firstRdn,
  formatDn,
  formatRdn,
  isDnWithin,
  normalizeDn,
  parentDn,
  parseDn,
  stripExtendedDn,
} from './dn.js';
export type { Rdn, RdnPart } from './dn.js';
export { anyOfFilter, escapeFilterValue, parenthesized } from './filter-values.js';
export { parseFilter } from './filter-parsing.js';
export { DirSyncControl, DirSyncFlags, decodeDirSyncResponse, encodeDirSyncRequest } from './dirsync-control.js';
export type { DirSyncRequest, DirSyncResponse } from './dirsync-control.js';
export { PermissiveModifyControl, ShowDeletedControl } from './simple-controls.js';
export type { ChangeBatch, DeltaMethod, DeltaReader, DeltaScope, DirectoryChange, ValueDelta } from './change-batch.js';
export { adAnchor, openLdapAnchor } from './anchors.js';
export { AdDirSyncReader } from './ad-dirsync-reader.js';
export { AdUsnReader, assertDeletedObjectsReadable } from './ad-usn-reader.js';
export { OpenLdapCsnReader } from './openldap-csn-reader.js';
export type { OpenLdapDeltaOptions } from './openldap-csn-reader.js';
export { bestDeltaMethod, canUseDirSync, createDeltaReader } from './delta-reader.js';
export type { DeltaReaderOptions } from './delta-reader.js';
export { decodeWatermark, encodeWatermark } from './watermark.js';
export type { Watermark } from './watermark.js';
export { DirectorySchema } from './directory-schema.js';
export type { DirectorySchemaSource, LdapAttributeType, LdapClassAttribute, LdapValueSyntax } from './directory-schema.js';
export { readDirectorySchema } from './schema-reader.js';
export { SchemaDescriptionError, parseAttributeType, parseContentRule, parseObjectClass } from './schema-description.js';
export { describeShortfalls, schemaShortfalls } from './schema-requirements.js';
export type { SchemaShortfall } from './schema-requirements.js';
export { adBindReason, toLdapError } from './error-mapping.js';
export {
  LdapAlreadyExistsError,
  LdapBusyError,
  LdapConfigurationError,
  LdapConstraintViolationError,
  LdapError,
  LdapInsufficientRightsError,
  LdapInvalidCredentialsError,
  LdapInvalidFilterError,
  LdapNoSuchObjectError,
  LdapOperationError,
  LdapStrongAuthRequiredError,
  LdapTimeoutError,
  LdapTlsError,
  LdapUnreachableError,
  LdapUnsupportedControlError,
  LdapWatermarkError,
} from './ldap-errors.js';
export type { LdapErrorScope } from './ldap-errors.js';
