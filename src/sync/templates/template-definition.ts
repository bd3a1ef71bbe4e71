import type { SynchronizationSecretKey, SynchronizationTemplate } from '../schema/index.js';

/**
 * What sits on each side of a job:
 * - `directory`: Provisio's own Entra-compatible directory (users, groups, contacts);
 * - `scim`: a SCIM 2.0 service reached over HTTPS;
 * - `ldap`: an Active Directory domain reached over LDAP;
 * - `adReplication`: an Active Directory domain's password hashes, read by directory replication (MS-DRSR);
 * - `apiInbound`: SCIM bulk requests pushed to the job's `bulkUpload` endpoint;
 * - `vendorApi`: a gallery application's own API (AWS IAM, Box, Salesforce…), which needs a
 *   dedicated connector; a job whose connector is not implemented reports that when started.
 */
export const connectorKinds = ['directory', 'scim', 'ldap', 'adReplication', 'apiInbound', 'vendorApi'] as const;
export type ConnectorKind = (typeof connectorKinds)[number];

/** Which function set and semantics mapping expressions use (expressions-spec.md §5). */
export const expressionDialects = ['appProvisioning', 'cloudSync'] as const;
export type ExpressionDialect = (typeof expressionDialects)[number];

export interface JobSetting {
  readonly name: string;
  readonly value: string;
}

/** How jobs created from a template run: Provisio's knowledge about the template beyond its Graph shape. */
export interface TemplateRuntime {
  /** ISO 8601 interval between cycles once the job is started (PT40M for apps, PT2M for cloud sync). */
  readonly scheduleInterval: string;
  readonly expressionDialect: ExpressionDialect;
  /**
   * Secrets `start` requires, as alternatives: the job can start when every key of at least one set
   * has a value. Empty means nothing is required.
   */
  readonly requiredSecrets: readonly (readonly SynchronizationSecretKey[])[];
  readonly source: ConnectorKind;
  readonly target: ConnectorKind;
  /** `synchronizationJobSettings` a new job starts with. */
  readonly jobSettings: readonly JobSetting[];
}

export interface SynchronizationTemplateDefinition {
  /** Exactly what Graph returns for the template, schema inline. */
  readonly template: SynchronizationTemplate;
  readonly runtime: TemplateRuntime;
  /**
   * Other factoryTag spellings that select this template's default schema, for templates created
   * with `POST …/templates` (the docs create non-gallery SCIM templates with `CustomSCIM`).
   */
  readonly factoryTagAliases?: readonly string[];
}

/** Job settings every app job starts with (the accidental-deletion threshold the seeds show). */
export const defaultJobSettings: readonly JobSetting[] = [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }];
