import { securityIdentifierOf } from '../directory-objects/security-identifier.js';

/**
 * The Graph `group` as Provisio stores and returns it: security groups and Microsoft 365 (`Unified`) groups.
 * Directory extension attributes sit beside these properties in the same object.
 */
export interface Group {
  readonly id: string;
  readonly deletedDateTime: string | null;
  readonly classification: string | null;
  readonly createdDateTime: string;
  readonly creationOptions: readonly string[];
  readonly description: string | null;
  readonly displayName: string | null;
  readonly expirationDateTime: string | null;
  readonly groupTypes: readonly string[];
  readonly isAssignableToRole: boolean | null;
  readonly mail: string | null;
  readonly mailEnabled: boolean;
  readonly mailNickname: string;
  readonly membershipRule: string | null;
  readonly membershipRuleProcessingState: string | null;
  readonly onPremisesDomainName: string | null;
  readonly onPremisesLastSyncDateTime: string | null;
  readonly onPremisesNetBiosName: string | null;
  readonly onPremisesSamAccountName: string | null;
  readonly onPremisesSecurityIdentifier: string | null;
  readonly onPremisesSyncEnabled: boolean | null;
  readonly preferredDataLocation: string | null;
  readonly preferredLanguage: string | null;
  readonly proxyAddresses: readonly string[];
  readonly renewedDateTime: string | null;
  readonly resourceBehaviorOptions: readonly string[];
  readonly resourceProvisioningOptions: readonly string[];
  readonly securityEnabled: boolean;
  readonly securityIdentifier: string;
  readonly theme: string | null;
  readonly visibility: string | null;
  readonly [extension: `extension_${string}`]: unknown;
}

export const unifiedGroupType = 'Unified';

export function isUnified(group: Pick<Group, 'groupTypes'>): boolean {
  return group.groupTypes.some((type) => type.toLowerCase() === 'unified');
}

/**
 * A new group with Graph's defaults. A Microsoft 365 group gets its address from the nickname and the
 * tenant's domain, as Exchange assigns it, and is public unless told otherwise.
 */
export function newGroup(
  fields: Pick<Group, 'id' | 'mailNickname' | 'mailEnabled' | 'securityEnabled'> & Partial<Group>,
  domain: string,
  now = new Date().toISOString(),
): Group {
  const unified = isUnified({ groupTypes: fields.groupTypes ?? [] });
  const mail = unified ? `${fields.mailNickname}@${domain}` : null;
  return {
    deletedDateTime: null,
    classification: null,
    createdDateTime: now,
    creationOptions: [],
    description: null,
    displayName: null,
    expirationDateTime: null,
    groupTypes: [],
    isAssignableToRole: null,
    mail,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: mail === null ? [] : [`SMTP:${mail}`],
    renewedDateTime: unified ? now : null,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityIdentifier: securityIdentifierOf(fields.id),
    theme: null,
    visibility: unified ? 'Public' : null,
    ...fields,
  };
}
