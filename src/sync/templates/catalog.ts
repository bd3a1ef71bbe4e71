import { deepFreeze } from './builder/deep-freeze.js';
import { aad2adExchangeHybridWritebackTemplate } from './catalog/aad2ad-exchange-hybrid-writeback.js';
import { aad2adGroupProvisioningTemplate } from './catalog/aad2ad-group-provisioning.js';
import { ad2aadPasswordHashTemplate } from './catalog/ad2aad-password-hash.js';
import { ad2aadProvisioningTemplate } from './catalog/ad2aad-provisioning.js';
import { api2adTemplate } from './catalog/api2ad.js';
import { api2aadTemplate } from './catalog/api2aad.js';
import { awsTemplate } from './catalog/aws.js';
import { boxTemplate } from './catalog/box.js';
import { dropboxTemplate } from './catalog/dropbox.js';
import { googleWorkspaceTemplate } from './catalog/google-workspace.js';
import { salesforceProductionTemplate, salesforceSandboxTemplate } from './catalog/salesforce-templates.js';
import { scimTemplate } from './catalog/scim.js';
import { serviceNowTemplate } from './catalog/servicenow.js';
import { slackTemplate } from './catalog/slack.js';
import type { SynchronizationTemplateDefinition } from './template-definition.js';

/** Every built-in synchronization template, frozen. */
export const synchronizationTemplateDefinitions: readonly SynchronizationTemplateDefinition[] = deepFreeze([
  scimTemplate,
  ad2aadProvisioningTemplate,
  ad2aadPasswordHashTemplate,
  aad2adExchangeHybridWritebackTemplate,
  aad2adGroupProvisioningTemplate,
  api2aadTemplate,
  api2adTemplate,
  awsTemplate,
  boxTemplate,
  salesforceSandboxTemplate,
  salesforceProductionTemplate,
  serviceNowTemplate,
  slackTemplate,
  dropboxTemplate,
  googleWorkspaceTemplate,
]);
