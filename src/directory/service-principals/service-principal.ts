import type { AppRole } from '../applications/application.js';

/** The Graph `servicePrincipal` (enterprise application) as Provisio stores and returns it. */
export interface ServicePrincipal {
  id: string;
  deletedDateTime: string | null;
  accountEnabled: boolean;
  appDisplayName: string | null;
  appDescription: string | null;
  appId: string;
  applicationTemplateId: string | null;
  appOwnerOrganizationId: string | null;
  appRoleAssignmentRequired: boolean;
  appRoles: AppRole[];
  createdDateTime: string;
  description: string | null;
  displayName: string | null;
  homepage: string | null;
  loginUrl: string | null;
  logoutUrl: string | null;
  notes: string | null;
  notificationEmailAddresses: string[];
  oauth2PermissionScopes: unknown[];
  passwordCredentials: unknown[];
  keyCredentials: unknown[];
  preferredSingleSignOnMode: string | null;
  replyUrls: string[];
  servicePrincipalNames: string[];
  servicePrincipalType: string;
  signInAudience: string | null;
  tags: string[];
}

export function newServicePrincipal(fields: Pick<ServicePrincipal, 'id' | 'appId' | 'displayName'> & Partial<ServicePrincipal>): ServicePrincipal {
  return {
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: fields.displayName,
    appDescription: null,
    applicationTemplateId: null,
    appOwnerOrganizationId: null,
    appRoleAssignmentRequired: false,
    appRoles: [],
    createdDateTime: new Date().toISOString(),
    description: null,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    keyCredentials: [],
    preferredSingleSignOnMode: null,
    replyUrls: [],
    servicePrincipalNames: [fields.appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: [],
    ...fields,
  };
}
