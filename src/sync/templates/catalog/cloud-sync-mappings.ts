import type { AttributeMapping } from '../../schema/index.js';
import { mapping } from '../builder/schema-builders.js';

/**
 * Default AD → directory flows of cloud sync (engine-behavior §5.3 and the Connect "attributes
 * synchronized" list). Objects join on the source anchor (objectGUID, hard match) and then on the
 * UPN (soft match).
 */
const extensionAttributeMappings = Array.from({ length: 15 }, (_, index) =>
  mapping(`extensionAttribute${index + 1}`, `[extensionAttribute${index + 1}]`),
);

export const adUserMappings: readonly AttributeMapping[] = [
  mapping('sourceAnchorBinary', '[objectGUID]', { matchingPriority: 1 }),
  mapping('userPrincipalName', '[userPrincipalName]', { matchingPriority: 2 }),
  // Graph shows the anchor as onPremisesImmutableId (base64 of the binary value).
  mapping('onPremisesImmutableId', '[objectGUID]'),
  mapping('accountEnabled', 'Switch(BitAnd([userAccountControl], "2"), "True", "2", "False")'),
  mapping('commonName', '[cn]'),
  mapping('city', '[l]'),
  mapping('companyName', '[company]'),
  mapping('country', '[co]'),
  mapping('countryCode', '[countryCode]'),
  mapping('department', '[department]'),
  mapping('displayName', 'IIF(IsPresent([displayName]), [displayName], [cn])'),
  mapping('employeeId', '[employeeID]'),
  mapping('employeeType', '[employeeType]'),
  ...extensionAttributeMappings,
  mapping('facsimileTelephoneNumber', '[facsimileTelephoneNumber]'),
  mapping('givenName', '[givenName]'),
  mapping('jobTitle', '[title]'),
  mapping('mail', '[mail]'),
  mapping('mailNickname', 'IIF(IsPresent([mailNickname]), [mailNickname], [sAMAccountName])'),
  mapping('manager', '[manager]'),
  mapping('mobile', '[mobile]'),
  mapping('onPremisesDistinguishedName', '[distinguishedName]'),
  mapping('onPremisesSamAccountName', '[sAMAccountName]'),
  mapping('onPremisesSecurityIdentifier', '[objectSid]'),
  mapping('onPremisesUserPrincipalName', '[userPrincipalName]'),
  mapping('physicalDeliveryOfficeName', '[physicalDeliveryOfficeName]'),
  mapping('postalCode', '[postalCode]'),
  mapping('preferredLanguage', '[preferredLanguage]'),
  mapping('proxyAddresses', '[proxyAddresses]'),
  mapping('state', '[st]'),
  mapping('streetAddress', '[streetAddress]'),
  mapping('surname', '[sn]'),
  mapping('telephoneNumber', '[telephoneNumber]'),
  mapping('usageLocation', '[c]'),
];

export const adGroupMappings: readonly AttributeMapping[] = [
  mapping('sourceAnchorBinary', '[objectGUID]', { matchingPriority: 1 }),
  mapping('commonName', '[cn]'),
  mapping('description', '[description]'),
  mapping('displayName', 'IIF(IsPresent([displayName]), [displayName], [cn])'),
  mapping('mail', '[mail]'),
  mapping('mailEnabled', 'IsPresent([proxyAddresses])'),
  mapping('mailNickname', 'IIF(IsPresent([mailNickname]), [mailNickname], [sAMAccountName])'),
  mapping('members', '[member]'),
  mapping('onPremisesSamAccountName', '[sAMAccountName]'),
  mapping('onPremisesSecurityIdentifier', '[objectSid]'),
  mapping('proxyAddresses', '[proxyAddresses]'),
  // groupType bit 0x80000000 marks a security group.
  mapping('securityEnabled', 'Switch(BitAnd([groupType], "2147483648"), "True", "0", "False")'),
];

export const adContactMappings: readonly AttributeMapping[] = [
  mapping('sourceAnchorBinary', '[objectGUID]', { matchingPriority: 1 }),
  mapping('commonName', '[cn]'),
  mapping('companyName', '[company]'),
  mapping('department', '[department]'),
  mapping('displayName', 'IIF(IsPresent([displayName]), [displayName], [cn])'),
  mapping('givenName', '[givenName]'),
  mapping('jobTitle', '[title]'),
  mapping('mail', '[mail]'),
  mapping('mailNickname', '[mailNickname]'),
  mapping('mobile', '[mobile]'),
  mapping('proxyAddresses', '[proxyAddresses]'),
  mapping('surname', '[sn]'),
  mapping('telephoneNumber', '[telephoneNumber]'),
];
