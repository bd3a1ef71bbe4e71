import type { Generated } from 'kysely';

/**
 * Table shapes shared by SQLite and PostgreSQL. Portable column conventions:
 * - ids are lowercase GUID text; timestamps ISO-8601 UTC text with millisecond precision, so text order is
 *   time order; booleans are integers 0/1; structured values and string collections are JSON text.
 * - `*_lower` columns hold the case-folded copy of a string Graph compares case-insensitively, so filters use
 *   an ordinary index on both engines.
 */
export interface Database {
  settings: SettingsTable;
  signing_keys: SigningKeysTable;
  applications: ApplicationsTable;
  password_credentials: PasswordCredentialsTable;
  service_principals: ServicePrincipalsTable;
  app_role_assignments: AppRoleAssignmentsTable;
  directory_changes: DirectoryChangesTable;
  synchronization_jobs: SynchronizationJobsTable;
  synchronization_secrets: SynchronizationSecretsTable;
  synchronization_templates: SynchronizationTemplatesTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_owners: GroupOwnersTable;
  contacts: ContactsTable;
  extension_properties: ExtensionPropertiesTable;
  engine_leases: EngineLeasesTable;
  engine_job_state: EngineJobStateTable;
  engine_connector_objects: EngineConnectorObjectsTable;
  engine_exported_members: EngineExportedMembersTable;
  engine_escrows: EngineEscrowsTable;
  engine_staged_deletes: EngineStagedDeletesTable;
  engine_password_hash_pending: EnginePasswordHashPendingTable;
  provisioning_logs: ProvisioningLogsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SigningKeysTable {
  kid: string;
  algorithm: string;
  public_jwk: string;
  private_jwk: string;
  created_at: string;
  /** Set when a newer key took over signing; the key still verifies tokens it signed until they expire. */
  superseded_at: string | null;
}

export interface ApplicationsTable {
  id: string;
  app_id: string;
  display_name: string | null;
  display_name_lower: string | null;
  created_at: string;
  deleted_at: string | null;
  /** The remaining Graph properties of the application, as JSON. */
  data: string;
}

export interface PasswordCredentialsTable {
  key_id: string;
  application_id: string;
  display_name: string | null;
  hint: string;
  /** scrypt hash of the secret text: `scrypt$N$r$p$salt$hash` (base64url parts). */
  secret_hash: string;
  start_at: string;
  end_at: string;
  created_at: string;
}

export interface ServicePrincipalsTable {
  id: string;
  app_id: string;
  display_name: string | null;
  display_name_lower: string | null;
  account_enabled: number;
  app_role_assignment_required: number;
  service_principal_type: string;
  application_template_id: string | null;
  /** JSON string arrays. */
  tags: string;
  service_principal_names: string;
  created_at: string;
  deleted_at: string | null;
  data: string;
}

export interface AppRoleAssignmentsTable {
  id: string;
  app_role_id: string;
  principal_id: string;
  principal_type: string;
  principal_display_name: string | null;
  resource_id: string;
  resource_display_name: string | null;
  created_at: string;
}

/** The ordered, durable change feed every directory write appends to, in the same transaction. */
export interface DirectoryChangesTable {
  seq: Generated<number>;
  object_type: string;
  object_id: string;
  change_type: string;
  changed_at: string;
  /** JSON detail (for example the changed property names, or the link target of a reference change). */
  details: string | null;
}

/** A synchronization job. JSON columns hold the Graph shapes; the runner reads the plain columns. */
export interface SynchronizationJobsTable {
  id: string;
  service_principal_id: string;
  template_id: string;
  /** synchronizationSchedule JSON. */
  schedule: string;
  /** synchronizationStatus JSON. */
  status: string;
  /** synchronizationJobSettings (keyValuePair[]) JSON. */
  settings: string;
  /** The job's synchronizationSchema JSON (a copy of the template's at creation, then the client's). */
  schema: string;
  /** synchronizationJobRestartScope flags a restart asked for, applied by the next cycle. */
  pending_reset: number;
  /** Set by start/restart: run a cycle now rather than at next_run_at. */
  run_requested_at: string | null;
  next_run_at: string | null;
  created_at: string;
  updated_at: string;
  /** Bumped on every write, for optimistic concurrency between API and runner. */
  revision: number;
}

/** The synchronization secrets of a service principal, as one sealed JSON object (see SecretBox). */
export interface SynchronizationSecretsTable {
  service_principal_id: string;
  sealed: string;
  updated_at: string;
}

/** Templates created or replaced through `…/synchronization/templates` of an application. */
export interface SynchronizationTemplatesTable {
  application_id: string;
  template_id: string;
  data: string;
  created_at: string;
  updated_at: string;
}

/**
 * A user. `data` is the Graph user as JSON (never the password); the other columns are copies for
 * filtering, sorting and uniqueness. `user_principal_name_lower` is unique among rows with no `deleted_at`.
 */
export interface UsersTable {
  id: string;
  user_principal_name: string;
  user_principal_name_lower: string;
  display_name: string | null;
  display_name_lower: string | null;
  given_name_lower: string | null;
  surname_lower: string | null;
  mail_lower: string | null;
  mail_nickname_lower: string | null;
  employee_id: string | null;
  on_premises_immutable_id: string | null;
  on_premises_sam_account_name_lower: string | null;
  account_enabled: number;
  user_type: string;
  /** The manager link: a user id. */
  manager_id: string | null;
  /** Salted scrypt hash of the password, in the client-secret format; null when none was set. */
  password_hash: string | null;
  created_at: string;
  /** Set while the user is in deleted items (soft-deleted). */
  deleted_at: string | null;
  data: string;
}

/** A group; `group_types` is a JSON string array for lambda filters. */
export interface GroupsTable {
  id: string;
  display_name: string | null;
  display_name_lower: string | null;
  mail_lower: string | null;
  mail_nickname_lower: string | null;
  security_enabled: number;
  mail_enabled: number;
  group_types: string;
  created_at: string;
  deleted_at: string | null;
  data: string;
  /** The on-premises anchor of a synchronized group (base64 of its objectGUID); not part of the Graph document. */
  source_anchor: Generated<string | null>;
}

/**
 * An organizational contact (Graph's orgContact), written by synchronization only. `data` is the Graph
 * document; `source_anchor` the on-premises anchor. Contacts are deleted for good, never soft-deleted.
 */
export interface ContactsTable {
  id: string;
  display_name: string | null;
  display_name_lower: string | null;
  given_name_lower: string | null;
  surname_lower: string | null;
  mail_lower: string | null;
  mail_nickname_lower: string | null;
  source_anchor: string | null;
  created_at: string;
  data: string;
}

/** Direct membership: `member_type` is `user`, `group` or `orgContact`. */
export interface GroupMembersTable {
  group_id: string;
  member_id: string;
  member_type: string;
  created_at: string;
}

/** Group ownership: `owner_type` is `user` or `servicePrincipal`. */
export interface GroupOwnersTable {
  group_id: string;
  owner_id: string;
  owner_type: string;
  created_at: string;
}

/** A directory extension property declared by an application; `data` is the Graph extensionProperty JSON. */
export interface ExtensionPropertiesTable {
  id: string;
  application_id: string;
  /** `extension_{appIdWithoutDashes}_{name}`. */
  name: string;
  name_lower: string;
  created_at: string;
  data: string;
}

/**
 * One provisioningObjectSummary: `data` is its Graph JSON (already redacted); the other columns are copies
 * for `$filter`, the newest-first order and the retention purge.
 */
export interface ProvisioningLogsTable {
  id: string;
  activity_date_time: string;
  job_id: string;
  cycle_id: string;
  change_id: string;
  service_principal_id: string;
  source_identity_id: string;
  source_identity_display_name: string;
  target_identity_id: string;
  target_identity_display_name: string;
  /** provisioningStatusInfo/status. */
  status: string;
  /** provisioningAction. */
  action: string;
  data: string;
}

/** The provisioning engine's per-job state (docs/engine.md, migration 0005). */

/** Who runs a job's cycle: a lease renewed while the cycle runs, taken over once it expired. */
export interface EngineLeasesTable {
  job_id: string;
  owner: string;
  acquired_at: string;
  expires_at: string;
}

export interface EngineJobStateTable {
  job_id: string;
  /** Where the next incremental cycle reads the source's changes from; null: the next cycle is a full one. */
  watermark: string | null;
  /** The schema version the last full cycle evaluated; another version means a new full cycle. */
  schema_version: string | null;
  /** Where password hash sync's next replication read starts (opaque); null: the next read is a full one. */
  password_hash_watermark: string | null;
  updated_at: string;
}

/** The connector data store: a provisioned source object, its target id and what was last exported (JSON). */
export interface EngineConnectorObjectsTable {
  job_id: string;
  source_id: string;
  /** Source object name of the object mapping (`User`, `Group`). */
  object_type: string;
  target_id: string;
  target_object_type: string;
  display_name: string | null;
  /** Target attribute path → last exported value, JSON. */
  exported: string;
  updated_at: string;
}

/** One exported group membership, by source ids. */
export interface EngineExportedMembersTable {
  job_id: string;
  group_source_id: string;
  member_source_id: string;
}

/** A failed object (`object`) or reference (`manager`, `members`) awaiting its next attempt. */
export interface EngineEscrowsTable {
  job_id: string;
  source_id: string;
  kind: string;
  object_type: string;
  attempts: number;
  first_failed_at: string;
  last_failed_at: string;
  next_attempt_at: string;
  error_code: string;
  error_message: string;
}

/** A disable or delete held back by the accidental-deletion threshold. */
export interface EngineStagedDeletesTable {
  job_id: string;
  source_id: string;
  object_type: string;
  /** `disable` or `delete`. */
  action: string;
  staged_at: string;
}

/** A password hash read for an AD account whose directory user does not exist (or is not synchronized) yet. */
export interface EnginePasswordHashPendingTable {
  job_id: string;
  /** The AD account's objectGUID, text form. */
  object_guid: string;
  /** onPremisesImmutableId of the user it waits for: base64 of the objectGUID bytes. */
  immutable_id: string;
  first_seen_at: string;
  /** When a read last returned the account (a full read drops the entries it did not meet). */
  seen_at: string;
}
