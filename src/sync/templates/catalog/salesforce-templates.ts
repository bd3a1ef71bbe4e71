import { salesforceApplicationTemplateId, salesforceSandboxApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { templateMetadata } from '../builder/template-metadata.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';
import { salesforceSchema } from './salesforce.js';

/** Salesforce authenticates with an admin's user name, password and security token. */
const salesforceSecrets = [['UserName', 'Password', 'SecretToken']] as const;

function salesforceTemplate(options: {
  readonly id: string;
  readonly applicationId: string;
  readonly galleryKey: string;
  readonly description: string;
  readonly scheduleInterval: string;
}): SynchronizationTemplateDefinition {
  return {
    template: {
      id: options.id,
      applicationId: options.applicationId,
      default: true,
      description: options.description,
      discoverable: true,
      factoryTag: options.id,
      metadata: templateMetadata({
        galleryApplicationIdentifier: options.applicationId,
        galleryApplicationKey: options.galleryKey,
        isOAuthEnabled: 'false',
        isSynchronizationInPreview: 'false',
      }),
      schema: salesforceSchema(options.id),
    },
    runtime: appRuntime({ requiredSecrets: salesforceSecrets, scheduleInterval: options.scheduleInterval }),
  };
}

/** Seed 002 shows running SfSandboxOutDelta jobs on a 20-minute interval. */
export const salesforceSandboxTemplate = salesforceTemplate({
  id: 'SfSandboxOutDelta',
  applicationId: salesforceSandboxApplicationTemplateId,
  galleryKey: 'salesforcesandbox',
  description: 'Provision users to a Salesforce sandbox.',
  scheduleInterval: 'PT20M',
});

export const salesforceProductionTemplate = salesforceTemplate({
  id: 'SfOutDelta',
  applicationId: salesforceApplicationTemplateId,
  galleryKey: 'salesforce',
  description: 'Provision users to Salesforce.',
  scheduleInterval: 'PT40M',
});
