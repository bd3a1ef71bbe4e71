import type { AttributeDefinition, DirectoryDefinition } from '../../schema/index.js';
import { attr, directory, objectDefinition } from '../builder/schema-builders.js';

/**
 * An on-premises Active Directory domain as cloud sync and AD-bound provisioning see it: LDAP
 * object classes (lower-case, as the service names them) with LDAP attribute names. Two pseudo
 * attributes exist only in the schema: `accountDisabled` (written as userAccountControl bit 2)
 * and `parentDistinguishedName` (the container a new object is created in), and `PasswordHash`
 * is what the password hash sync agent reads for a user.
 */
export const activeDirectoryName = 'Active Directory';

/** The attributes of this definition that no directory schema has (see above). */
export const activeDirectoryComputedAttributes: readonly string[] = Object.freeze(['accountDisabled', 'parentDistinguishedName', 'PasswordHash']);
const activeDirectoryId = '2985ccf4-37ee-4108-8b3c-60d30ce667df';

const personObjects = ['user', 'inetOrgPerson', 'contact'];
const extensionAttributes = Array.from({ length: 15 }, (_, index) => attr(`extensionAttribute${index + 1}`));

const commonAttributes: readonly AttributeDefinition[] = [
  attr('cn', 'String', { mutability: 'Immutable' }),
  attr('description'),
  attr('displayName'),
  attr('distinguishedName', 'String', { mutability: 'ReadOnly' }),
  attr('legacyExchangeDN'),
  attr('mail'),
  attr('mailNickname'),
  attr('msDS-ExternalDirectoryObjectId'),
  attr('parentDistinguishedName'),
  attr('proxyAddresses', 'String', { multivalued: true }),
];

const personAttributes: readonly AttributeDefinition[] = [
  attr('c'),
  attr('co'),
  attr('company'),
  attr('countryCode', 'Integer'),
  attr('department'),
  attr('facsimileTelephoneNumber'),
  attr('givenName'),
  attr('l'),
  attr('manager', 'Reference', { referencedObjects: personObjects }),
  attr('mobile'),
  attr('physicalDeliveryOfficeName'),
  attr('postalCode'),
  attr('sn'),
  attr('st'),
  attr('streetAddress'),
  attr('targetAddress'),
  attr('telephoneNumber'),
  attr('title'),
];

/** Attributes of security principals (users and inetOrgPersons); contacts have none of these. */
const accountAttributes: readonly AttributeDefinition[] = [
  attr('accountDisabled', 'Boolean'),
  attr('employeeID'),
  attr('employeeNumber'),
  attr('employeeType'),
  ...extensionAttributes,
  attr('info'),
  attr('initials'),
  attr('middleName'),
  attr('ms-DS-ConsistencyGuid', 'Binary'),
  attr('msExchArchiveStatus', 'Integer'),
  attr('msExchBlockedSendersHash', 'Binary'),
  attr('msExchSafeRecipientsHash', 'Binary'),
  attr('msExchSafeSendersHash', 'Binary'),
  attr('msExchUCVoiceMailSettings', 'String', { multivalued: true }),
  attr('msExchUserHoldPolicies', 'String', { multivalued: true }),
  attr('objectSid', 'Binary', { mutability: 'ReadOnly' }),
  attr('otherTelephone', 'String', { multivalued: true }),
  attr('PasswordHash', 'String', { mutability: 'ReadOnly' }),
  attr('preferredLanguage'),
  attr('pwdLastSet', 'Integer', { mutability: 'ReadOnly' }),
  attr('sAMAccountName'),
  attr('thumbnailPhoto', 'Binary'),
  attr('userAccountControl', 'Integer'),
  attr('userCertificate', 'Binary', { multivalued: true }),
  attr('userPrincipalName'),
  attr('wWWHomePage'),
];

const groupAttributes: readonly AttributeDefinition[] = [
  attr('groupType', 'Integer'),
  attr('info'),
  attr('managedBy', 'Reference', { referencedObjects: [...personObjects, 'group'] }),
  attr('member', 'Reference', { multivalued: true, referencedObjects: [...personObjects, 'group'] }),
  attr('objectSid', 'Binary', { mutability: 'ReadOnly' }),
  attr('sAMAccountName'),
];

function withAnchor(attributes: readonly AttributeDefinition[]): AttributeDefinition[] {
  const sorted = [...attributes].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return [attr('objectGUID', 'Binary', { anchor: true, mutability: 'ReadOnly' }), ...sorted];
}

export function activeDirectory(): DirectoryDefinition {
  const account = withAnchor([...commonAttributes, ...personAttributes, ...accountAttributes]);
  return directory({
    id: activeDirectoryId,
    name: activeDirectoryName,
    discoverabilities: 'AttributeNames, AttributeDataTypes, AttributeReadOnly, ReferenceAttributes',
    objects: [
      objectDefinition('user', account),
      objectDefinition('inetOrgPerson', account, { metadata: { BaseObjectName: 'user' } }),
      objectDefinition('group', withAnchor([...commonAttributes, ...groupAttributes])),
      objectDefinition('contact', withAnchor([...commonAttributes, ...personAttributes])),
    ],
  });
}
