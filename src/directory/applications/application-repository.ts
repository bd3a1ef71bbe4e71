import type { Kysely, Selectable } from 'kysely';
import type { ApplicationsTable, Database, PasswordCredentialsTable } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import type { Application, PasswordCredential } from './application.js';

/** Password credentials live in their own table (hashed); the rest of the application is one JSON document. */
function toRow(application: Application) {
  const { passwordCredentials: _omitted, ...data } = application;
  return {
    id: application.id,
    app_id: application.appId,
    display_name: application.displayName,
    display_name_lower: application.displayName?.toLowerCase() ?? null,
    created_at: application.createdDateTime,
    deleted_at: application.deletedDateTime,
    data: JSON.stringify(data),
  };
}

export async function insertApplication(db: Kysely<Database>, application: Application): Promise<void> {
  await db.insertInto('applications').values(toRow(application)).execute();
  await appendChange(db, { objectType: 'application', objectId: application.id, changeType: 'created' });
}

async function withPasswords(db: Kysely<Database>, row: Selectable<ApplicationsTable>): Promise<Application> {
  const passwords = await db
    .selectFrom('password_credentials')
    .selectAll()
    .where('application_id', '=', row.id)
    .orderBy('created_at')
    .execute();
  return {
    ...(JSON.parse(row.data) as Omit<Application, 'passwordCredentials'>),
    passwordCredentials: passwords.map(toPasswordCredential),
  };
}

export async function findApplicationByAppId(db: Kysely<Database>, appId: string): Promise<Application | undefined> {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('app_id', '=', appId.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? withPasswords(db, row) : undefined;
}

export async function findApplicationById(db: Kysely<Database>, id: string): Promise<Application | undefined> {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', id.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? withPasswords(db, row) : undefined;
}

export async function listApplications(db: Kysely<Database>): Promise<Application[]> {
  const rows = await db.selectFrom('applications').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
  return Promise.all(rows.map((row) => withPasswords(db, row)));
}

/** Replaces the stored application (passwords live apart and are untouched) and records the change. */
export async function updateApplication(db: Kysely<Database>, application: Application, changed: readonly string[]): Promise<void> {
  const { id, ...row } = toRow(application);
  await db.updateTable('applications').set(row).where('id', '=', id).execute();
  await appendChange(db, { objectType: 'application', objectId: id, changeType: 'updated', details: { changed } });
}

/** Deletes an application with its secrets; as in Entra, its service principal goes too (the caller deletes it). */
export async function deleteApplication(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('password_credentials').where('application_id', '=', id).execute();
  await db.deleteFrom('applications').where('id', '=', id).execute();
  await appendChange(db, { objectType: 'application', objectId: id, changeType: 'purged' });
}

/** Applications of a listed page with their password credentials (metadata only), in one query. */
export async function withPasswordCredentials(db: Kysely<Database>, applications: Omit<Application, 'passwordCredentials'>[]): Promise<Application[]> {
  if (applications.length === 0) return [];
  const rows = await db
    .selectFrom('password_credentials')
    .selectAll()
    .where('application_id', 'in', applications.map((a) => a.id))
    .orderBy('created_at')
    .execute();
  return applications.map((application) => ({
    ...application,
    passwordCredentials: rows.filter((p) => p.application_id === application.id).map(toPasswordCredential),
  }));
}

function toPasswordCredential(p: Selectable<PasswordCredentialsTable>): PasswordCredential {
  return {
    customKeyIdentifier: null,
    displayName: p.display_name,
    endDateTime: p.end_at,
    hint: p.hint,
    keyId: p.key_id,
    secretText: null,
    startDateTime: p.start_at,
  };
}
