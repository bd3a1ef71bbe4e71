import type { OrgContact } from '../../directory/contacts/org-contact.js';
import type { Group } from '../../directory/groups/group.js';
import type { User } from '../../directory/users/user.js';

/**
 * Graph users and groups as synchronization schemas name their attributes (the `Azure Active Directory`
 * directory of every template, src/sync/templates/directories/azure-active-directory.ts): Azure AD Graph
 * spellings such as `objectId`, `telephoneNumber`, `mobile`, `facsimileTelephoneNumber`,
 * `physicalDeliveryOfficeName`, the fifteen `extensionAttributeN`, and directory extensions under their own
 * names. References are source ids. `IsSoftDeleted` is computed by the engine (it depends on scope).
 */
export function userAttributes(user: User, managerId: string | null): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    objectId: user.id,
    accountEnabled: user.accountEnabled,
    city: user.city,
    companyName: user.companyName,
    country: user.country,
    department: user.department,
    displayName: user.displayName,
    employeeHireDate: user.employeeHireDate,
    employeeId: user.employeeId,
    employeeType: user.employeeType,
    facsimileTelephoneNumber: user.faxNumber,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mailNickname: user.mailNickname,
    manager: managerId,
    mobile: user.mobilePhone,
    onPremisesDistinguishedName: user.onPremisesDistinguishedName,
    onPremisesDomainName: user.onPremisesDomainName,
    onPremisesImmutableId: user.onPremisesImmutableId,
    onPremisesSamAccountName: user.onPremisesSamAccountName,
    onPremisesSecurityIdentifier: user.onPremisesSecurityIdentifier,
    onPremisesSyncEnabled: user.onPremisesSyncEnabled,
    onPremisesUserPrincipalName: user.onPremisesUserPrincipalName,
    otherMails: user.otherMails,
    physicalDeliveryOfficeName: user.officeLocation,
    postalCode: user.postalCode,
    preferredLanguage: user.preferredLanguage,
    proxyAddresses: user.proxyAddresses,
    state: user.state,
    streetAddress: user.streetAddress,
    surname: user.surname,
    telephoneNumber: user.businessPhones[0] ?? null,
    usageLocation: user.usageLocation,
    userPrincipalName: user.userPrincipalName,
    userType: user.userType,
  };
  for (const [name, value] of Object.entries(user.onPremisesExtensionAttributes ?? {})) attributes[name] = value;
  for (const [name, value] of Object.entries(user)) if (name.startsWith('extension_')) attributes[name] = value;
  return attributes;
}

export function groupAttributes(group: Group, memberIds: readonly string[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    objectId: group.id,
    description: group.description,
    displayName: group.displayName,
    mail: group.mail,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    members: memberIds,
    onPremisesSamAccountName: group.onPremisesSamAccountName,
    onPremisesSecurityIdentifier: group.onPremisesSecurityIdentifier,
    onPremisesSyncEnabled: group.onPremisesSyncEnabled,
    proxyAddresses: group.proxyAddresses,
    securityEnabled: group.securityEnabled,
  };
  for (const [name, value] of Object.entries(group)) if (name.startsWith('extension_')) attributes[name] = value;
  return attributes;
}

/** An organizational contact by the schema's `Contact` attribute names; phones as telephoneNumber and mobile. */
export function contactAttributes(contact: OrgContact): Record<string, unknown> {
  const phone = (type: 'business' | 'mobile') => contact.phones.find((p) => p.type === type)?.number ?? null;
  return {
    objectId: contact.id,
    companyName: contact.companyName,
    department: contact.department,
    displayName: contact.displayName,
    givenName: contact.givenName,
    jobTitle: contact.jobTitle,
    mail: contact.mail,
    mailNickname: contact.mailNickname,
    mobile: phone('mobile'),
    onPremisesSyncEnabled: contact.onPremisesSyncEnabled,
    proxyAddresses: contact.proxyAddresses,
    surname: contact.surname,
    telephoneNumber: phone('business'),
  };
}
