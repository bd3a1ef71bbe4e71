/** SCIM 2.0 provisioning client: what the sync engine uses to write users and groups to SaaS apps. */
export { ScimClient, scimClientDefaults } from './scim-client.js';
export type { MembershipPatchResult, ScimClientOptions, ScimPageRequest } from './scim-client.js';
export { buildCreateBody } from './create-body.js';
export type { ScimBody } from './create-body.js';
export { buildPatchOperations } from './patch-operations.js';
export type { AttributeChange } from './patch-operations.js';
export { buildMemberOperations, chunkMemberChanges } from './member-operations.js';
export { patchRequestBody } from './patch-operation.js';
export type { ScimPatchOperation } from './patch-operation.js';
export { compliantPatchFlag, dialectForFlags, legacyPatchFlag } from './patch-dialect.js';
export type { ScimPatchDialect } from './patch-dialect.js';
export { parseAttributePath } from './attribute-path.js';
export type { AttributePath } from './attribute-path.js';
export { equalsFilter } from './filter.js';
export { parseTenantUrl, readConnectionSettings } from './connection-settings.js';
export type { ScimConnectionSettings, ScimCredentials, SecretEntry } from './connection-settings.js';
export { ClientCredentialsTokenSource } from './client-credentials-token-source.js';
export type { ClientCredentialsOptions } from './client-credentials-token-source.js';
export { staticTokenSource } from './token-source.js';
export type { TokenSource } from './token-source.js';
export type { CredentialValidation } from './credential-validation.js';
export type { ExchangeObserver, ScimExchange } from './exchange.js';
export type { ScimListPage } from './list-response.js';
export { ScimSchemas } from './scim-schemas.js';
export type { ScimResource, ScimResourceKind } from './scim-schemas.js';
export {
  ScimAttributePathError,
  ScimBadRequestError,
  ScimConfigurationError,
  ScimConflictError,
  ScimError,
  ScimForbiddenError,
  ScimInvalidResponseError,
  ScimNotFoundError,
  ScimProtocolError,
  ScimRateLimitedError,
  ScimServerError,
  ScimTimeoutError,
  ScimTokenError,
  ScimTransportError,
  ScimUnauthorizedError,
} from './scim-errors.js';
export type { ScimErrorScope } from './scim-errors.js';
