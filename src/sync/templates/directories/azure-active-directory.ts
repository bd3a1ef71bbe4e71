import type { AttributeDefinition, DirectoryDefinition, ObjectDefinition } from '../../schema/index.js';
import { attr, directory, objectDefinition } from '../builder/schema-builders.js';

/**
 * Provisio's own directory as a synchronization schema sees it, named as Graph names it in every
 * template. Attribute names follow the service's sync schemas (Azure AD Graph spellings such as
 * `telephoneNumber`, `mobile`, `facsimileTelephoneNumber`, `physicalDeliveryOfficeName`, `objectId`),
 * which the directory connector maps onto Microsoft Graph properties.
 */
export const azureActiveDirectoryName = 'Azure Active Directory';
const azureActiveDirectoryId = '4a56851d-4cee-4160-aa02-0f9848ce4872';

const extensionAttributes = Array.from({ length: 15 }, (_, index) => attr(`extensionAttribute${index + 1}`));

const userAttributes: readonly AttributeDefinition[] = [
  attr('objectId', 'String', { anchor: true, mutability: 'ReadOnly' }),
  attr('accountEnabled', 'Boolean'),
  attr('appRoleAssignments', 'String', { multivalued: true, mutability: 'ReadOnly' }),
  attr('city'),
  attr('companyName'),
  attr('country'),
  attr('department'),
  attr('displayName'),
  attr('employeeHireDate', 'DateTime'),
  attr('employeeId'),
  attr('employeeType'),
  ...extensionAttributes,
  attr('facsimileTelephoneNumber'),
  attr('givenName'),
  // Computed: unassigned, out of scope, soft-deleted or disabled.
  attr('IsSoftDeleted', 'Boolean', { mutability: 'ReadOnly' }),
  attr('jobTitle'),
  attr('mail'),
  attr('mailNickname'),
  attr('manager', 'Reference', { referencedObjects: ['User'] }),
  attr('mobile'),
  attr('onPremisesDistinguishedName', 'String', { mutability: 'ReadOnly' }),
  attr('onPremisesDomainName', 'String', { mutability: 'ReadOnly' }),
  attr('onPremisesImmutableId'),
  attr('onPremisesSamAccountName', 'String', { mutability: 'ReadOnly' }),
  attr('onPremisesSecurityIdentifier', 'String', { mutability: 'ReadOnly' }),
  attr('onPremisesUserPrincipalName', 'String', { mutability: 'ReadOnly' }),
  attr('otherMails', 'String', { multivalued: true }),
  attr('passwordProfile.password', 'String', { mutability: 'WriteOnly' }),
  attr('physicalDeliveryOfficeName'),
  attr('postalCode'),
  attr('preferredLanguage'),
  attr('proxyAddresses', 'String', { multivalued: true }),
  attr('state'),
  attr('streetAddress'),
  attr('surname'),
  attr('telephoneNumber'),
  attr('usageLocation'),
  attr('userPrincipalName'),
  attr('userType'),
];

/** Group members may be any of the member-capable objects the template includes. */
const groupAttributes = (memberObjects: readonly string[]): readonly AttributeDefinition[] => [
  attr('objectId', 'String', { anchor: true, mutability: 'ReadOnly' }),
  attr('description'),
  attr('displayName'),
  attr('IsSoftDeleted', 'Boolean', { mutability: 'ReadOnly' }),
  attr('mail'),
  attr('mailEnabled', 'Boolean'),
  attr('mailNickname'),
  attr('members', 'Reference', { multivalued: true, referencedObjects: memberObjects }),
  attr('onPremisesSamAccountName', 'String', { mutability: 'ReadOnly' }),
  attr('onPremisesSecurityIdentifier', 'String', { mutability: 'ReadOnly' }),
  attr('proxyAddresses', 'String', { multivalued: true }),
  attr('securityEnabled', 'Boolean'),
];

const contactAttributes: readonly AttributeDefinition[] = [
  attr('objectId', 'String', { anchor: true, mutability: 'ReadOnly' }),
  attr('companyName'),
  attr('department'),
  attr('displayName'),
  attr('givenName'),
  attr('jobTitle'),
  attr('mail'),
  attr('mailNickname'),
  attr('mobile'),
  attr('proxyAddresses', 'String', { multivalued: true }),
  attr('surname'),
  attr('telephoneNumber'),
];

/** Attributes only hybrid (cloud sync) schemas carry: where an object came from on premises. */
export const cloudSyncAnchorAttributes: readonly AttributeDefinition[] = [
  attr('commonName'),
  attr('sourceAnchorBinary', 'Binary'),
];

/** Exchange Online attributes that Exchange hybrid writeback reads (engine-behavior §5.5). */
export const exchangeOnlineAttributes: readonly AttributeDefinition[] = [
  attr('cloudAnchor', 'String', { mutability: 'ReadOnly' }),
  attr('cloudLegacyExchangeDN', 'String', { mutability: 'ReadOnly' }),
  attr('cloudMSExchArchiveStatus', 'Integer', { mutability: 'ReadOnly' }),
  attr('cloudMSExchBlockedSendersHash', 'Binary', { mutability: 'ReadOnly' }),
  attr('cloudMSExchSafeRecipientsHash', 'Binary', { mutability: 'ReadOnly' }),
  attr('cloudMSExchSafeSendersHash', 'Binary', { mutability: 'ReadOnly' }),
  attr('cloudMSExchUCVoiceMailSettings', 'String', { multivalued: true, mutability: 'ReadOnly' }),
  attr('cloudMSExchUserHoldPolicies', 'String', { multivalued: true, mutability: 'ReadOnly' }),
];

export interface AzureActiveDirectoryOptions {
  readonly userExtras?: readonly AttributeDefinition[];
  readonly groupExtras?: readonly AttributeDefinition[];
  readonly contactExtras?: readonly AttributeDefinition[];
  /** Which objects the template works with (default User and Group). */
  readonly objects?: readonly ('User' | 'Group' | 'Contact')[];
  /** Gallery imports (AWS roles) add objects of their own. */
  readonly additionalObjects?: readonly ObjectDefinition[];
  /**
   * Whether objects that leave scope are disabled (IsSoftDeletionSupported, the default) rather than deleted.
   * Cloud sync deletes them: they go to deleted items (engine-behavior §5.2).
   */
  readonly softDeletion?: boolean;
}

function sortedByName(attributes: readonly AttributeDefinition[]): AttributeDefinition[] {
  const [anchor, ...rest] = attributes;
  const others = rest.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return anchor === undefined ? others : [anchor, ...others];
}

export function azureActiveDirectory(options: AzureActiveDirectoryOptions = {}): DirectoryDefinition {
  const wanted = options.objects ?? ['User', 'Group'];
  const softDeletion = options.softDeletion === false ? {} : { IsSoftDeletionSupported: 'true' };
  const builders = {
    User: () =>
      objectDefinition('User', sortedByName([...userAttributes, ...(options.userExtras ?? [])]), {
        metadata: {
          PropertyNameAccountEnabled: 'accountEnabled',
          PropertyNameSoftDeleted: 'IsSoftDeleted',
          ...softDeletion,
          IsSynchronizeAllSupported: 'true',
        },
      }),
    Group: () =>
      objectDefinition('Group', sortedByName([...groupAttributes(wanted), ...(options.groupExtras ?? [])]), {
        metadata: { PropertyNameSoftDeleted: 'IsSoftDeleted', ...softDeletion, IsSynchronizeAllSupported: 'true' },
      }),
    Contact: () => objectDefinition('Contact', sortedByName([...contactAttributes, ...(options.contactExtras ?? [])])),
  };
  return directory({
    id: azureActiveDirectoryId,
    name: azureActiveDirectoryName,
    objects: [...wanted.map((name) => builders[name]()), ...(options.additionalObjects ?? [])],
  });
}
