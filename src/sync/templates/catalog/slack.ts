import { slackApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { templateMetadata } from '../builder/template-metadata.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';
import { outboundScimSchema } from './outbound-scim-schema.js';

const templateId = 'Slack';

/**
 * Slack provisions through its SCIM API, so the template uses the custom SCIM factory (the Graph
 * docs list it as `{"id":"Slack","factoryTag":"CustomSCIM"}`) with the standard SCIM mappings.
 * The OAuth token the admin authorizes is the bearer token.
 */
export const slackTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: slackApplicationTemplateId,
    default: true,
    description: 'Provision users and groups to Slack.',
    discoverable: true,
    factoryTag: 'CustomSCIM',
    metadata: templateMetadata({
      galleryApplicationIdentifier: slackApplicationTemplateId,
      galleryApplicationKey: 'slack',
      isOAuthEnabled: 'true',
      isSynchronizationInPreview: 'false',
    }),
    schema: outboundScimSchema({ templateId, targetDirectoryId: 'e28c1fd1-511c-433e-bc9d-5c24968f4380', targetDirectoryName: 'Slack' }),
  },
  runtime: appRuntime({ requiredSecrets: [['Oauth2AccessToken'], ['BaseAddress', 'SecretToken']], target: 'scim' }),
};
