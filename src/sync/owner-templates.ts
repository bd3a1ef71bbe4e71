import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { SynchronizationTemplate } from './schema/index.js';
import type { SynchronizationOwner } from './synchronization-owner.js';
import { templatesForApplicationTemplate } from './templates/index.js';

/**
 * The templates an owner lists: the built-in ones of the application template it was instantiated from,
 * replaced or extended by templates created through `…/synchronization/templates` of its application.
 */
export async function listOwnerTemplates(db: Kysely<Database>, owner: SynchronizationOwner): Promise<SynchronizationTemplate[]> {
  const builtIn = owner.servicePrincipal.applicationTemplateId
    ? templatesForApplicationTemplate(owner.servicePrincipal.applicationTemplateId)
    : [];
  const custom = owner.application
    ? await db
        .selectFrom('synchronization_templates')
        .select(['template_id', 'data'])
        .where('application_id', '=', owner.application.id)
        .orderBy('created_at')
        .execute()
    : [];
  const customById = new Map(custom.map((row) => [row.template_id, JSON.parse(row.data) as SynchronizationTemplate]));
  const merged = builtIn.map((template) => customById.get(template.id) ?? template);
  for (const [id, template] of customById) if (!builtIn.some((t) => t.id === id)) merged.push(template);
  return merged;
}

export async function findOwnerTemplate(db: Kysely<Database>, owner: SynchronizationOwner, templateId: string): Promise<SynchronizationTemplate | undefined> {
  return (await listOwnerTemplates(db, owner)).find((template) => template.id === templateId);
}
