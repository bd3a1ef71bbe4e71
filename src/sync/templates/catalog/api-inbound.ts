import type { AttributeMapping } from '../../schema/index.js';
import { mapping } from '../builder/schema-builders.js';
import { enterpriseExtension } from '../directories/scim-core.js';

/** UPN prefix without the domain: `Replace` with a regular expression and an empty replacement. */
export const userNameWithoutDomain = 'Replace([userName], , "(?<Suffix>@(.)*)", , "", , )';

/** Object mapping name, as the service builds it from the source directory and object names. */
export const apiUserObjectMappingName = `Provision API ${enterpriseExtension}`;

/**
 * API-driven inbound records join on externalId ↔ employee id (engine-behavior §3.4); `active`
 * drives enabling and disabling; the manager reference carries the manager's externalId.
 */
export const apiToDirectoryMappings: readonly AttributeMapping[] = [
  mapping('employeeId', '[externalId]', { matchingPriority: 1 }),
  mapping('accountEnabled', '[active]'),
  mapping('userPrincipalName', '[userName]'),
  mapping('mailNickname', userNameWithoutDomain),
  mapping('displayName', '[displayName]'),
  mapping('givenName', '[name.givenName]'),
  mapping('surname', '[name.familyName]'),
  mapping('mail', '[emails[type eq "work"].value]'),
  mapping('jobTitle', '[title]'),
  mapping('employeeType', '[userType]'),
  mapping('preferredLanguage', '[preferredLanguage]'),
  mapping('telephoneNumber', '[phoneNumbers[type eq "work"].value]'),
  mapping('mobile', '[phoneNumbers[type eq "mobile"].value]'),
  mapping('streetAddress', '[addresses[type eq "work"].streetAddress]'),
  mapping('city', '[addresses[type eq "work"].locality]'),
  mapping('state', '[addresses[type eq "work"].region]'),
  mapping('postalCode', '[addresses[type eq "work"].postalCode]'),
  mapping('country', '[addresses[type eq "work"].country]'),
  mapping('department', `[${enterpriseExtension}:department]`),
  mapping('companyName', `[${enterpriseExtension}:organization]`),
  mapping('manager', `[${enterpriseExtension}:manager]`),
];

/** The same records into AD: `accountDisabled` is the inverse of `active`; sAMAccountName is set once, at most 20 characters. */
export const apiToActiveDirectoryMappings: readonly AttributeMapping[] = [
  mapping('employeeID', '[externalId]', { matchingPriority: 1 }),
  mapping('accountDisabled', 'Not([active])'),
  mapping('userPrincipalName', '[userName]'),
  mapping('sAMAccountName', `Left(${userNameWithoutDomain}, "20")`, { flowType: 'ObjectAddOnly' }),
  mapping('cn', '[displayName]', { flowType: 'ObjectAddOnly' }),
  mapping('displayName', '[displayName]'),
  mapping('givenName', '[name.givenName]'),
  mapping('sn', '[name.familyName]'),
  mapping('mail', '[emails[type eq "work"].value]'),
  mapping('title', '[title]'),
  mapping('employeeType', '[userType]'),
  mapping('preferredLanguage', '[preferredLanguage]'),
  mapping('telephoneNumber', '[phoneNumbers[type eq "work"].value]'),
  mapping('mobile', '[phoneNumbers[type eq "mobile"].value]'),
  mapping('streetAddress', '[addresses[type eq "work"].streetAddress]'),
  mapping('l', '[addresses[type eq "work"].locality]'),
  mapping('st', '[addresses[type eq "work"].region]'),
  mapping('postalCode', '[addresses[type eq "work"].postalCode]'),
  mapping('co', '[addresses[type eq "work"].country]'),
  mapping('department', `[${enterpriseExtension}:department]`),
  mapping('company', `[${enterpriseExtension}:organization]`),
  mapping('employeeNumber', `[${enterpriseExtension}:employeeNumber]`),
  mapping('manager', `[${enterpriseExtension}:manager]`),
];
