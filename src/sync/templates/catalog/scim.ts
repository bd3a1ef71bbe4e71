import { nonGalleryApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { customAppSsoDirectoryName } from '../directories/scim-target.js';
import { defaultJobSettings, type SynchronizationTemplateDefinition } from '../template-definition.js';
import { outboundScimSchema } from './outbound-scim-schema.js';

/**
 * Provisioning to any SCIM 2.0 endpoint from a non-gallery application. The hosted service's
 * template id is `scim` (jobs `scim.<hex>`; pre-2018 jobs used `customappsso`, which still names
 * the target directory and the gallery key). Credentials: tenant URL plus a bearer token, or the
 * OAuth client-credentials settings.
 */
export const scimTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: 'scim',
    applicationId: nonGalleryApplicationTemplateId,
    default: true,
    description: 'Provision users and groups to an application that implements SCIM 2.0.',
    discoverable: true,
    factoryTag: 'scim',
    metadata: templateMetadata({
      galleryApplicationIdentifier: nonGalleryApplicationTemplateId,
      galleryApplicationKey: 'customappsso',
      isOAuthEnabled: 'false',
      isSynchronizationInPreview: 'false',
      configurationFields: [{ name: 'baseaddress' }, { name: 'secrettoken', secret: true }],
    }),
    schema: outboundScimSchema({
      templateId: 'scim',
      targetDirectoryId: 'a8a3d203-b9c0-4b94-b96d-da708eadef4b',
      targetDirectoryName: customAppSsoDirectoryName,
    }),
  },
  runtime: {
    scheduleInterval: 'PT40M',
    expressionDialect: 'appProvisioning',
    requiredSecrets: [
      ['BaseAddress', 'SecretToken'],
      ['BaseAddress', 'ClientIdentifier', 'ClientSecret', 'Oauth2TokenExchangeUri'],
    ],
    source: 'directory',
    target: 'scim',
    jobSettings: defaultJobSettings,
  },
  factoryTagAliases: ['CustomSCIM', 'customappsso'],
};
