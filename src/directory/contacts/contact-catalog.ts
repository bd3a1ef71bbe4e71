import type { PropertySpec, ResourceCatalog } from '../../api/odata/index.js';

const text = ['eq', 'in', 'ne', 'startswith', 'endswith', 'ge', 'le'] as const;
const simple = ['eq', 'in', 'ne', 'startswith'] as const;
/** Stored only folded; every comparison on these folds, so the folded column serves both roles. */
const folded = (column: string) => ({ column, lowered: column });

const properties: Readonly<Record<string, PropertySpec>> = {
  id: { type: 'guid', filter: ['eq', 'in', 'ne'], sql: { column: 'id' } },
  displayName: { type: 'string', filter: text, sort: 'default', search: true, sql: { column: 'display_name', lowered: 'display_name_lower' } },
  givenName: { type: 'string', filter: text, search: true, sql: folded('given_name_lower') },
  surname: { type: 'string', filter: text, search: true, sql: folded('surname_lower') },
  mail: { type: 'string', filter: text, search: true, sql: folded('mail_lower') },
  mailNickname: { type: 'string', filter: simple, search: true, sql: folded('mail_nickname_lower') },
  proxyAddresses: { collection: { type: 'string', filter: ['eq', 'startswith'] }, lambdas: ['any'], sql: { column: 'data', json: ['proxyAddresses'] } },
  onPremisesSyncEnabled: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'data', json: ['onPremisesSyncEnabled'] } },
  onPremisesLastSyncDateTime: { type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'in'], sql: { column: 'data', json: ['onPremisesLastSyncDateTime'] } },
  ...Object.fromEntries(
    ['companyName', 'department', 'jobTitle'].map((name): [string, PropertySpec] => [name, { type: 'string', filter: simple, sql: { column: 'data', json: [name] } }]),
  ),
};

/** Every property `$select` may name on a contact. */
export const contactProperties: readonly string[] = Object.freeze([
  'id',
  'deletedDateTime',
  'addresses',
  'companyName',
  'department',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mailNickname',
  'onPremisesLastSyncDateTime',
  'onPremisesSyncEnabled',
  'phones',
  'proxyAddresses',
  'surname',
]);

/** Organizational contacts as `/contacts` queries them: indexed copies for names and mail, the rest in the document. */
export const contactCatalog: ResourceCatalog = {
  resource: 'OrgContact',
  entityType: 'microsoft.graph.orgContact',
  properties,
  selectable: contactProperties,
};
