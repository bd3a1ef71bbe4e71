/** The Graph `application` (app registration) as Provisio stores and returns it. */
export interface PasswordCredential {
  customKeyIdentifier: string | null;
  displayName: string | null;
  endDateTime: string;
  hint: string;
  keyId: string;
  /** Only ever set in the response to addPassword. */
  secretText: string | null;
  startDateTime: string;
}

export interface AppRole {
  allowedMemberTypes: string[];
  description: string | null;
  displayName: string | null;
  id: string;
  isEnabled: boolean;
  origin: string;
  value: string | null;
}

export interface Application {
  id: string;
  appId: string;
  applicationTemplateId: string | null;
  displayName: string | null;
  description: string | null;
  createdDateTime: string;
  deletedDateTime: string | null;
  identifierUris: string[];
  appRoles: AppRole[];
  keyCredentials: unknown[];
  passwordCredentials: PasswordCredential[];
  requiredResourceAccess: unknown[];
  signInAudience: string;
  tags: string[];
  notes: string | null;
  publisherDomain: string | null;
  web: { homePageUrl: string | null; logoutUrl: string | null; redirectUris: string[] };
}

export function newApplication(fields: Pick<Application, 'id' | 'appId' | 'displayName'> & Partial<Application>): Application {
  return {
    applicationTemplateId: null,
    description: null,
    createdDateTime: new Date().toISOString(),
    deletedDateTime: null,
    identifierUris: [],
    appRoles: [],
    keyCredentials: [],
    passwordCredentials: [],
    requiredResourceAccess: [],
    signInAudience: 'AzureADMyOrg',
    tags: [],
    notes: null,
    publisherDomain: null,
    web: { homePageUrl: null, logoutUrl: null, redirectUris: [] },
    ...fields,
  };
}
