import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { SynchronizationTemplate } from './schema/index.js';

/** Stores a template created or replaced through Graph for an application (replacing a built-in one by id). */
export async function saveCustomTemplate(db: Kysely<Database>, applicationId: string, template: SynchronizationTemplate): Promise<void> {
  const now = new Date().toISOString();
  const data = JSON.stringify(template);
  await db
    .insertInto('synchronization_templates')
    .values({ application_id: applicationId, template_id: template.id, data, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['application_id', 'template_id']).doUpdateSet({ data, updated_at: now }))
    .execute();
}

export async function deleteCustomTemplate(db: Kysely<Database>, applicationId: string, templateId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('synchronization_templates')
    .where('application_id', '=', applicationId)
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
