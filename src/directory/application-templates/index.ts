import type { ApplicationTemplate, ApplicationTemplateEntry } from './application-template.js';
import { applicationTemplateCatalog } from './catalog.js';

/**
 * The application template catalog (`GET /applicationTemplates`) as data, with the synchronization
 * templates each template's service principals offer.
 */
export type { ApplicationTemplate, ApplicationTemplateEntry } from './application-template.js';
export * from './ids.js';

function freezeEntry(entry: ApplicationTemplateEntry): ApplicationTemplateEntry {
  const template = entry.applicationTemplate;
  return Object.freeze({
    applicationTemplate: Object.freeze({
      ...template,
      supportedSingleSignOnModes: Object.freeze([...template.supportedSingleSignOnModes]),
      supportedProvisioningTypes: Object.freeze([...template.supportedProvisioningTypes]),
      categories: Object.freeze([...template.categories]),
    }),
    synchronizationTemplateIds: Object.freeze([...entry.synchronizationTemplateIds]),
  });
}

const entries: readonly ApplicationTemplateEntry[] = Object.freeze(applicationTemplateCatalog.map(freezeEntry));

export const applicationTemplateEntries: readonly ApplicationTemplateEntry[] = entries;

export const applicationTemplates: readonly ApplicationTemplate[] = Object.freeze(entries.map((entry) => entry.applicationTemplate));

/** Template ids are GUIDs, so they are compared case-insensitively. */
function findEntry(id: string): ApplicationTemplateEntry | undefined {
  const wanted = id.toLowerCase();
  return entries.find((entry) => entry.applicationTemplate.id === wanted);
}

export function findApplicationTemplate(id: string): ApplicationTemplate | undefined {
  return findEntry(id)?.applicationTemplate;
}

/** Synchronization template ids a service principal instantiated from this application template gets; empty when unknown. */
export function synchronizationTemplateIdsFor(applicationTemplateId: string): readonly string[] {
  return findEntry(applicationTemplateId)?.synchronizationTemplateIds ?? [];
}
