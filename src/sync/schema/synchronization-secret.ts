import { z } from 'zod';
import { graphEnum } from './graph-enum.js';
import { odataTypeShape } from './key-value.js';

/** Members of the `synchronizationSecret` enum (graph-sync-api.md §6.18), in declaration order. */
export const synchronizationSecretKeys = [
  'None',
  'UserName',
  'Password',
  'SecretToken',
  'AppKey',
  'BaseAddress',
  'ClientIdentifier',
  'ClientSecret',
  'SingleSignOnType',
  'Sandbox',
  'Url',
  'Domain',
  'ConsumerKey',
  'ConsumerSecret',
  'TokenKey',
  'TokenExpiration',
  'Oauth2AccessToken',
  'Oauth2AccessTokenCreationTime',
  'Oauth2RefreshToken',
  'SyncAll',
  'InstanceName',
  'Oauth2ClientId',
  'Oauth2ClientSecret',
  'CompanyId',
  'UpdateKeyOnSoftDelete',
  'SynchronizationSchedule',
  'SystemOfRecord',
  'SandboxName',
  'EnforceDomain',
  'SyncNotificationSettings',
  'SkipOutOfScopeDeletions',
  'Oauth2AuthorizationCode',
  'Oauth2RedirectUri',
  'ApplicationTemplateIdentifier',
  'Oauth2TokenExchangeUri',
  'Oauth2AuthorizationUri',
  'AuthenticationType',
  'Server',
  'PerformInboundEntitlementGrants',
  'HardDeletesEnabled',
  'SyncAgentCompatibilityKey',
  'SyncAgentADContainer',
  'ValidateDomain',
  'TestReferences',
  'ConnectionString',
] as const;
/**
 * Keys Provisio accepts beyond Graph's enum, for connection settings the hosted service keeps in its agent's
 * configuration instead (LDAP base DN and TLS options; see docs/connectors-ldap.md).
 */
export const provisioSecretKeys = ['BaseDN', 'StartTls', 'TlsCaCertificate', 'TlsServerName', 'AllowInsecureLdap'] as const;

export type SynchronizationSecretKey = (typeof synchronizationSecretKeys)[number] | (typeof provisioSecretKeys)[number];

/** `synchronizationSecretKeyStringValuePair`, as sent to `PUT …/secrets` and `validateCredentials`. */
export interface SynchronizationSecretKeyStringValuePair {
  readonly '@odata.type'?: string;
  readonly key: SynchronizationSecretKey;
  readonly value: string | null;
}

export const synchronizationSecretKeyStringValuePairSchema: z.ZodType<SynchronizationSecretKeyStringValuePair> = z.object({
  ...odataTypeShape,
  key: graphEnum('synchronizationSecret', [...synchronizationSecretKeys, ...provisioSecretKeys]),
  value: z.string().nullable().default(null),
});
