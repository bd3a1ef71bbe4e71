import type { PropertySpec, ResourceCatalog } from '../../api/odata/index.js';
import { extensionCatalogProperties } from '../extension-properties/extension-catalog.js';
import type { ExtensionProperty } from '../extension-properties/extension-property.js';
import { onPremisesExtensionAttributeNames } from './user.js';

const text = ['eq', 'in', 'ne', 'startswith', 'endswith', 'ge', 'le'] as const;
const simple = ['eq', 'in', 'ne', 'startswith'] as const;
const dates = ['eq', 'ne', 'ge', 'le', 'gt', 'lt'] as const;
const strings = { type: 'string', filter: ['eq', 'startswith'] } as const;

/**
 * A case-insensitive property stored only folded: the folded column serves both roles, which is exact
 * because every comparison on it folds (none of these properties is case-sensitive or sortable).
 */
const folded = (column: string) => ({ column, lowered: column });

/** Where each queryable user property lives: an indexed column, a folded `*_lower` copy, or the JSON document. */
const baseProperties: Readonly<Record<string, PropertySpec>> = {
  id: { type: 'guid', filter: ['eq', 'in', 'ne'], sql: { column: 'id' } },
  userPrincipalName: {
    type: 'string',
    filter: text,
    sort: 'default',
    search: true,
    sql: { column: 'user_principal_name', lowered: 'user_principal_name_lower' },
  },
  displayName: { type: 'string', filter: text, sort: 'default', search: true, sql: { column: 'display_name', lowered: 'display_name_lower' } },
  givenName: { type: 'string', filter: text, search: true, sql: folded('given_name_lower') },
  surname: { type: 'string', filter: text, search: true, sql: folded('surname_lower') },
  mail: { type: 'string', filter: text, search: true, sql: folded('mail_lower') },
  mailNickname: { type: 'string', filter: simple, search: true, sql: folded('mail_nickname_lower') },
  accountEnabled: { type: 'boolean', filter: ['eq', 'ne', 'in'], sql: { column: 'account_enabled' } },
  userType: { type: 'string', filter: ['eq', 'ne', 'in'], sql: { column: 'user_type' } },
  employeeId: { type: 'string', filter: text, sql: { column: 'employee_id' } },
  onPremisesImmutableId: { type: 'string', caseSensitive: true, filter: simple, sql: { column: 'on_premises_immutable_id' } },
  onPremisesSamAccountName: { type: 'string', filter: simple, sql: folded('on_premises_sam_account_name_lower') },
  onPremisesSyncEnabled: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'data', json: ['onPremisesSyncEnabled'] } },
  onPremisesUserPrincipalName: { type: 'string', filter: simple, sql: { column: 'data', json: ['onPremisesUserPrincipalName'] } },
  onPremisesSecurityIdentifier: { type: 'string', filter: ['eq', 'in'], sql: { column: 'data', json: ['onPremisesSecurityIdentifier'] } },
  createdDateTime: { type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'gt', 'lt', 'in'], sort: 'advanced', sql: { column: 'created_at' } },
  employeeHireDate: { type: 'datetime', filter: dates, advanced: dates, sql: { column: 'data', json: ['employeeHireDate'] } },
  employeeLeaveDateTime: { type: 'datetime', filter: dates, advanced: dates, sql: { column: 'data', json: ['employeeLeaveDateTime'] } },
  otherMails: { collection: strings, lambdas: ['any'], sql: { column: 'data', json: ['otherMails'] } },
  proxyAddresses: { collection: strings, lambdas: ['any'], sql: { column: 'data', json: ['proxyAddresses'] } },
  businessPhones: { collection: strings, lambdas: ['any'], sql: { column: 'data', json: ['businessPhones'] } },
  imAddresses: { collection: strings, lambdas: ['any'], sql: { column: 'data', json: ['imAddresses'] } },
  ...Object.fromEntries(
    ['city', 'companyName', 'country', 'department', 'employeeType', 'jobTitle', 'officeLocation', 'postalCode', 'preferredLanguage', 'state', 'usageLocation', 'mobilePhone', 'faxNumber', 'streetAddress'].map(
      (name): [string, PropertySpec] => [name, { type: 'string', filter: simple, sql: { column: 'data', json: [name] } }],
    ),
  ),
  ...Object.fromEntries(
    onPremisesExtensionAttributeNames.map((name): [string, PropertySpec] => [
      `onPremisesExtensionAttributes/${name}`,
      { type: 'string', filter: simple, advanced: simple, sql: { column: 'data', json: ['onPremisesExtensionAttributes', name] } },
    ]),
  ),
};

/** Every property `$select` may name on a user (Graph returns `passwordProfile` as null). */
export const userProperties: readonly string[] = Object.freeze([
  'id',
  'deletedDateTime',
  'accountEnabled',
  'businessPhones',
  'city',
  'companyName',
  'country',
  'createdDateTime',
  'creationType',
  'department',
  'displayName',
  'employeeHireDate',
  'employeeId',
  'employeeLeaveDateTime',
  'employeeOrgData',
  'employeeType',
  'faxNumber',
  'givenName',
  'imAddresses',
  'jobTitle',
  'lastPasswordChangeDateTime',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'onPremisesDistinguishedName',
  'onPremisesDomainName',
  'onPremisesExtensionAttributes',
  'onPremisesImmutableId',
  'onPremisesLastSyncDateTime',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'onPremisesUserPrincipalName',
  'otherMails',
  'passwordPolicies',
  'passwordProfile',
  'postalCode',
  'preferredLanguage',
  'proxyAddresses',
  'securityIdentifier',
  'state',
  'streetAddress',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
]);

/**
 * The users catalog for one request: the fixed properties plus the tenant's extension attributes declared
 * for users, so `$filter` and `$select` can name them. Deleted items also sort and filter on deletion time.
 */
export function userCatalog(extensions: readonly ExtensionProperty[], options: { deleted?: boolean } = {}): ResourceCatalog {
  const extensionProperties = extensionCatalogProperties(extensions);
  return {
    resource: 'User',
    entityType: 'microsoft.graph.user',
    properties: {
      ...baseProperties,
      ...(options.deleted
        ? { deletedDateTime: { type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'gt', 'lt'], sort: 'advanced', sql: { column: 'deleted_at' } } }
        : {}),
      ...extensionProperties,
    },
    selectable: [...userProperties, ...Object.keys(extensionProperties)],
    expandable: ['manager'],
  };
}
