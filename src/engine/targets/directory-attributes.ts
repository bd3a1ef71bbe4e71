import type { PhoneType } from '../../directory/contacts/org-contact.js';
import { onPremisesExtensionAttributeNames } from '../../directory/users/user.js';
import {
  anchor,
  boolean,
  countryCode,
  dateTime,
  mailNickname,
  objectId,
  oneOf,
  securityIdentifier,
  text,
  texts,
  type ValueConversion,
} from './directory-values.js';

/** The target object names of the cloud sync schema (src/sync/templates/catalog/cloud-sync-directories.ts). */
export type DirectoryObjectType = 'User' | 'Group' | 'Contact';

/** Where a target attribute lives in the directory. */
export type AttributeLocation =
  /** A property of the Graph document. */
  | { readonly kind: 'property'; readonly name: string }
  /** One key of a complex property (`onPremisesExtensionAttributes/extensionAttribute1`). */
  | { readonly kind: 'entry'; readonly name: string; readonly key: string }
  /** The single value of a list property (`businessPhones` holds at most one number). */
  | { readonly kind: 'first'; readonly name: string }
  /** A contact's phone of one type (`phones[type eq 'mobile']`). */
  | { readonly kind: 'phone'; readonly type: PhoneType }
  /** The on-premises anchor: `onPremisesImmutableId` of a user, a column beside the document otherwise. */
  | { readonly kind: 'anchor' }
  /** The user's manager link (a directory id). */
  | { readonly kind: 'manager' }
  /** Accepted and not kept: Entra keeps these for Exchange but Graph shows them nowhere. */
  | { readonly kind: 'ignored'; readonly reason: string }
  /** Known to the schema but never written by synchronization. */
  | { readonly kind: 'refused'; readonly reason: string };

export interface AttributeRule {
  readonly value: ValueConversion;
  readonly on: Readonly<Partial<Record<DirectoryObjectType, AttributeLocation>>>;
}

const property = (name: string): AttributeLocation => ({ kind: 'property', name });
const all = (location: AttributeLocation) => ({ User: location, Group: location, Contact: location });
const notShown: AttributeLocation = { kind: 'ignored', reason: 'Entra keeps it for Exchange; Graph has no property for it' };

const extensionAttributes = Object.fromEntries(
  onPremisesExtensionAttributeNames.map((key): [string, AttributeRule] => [
    key,
    { value: text(1024), on: { User: { kind: 'entry', name: 'onPremisesExtensionAttributes', key } } },
  ]),
);

/**
 * Every attribute the directory takes as a provisioning target, by the cloud sync schema's names
 * (azure-active-directory.ts, cloud-sync-directories.ts): where it goes per object type and how its value
 * converts. An attribute without a rule for the object type is refused (`SchemaAttributeNotFound`).
 */
export const directoryAttributes: Readonly<Record<string, AttributeRule>> = {
  accountEnabled: { value: boolean, on: { User: property('accountEnabled') } },
  city: { value: text(128), on: { User: property('city') } },
  commonName: { value: text(256), on: all(notShown) },
  companyName: { value: text(64), on: { User: property('companyName'), Contact: property('companyName') } },
  country: { value: text(128), on: { User: property('country') } },
  countryCode: { value: text(16), on: { User: notShown } },
  CredentialData: { value: text(4096), on: { User: { kind: 'ignored', reason: 'password hash sync stores it' } } },
  department: { value: text(64), on: { User: property('department'), Contact: property('department') } },
  description: { value: text(1024), on: { Group: property('description') } },
  displayName: { value: text(256), on: all(property('displayName')) },
  employeeHireDate: { value: dateTime, on: { User: property('employeeHireDate') } },
  employeeId: { value: text(16), on: { User: property('employeeId') } },
  employeeType: { value: text(64), on: { User: property('employeeType') } },
  ...extensionAttributes,
  facsimileTelephoneNumber: { value: text(64), on: { User: property('faxNumber') } },
  givenName: { value: text(64), on: { User: property('givenName'), Contact: property('givenName') } },
  jobTitle: { value: text(128), on: { User: property('jobTitle'), Contact: property('jobTitle') } },
  mail: { value: text(256), on: all(property('mail')) },
  mailEnabled: { value: boolean, on: { Group: property('mailEnabled') } },
  mailNickname: { value: mailNickname, on: all(property('mailNickname')) },
  manager: { value: objectId, on: { User: { kind: 'manager' } } },
  mobile: { value: text(64), on: { User: property('mobilePhone'), Contact: { kind: 'phone', type: 'mobile' } } },
  onPremisesDistinguishedName: { value: text(1024), on: { User: property('onPremisesDistinguishedName') } },
  onPremisesDomainName: { value: text(256), on: { User: property('onPremisesDomainName') } },
  onPremisesImmutableId: { value: anchor, on: { User: { kind: 'anchor' } } },
  onPremisesSamAccountName: { value: text(256), on: { User: property('onPremisesSamAccountName'), Group: property('onPremisesSamAccountName') } },
  onPremisesSecurityIdentifier: {
    value: securityIdentifier,
    on: { User: property('onPremisesSecurityIdentifier'), Group: property('onPremisesSecurityIdentifier') },
  },
  onPremisesUserPrincipalName: { value: text(256), on: { User: property('onPremisesUserPrincipalName') } },
  otherMails: { value: texts(256), on: { User: property('otherMails') } },
  'passwordProfile.password': {
    value: text(256),
    on: { User: { kind: 'refused', reason: 'users synchronized from Active Directory get no cloud password; password hash sync signs them in' } },
  },
  physicalDeliveryOfficeName: { value: text(128), on: { User: property('officeLocation') } },
  postalCode: { value: text(40), on: { User: property('postalCode') } },
  preferredLanguage: { value: text(16), on: { User: property('preferredLanguage') } },
  proxyAddresses: { value: texts(256), on: all(property('proxyAddresses')) },
  securityEnabled: { value: boolean, on: { Group: property('securityEnabled') } },
  sourceAnchorBinary: { value: anchor, on: all({ kind: 'anchor' }) },
  state: { value: text(128), on: { User: property('state') } },
  streetAddress: { value: text(1024), on: { User: property('streetAddress') } },
  surname: { value: text(64), on: { User: property('surname'), Contact: property('surname') } },
  telephoneNumber: { value: text(64), on: { User: { kind: 'first', name: 'businessPhones' }, Contact: { kind: 'phone', type: 'business' } } },
  usageLocation: { value: countryCode, on: { User: property('usageLocation') } },
  userPrincipalName: { value: text(113), on: { User: property('userPrincipalName') } },
  userType: { value: oneOf(['Member', 'Guest']), on: { User: property('userType') } },
};

const byLowerName = new Map(Object.entries(directoryAttributes).map(([name, rule]) => [name.toLowerCase(), rule]));

/** The rule for an attribute of an object type, matched case-insensitively as schema names are; undefined when none. */
export function attributeRule(objectType: DirectoryObjectType, attribute: string): { readonly value: ValueConversion; readonly location: AttributeLocation } | undefined {
  const rule = byLowerName.get(attribute.toLowerCase());
  const location = rule?.on[objectType];
  return rule === undefined || location === undefined ? undefined : { value: rule.value, location };
}
