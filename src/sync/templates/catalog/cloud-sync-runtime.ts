import { cloudSyncApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import type { SynchronizationMetadataEntry } from '../../schema/index.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { defaultJobSettings, type TemplateRuntime } from '../template-definition.js';

/** Cloud sync jobs run every two minutes, use the cloud sync expression dialect and need the Domain secret. */
export function cloudSyncRuntime(direction: 'inbound' | 'writeback'): TemplateRuntime {
  return {
    scheduleInterval: 'PT2M',
    expressionDialect: 'cloudSync',
    requiredSecrets: [['Domain']],
    source: direction === 'inbound' ? 'ldap' : 'directory',
    target: direction === 'inbound' ? 'directory' : 'ldap',
    jobSettings: defaultJobSettings,
  };
}

export function cloudSyncMetadata(galleryApplicationKey: string, inPreview: boolean): SynchronizationMetadataEntry[] {
  return templateMetadata({
    galleryApplicationIdentifier: cloudSyncApplicationTemplateId,
    galleryApplicationKey,
    IsSynchronizationAgentAssignmentRequired: 'true',
    isSynchronizationAgentRequired: 'true',
    isSynchronizationInPreview: inPreview ? 'true' : 'false',
  });
}
