import type { AttributeDefinition } from '../../schema/index.js';
import { attr } from '../builder/schema-builders.js';

/**
 * SCIM 2.0 user and group attributes as flat sync-schema names: sub-attributes dotted
 * (`name.givenName`), multi-valued complex attributes addressed one value at a time with a filter
 * path (`emails[type eq "work"].value`), enterprise extension attributes prefixed with the schema
 * URN and a colon. Shared by the SCIM target of outbound apps and the SCIM-shaped source of
 * API-driven inbound provisioning.
 */
export const scimUserObjectName = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const scimGroupObjectName = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseExtension = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const addressParts = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'];

export function scimUserAttributes(anchor: AttributeDefinition): AttributeDefinition[] {
  return [
    anchor,
    attr('active', 'Boolean'),
    ...addressParts.map((part) => attr(`addresses[type eq "work"].${part}`)),
    ...addressParts.map((part) => attr(`addresses[type eq "other"].${part}`)),
    attr('displayName'),
    attr('emails[type eq "work"].value'),
    attr('emails[type eq "other"].value'),
    attr('externalId'),
    attr('locale'),
    attr('name.familyName'),
    attr('name.formatted'),
    attr('name.givenName'),
    attr('name.honorificPrefix'),
    attr('name.honorificSuffix'),
    attr('name.middleName'),
    attr('nickName'),
    attr('phoneNumbers[type eq "fax"].value'),
    attr('phoneNumbers[type eq "mobile"].value'),
    attr('phoneNumbers[type eq "work"].value'),
    attr('preferredLanguage'),
    attr('profileUrl'),
    attr('roles[primary eq "True"].display'),
    attr('roles[primary eq "True"].type'),
    attr('roles[primary eq "True"].value'),
    attr('timezone'),
    attr('title'),
    attr('userName', 'String', { required: true }),
    attr('userType'),
    attr(`${enterpriseExtension}:costCenter`),
    attr(`${enterpriseExtension}:department`),
    attr(`${enterpriseExtension}:division`),
    attr(`${enterpriseExtension}:employeeNumber`),
    attr(`${enterpriseExtension}:manager`, 'Reference', { referencedObjects: [scimUserObjectName] }),
    attr(`${enterpriseExtension}:organization`),
  ];
}
