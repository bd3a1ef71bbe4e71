import type { Kysely } from 'kysely';
import { generateClientSecret, hashClientSecret, verifyClientSecret } from '../../auth/client-secret.js';
import type { Database } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import { newGuid } from '../guid.js';
import type { PasswordCredential } from './application.js';

export interface AddPasswordInput {
  displayName?: string | null;
  startDateTime?: string;
  endDateTime?: string;
  /** A caller-chosen secret (bootstrap from the environment); Graph's addPassword always generates one. */
  secretText?: string;
}

/** Default lifetime of a generated secret, as the Entra admin center proposes: two years. */
const defaultLifetimeMs = 2 * 365 * 24 * 3600 * 1000;

/** Adds a client secret to an application; the only time the secret text is ever returned. */
export async function addPassword(db: Kysely<Database>, applicationId: string, input: AddPasswordInput = {}): Promise<PasswordCredential> {
  const generated = input.secretText === undefined ? generateClientSecret() : undefined;
  const secretText = input.secretText ?? generated!.secretText;
  const start = input.startDateTime ?? new Date().toISOString();
  const credential: PasswordCredential = {
    customKeyIdentifier: null,
    displayName: input.displayName ?? null,
    endDateTime: input.endDateTime ?? new Date(Date.parse(start) + defaultLifetimeMs).toISOString(),
    hint: secretText.slice(0, 3),
    keyId: newGuid(),
    secretText,
    startDateTime: start,
  };
  await db
    .insertInto('password_credentials')
    .values({
      key_id: credential.keyId,
      application_id: applicationId,
      display_name: credential.displayName,
      hint: credential.hint,
      secret_hash: await hashClientSecret(secretText),
      start_at: credential.startDateTime,
      end_at: credential.endDateTime,
      created_at: new Date().toISOString(),
    })
    .execute();
  await appendChange(db, { objectType: 'application', objectId: applicationId, changeType: 'updated', details: { properties: ['passwordCredentials'] } });
  return credential;
}

export async function removePassword(db: Kysely<Database>, applicationId: string, keyId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('password_credentials')
    .where('application_id', '=', applicationId)
    .where('key_id', '=', keyId.toLowerCase())
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) return false;
  await appendChange(db, { objectType: 'application', objectId: applicationId, changeType: 'updated', details: { properties: ['passwordCredentials'] } });
  return true;
}

/** True when `secretText` matches a credential of the application that is valid now. */
export async function verifyApplicationSecret(db: Kysely<Database>, applicationId: string, secretText: string, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const credentials = await db
    .selectFrom('password_credentials')
    .select(['secret_hash', 'start_at', 'end_at'])
    .where('application_id', '=', applicationId)
    .execute();
  for (const credential of credentials) {
    if (credential.start_at > at || credential.end_at < at) continue;
    if (await verifyClientSecret(secretText, credential.secret_hash)) return true;
  }
  return false;
}
