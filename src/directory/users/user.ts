import { securityIdentifierOf } from '../directory-objects/security-identifier.js';

/** `onPremisesExtensionAttributes`: the fifteen Exchange custom attributes synchronized from (or set for) a user. */
export type OnPremisesExtensionAttributes = Readonly<Record<`extensionAttribute${number}`, string | null>>;

export const onPremisesExtensionAttributeNames: readonly string[] = Object.freeze(
  Array.from({ length: 15 }, (_, index) => `extensionAttribute${index + 1}`),
);

/**
 * The Graph `user` as Provisio stores and returns it (never with a password). Directory extension
 * attributes (`extension_{appId}_{name}`) sit beside these properties in the same object.
 */
export interface User {
  readonly id: string;
  readonly deletedDateTime: string | null;
  readonly accountEnabled: boolean;
  readonly businessPhones: readonly string[];
  readonly city: string | null;
  readonly companyName: string | null;
  readonly country: string | null;
  readonly createdDateTime: string;
  readonly creationType: string | null;
  readonly department: string | null;
  readonly displayName: string | null;
  readonly employeeHireDate: string | null;
  readonly employeeId: string | null;
  readonly employeeLeaveDateTime: string | null;
  readonly employeeOrgData: { readonly division: string | null; readonly costCenter: string | null } | null;
  readonly employeeType: string | null;
  readonly faxNumber: string | null;
  readonly givenName: string | null;
  readonly imAddresses: readonly string[];
  readonly jobTitle: string | null;
  readonly lastPasswordChangeDateTime: string | null;
  readonly mail: string | null;
  readonly mailNickname: string | null;
  readonly mobilePhone: string | null;
  readonly officeLocation: string | null;
  readonly onPremisesDistinguishedName: string | null;
  readonly onPremisesDomainName: string | null;
  readonly onPremisesExtensionAttributes: OnPremisesExtensionAttributes;
  readonly onPremisesImmutableId: string | null;
  readonly onPremisesLastSyncDateTime: string | null;
  readonly onPremisesSamAccountName: string | null;
  readonly onPremisesSecurityIdentifier: string | null;
  readonly onPremisesSyncEnabled: boolean | null;
  readonly onPremisesUserPrincipalName: string | null;
  readonly otherMails: readonly string[];
  readonly passwordPolicies: string | null;
  readonly postalCode: string | null;
  readonly preferredLanguage: string | null;
  readonly proxyAddresses: readonly string[];
  readonly securityIdentifier: string;
  readonly state: string | null;
  readonly streetAddress: string | null;
  readonly surname: string | null;
  readonly usageLocation: string | null;
  readonly userPrincipalName: string;
  readonly userType: string;
  readonly [extension: `extension_${string}`]: unknown;
}

/** What v1.0 returns for a user when the request has no `$select`, as Graph does. */
export const userDefaultSelectV1: readonly string[] = Object.freeze([
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
]);

export function emptyOnPremisesExtensionAttributes(): OnPremisesExtensionAttributes {
  return Object.fromEntries(onPremisesExtensionAttributeNames.map((name) => [name, null])) as OnPremisesExtensionAttributes;
}

/** A new user with Graph's defaults for every property the caller did not give. */
export function newUser(fields: Pick<User, 'id' | 'userPrincipalName'> & Partial<User>, now = new Date().toISOString()): User {
  return {
    deletedDateTime: null,
    accountEnabled: true,
    businessPhones: [],
    city: null,
    companyName: null,
    country: null,
    createdDateTime: now,
    creationType: null,
    department: null,
    displayName: null,
    employeeHireDate: null,
    employeeId: null,
    employeeLeaveDateTime: null,
    employeeOrgData: null,
    employeeType: null,
    faxNumber: null,
    givenName: null,
    imAddresses: [],
    jobTitle: null,
    lastPasswordChangeDateTime: null,
    mail: null,
    mailNickname: null,
    mobilePhone: null,
    officeLocation: null,
    onPremisesDistinguishedName: null,
    onPremisesDomainName: null,
    onPremisesExtensionAttributes: emptyOnPremisesExtensionAttributes(),
    onPremisesImmutableId: null,
    onPremisesLastSyncDateTime: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    onPremisesUserPrincipalName: null,
    otherMails: [],
    passwordPolicies: null,
    postalCode: null,
    preferredLanguage: null,
    proxyAddresses: [],
    securityIdentifier: securityIdentifierOf(fields.id),
    state: null,
    streetAddress: null,
    surname: null,
    usageLocation: null,
    userType: 'Member',
    ...fields,
  };
}
