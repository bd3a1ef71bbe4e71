import { serviceNowApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { attr, directory, mapping, objectDefinition, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';

const templateId = 'ServiceNowOutDelta';
const serviceNowDirectoryName = 'ServiceNow';

/** ServiceNow `sys_user` and `sys_user_group` records through the instance's table API (instance name plus an admin account). */
export const serviceNowTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: serviceNowApplicationTemplateId,
    default: true,
    description: 'Provision users and groups to ServiceNow.',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: serviceNowApplicationTemplateId,
      galleryApplicationKey: 'servicenow',
      isOAuthEnabled: 'false',
      isSynchronizationInPreview: 'false',
      configurationFields: [{ name: 'instancename' }, { name: 'username' }, { name: 'password', secret: true }],
    }),
    schema: schema({
      templateId,
      directories: [
        azureActiveDirectory(),
        directory({
          id: 'bbd6f7d4-69e5-4690-91c6-005c901554cc',
          name: serviceNowDirectoryName,
          objects: [
            objectDefinition('User', [
              attr('sys_id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('active', 'Boolean'),
              attr('city'),
              attr('country'),
              attr('department'),
              attr('email'),
              attr('employee_number'),
              attr('first_name'),
              attr('last_name'),
              attr('manager', 'Reference', { referencedObjects: ['User'] }),
              attr('mobile_phone'),
              attr('phone'),
              attr('state'),
              attr('street'),
              attr('title'),
              attr('user_name', 'String', { required: true }),
              attr('zip'),
            ]),
            objectDefinition('Group', [
              attr('sys_id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('description'),
              attr('email'),
              attr('members', 'Reference', { multivalued: true, referencedObjects: ['User'] }),
              attr('name', 'String', { required: true }),
            ]),
          ],
        }),
      ],
      rules: [
        rule({
          id: '39061aa0-4162-4022-9c67-95933adb20e1',
          name: 'USERGROUP_OUTBOUND_USERGROUP',
          source: azureActiveDirectoryName,
          target: serviceNowDirectoryName,
          metadata: { supportsProvisionOnDemand: 'true' },
          objectMappings: [
            objectMapping({
              name: 'Synchronize Azure Active Directory Users to ServiceNow',
              source: 'User',
              target: 'User',
              mappings: [
                mapping('user_name', '[userPrincipalName]', { matchingPriority: 1 }),
                mapping('email', '[mail]', { matchingPriority: 2 }),
                mapping('active', 'Not([IsSoftDeleted])'),
                mapping('first_name', '[givenName]'),
                mapping('last_name', '[surname]'),
                mapping('title', '[jobTitle]'),
                mapping('department', '[department]'),
                mapping('employee_number', '[employeeId]'),
                mapping('phone', '[telephoneNumber]'),
                mapping('mobile_phone', '[mobile]'),
                mapping('street', '[streetAddress]'),
                mapping('city', '[city]'),
                mapping('state', '[state]'),
                mapping('zip', '[postalCode]'),
                mapping('country', '[country]'),
                mapping('manager', '[manager]'),
              ],
            }),
            objectMapping({
              name: 'Synchronize Azure Active Directory Groups to ServiceNow',
              source: 'Group',
              target: 'Group',
              mappings: [
                mapping('name', '[displayName]', { matchingPriority: 1 }),
                mapping('description', '[description]'),
                mapping('email', '[mail]'),
                mapping('members', '[members]'),
              ],
            }),
          ],
        }),
      ],
    }),
  },
  runtime: appRuntime({ requiredSecrets: [['InstanceName', 'UserName', 'Password']] }),
};
