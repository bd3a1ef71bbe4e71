import type { AttributeMapping } from '../../schema/index.js';
import { mapping } from '../builder/schema-builders.js';
import { enterpriseExtension } from '../directories/scim-core.js';

/**
 * The user and group mappings the hosted service ships for SCIM 2.0 apps (engine-behavior §1.8,
 * §1.9, §2.4): users match on userName ← userPrincipalName and are disabled through `active`,
 * groups match on displayName.
 */
export const scimUserMappings: readonly AttributeMapping[] = [
  mapping('userName', '[userPrincipalName]', { matchingPriority: 1 }),
  mapping('active', 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'),
  mapping('displayName', '[displayName]'),
  mapping('title', '[jobTitle]'),
  mapping('emails[type eq "work"].value', '[mail]'),
  mapping('preferredLanguage', '[preferredLanguage]'),
  mapping('name.givenName', '[givenName]'),
  mapping('name.familyName', '[surname]'),
  mapping('name.formatted', 'Join(" ", [givenName], [surname])'),
  mapping('addresses[type eq "work"].formatted', '[physicalDeliveryOfficeName]'),
  mapping('addresses[type eq "work"].streetAddress', '[streetAddress]'),
  mapping('addresses[type eq "work"].locality', '[city]'),
  mapping('addresses[type eq "work"].region', '[state]'),
  mapping('addresses[type eq "work"].postalCode', '[postalCode]'),
  mapping('addresses[type eq "work"].country', '[country]'),
  mapping('phoneNumbers[type eq "work"].value', '[telephoneNumber]'),
  mapping('phoneNumbers[type eq "mobile"].value', '[mobile]'),
  mapping('phoneNumbers[type eq "fax"].value', '[facsimileTelephoneNumber]'),
  mapping('externalId', '[mailNickname]'),
  mapping(`${enterpriseExtension}:employeeNumber`, '[employeeId]'),
  mapping(`${enterpriseExtension}:department`, '[department]'),
  mapping(`${enterpriseExtension}:manager`, '[manager]'),
];

export const scimGroupMappings: readonly AttributeMapping[] = [
  mapping('displayName', '[displayName]', { matchingPriority: 1 }),
  mapping('externalId', '[objectId]'),
  mapping('members', '[members]'),
];
