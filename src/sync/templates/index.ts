import { synchronizationTemplateIdsFor } from '../../directory/application-templates/index.js';
import type { SynchronizationSchema, SynchronizationTemplate } from '../schema/index.js';
import { synchronizationTemplateDefinitions } from './catalog.js';
import type { SynchronizationTemplateDefinition, TemplateRuntime } from './template-definition.js';

/**
 * The built-in synchronization templates as data: each template's Graph shape (default schema
 * inline) and the runtime facts jobs created from it need. Everything returned is frozen; copy
 * (structuredClone) before changing, e.g. when a job takes its own schema.
 */
export type {
  ConnectorKind,
  ExpressionDialect,
  JobSetting,
  SynchronizationTemplateDefinition,
  TemplateRuntime,
} from './template-definition.js';
export { connectorKinds, expressionDialects } from './template-definition.js';
export { TemplateDefinitionError } from './errors.js';
export { synchronizationTemplateDefinitions };

export const synchronizationTemplates: readonly SynchronizationTemplate[] = Object.freeze(
  synchronizationTemplateDefinitions.map((definition) => definition.template),
);

/** Template ids are matched exactly: they are case-sensitive names such as `AD2AADProvisioning` and `aws`. */
export function findSynchronizationTemplateDefinition(id: string): SynchronizationTemplateDefinition | undefined {
  return synchronizationTemplateDefinitions.find((definition) => definition.template.id === id);
}

export function findSynchronizationTemplate(id: string): SynchronizationTemplate | undefined {
  return findSynchronizationTemplateDefinition(id)?.template;
}

export function templateRuntime(id: string): TemplateRuntime | undefined {
  return findSynchronizationTemplateDefinition(id)?.runtime;
}

/** The templates a service principal instantiated from this application template lists, in catalog order. */
export function templatesForApplicationTemplate(applicationTemplateId: string): readonly SynchronizationTemplate[] {
  return synchronizationTemplateIdsFor(applicationTemplateId).flatMap((id) => {
    const template = findSynchronizationTemplate(id);
    return template === undefined ? [] : [template];
  });
}

/**
 * The default schema for a factoryTag: what a template created with `POST …/templates` gets when it
 * carries no schema, and what deleting a template schema resets it to. Known spellings of the
 * custom SCIM tag (`CustomSCIM`, `customappsso`) select the SCIM schema; a template id works too.
 */
export function defaultSchemaForFactoryTag(factoryTag: string): SynchronizationSchema | undefined {
  const wanted = factoryTag.toLowerCase();
  // Aliases first: Slack runs on the CustomSCIM factory too, but a new CustomSCIM template should
  // get the generic SCIM schema, not Slack's.
  const definition =
    synchronizationTemplateDefinitions.find((candidate) => candidate.factoryTagAliases?.some((alias) => alias.toLowerCase() === wanted)) ??
    synchronizationTemplateDefinitions.find((candidate) => candidate.template.factoryTag?.toLowerCase() === wanted) ??
    synchronizationTemplateDefinitions.find((candidate) => candidate.template.id.toLowerCase() === wanted);
  return definition?.template.schema ?? undefined;
}
