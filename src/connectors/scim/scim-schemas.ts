/** Schema and message URNs the client sends (RFC 7643 §8.7, RFC 7644 §3.5.2, §3.4.2, §3.12). */
export const ScimSchemas = Object.freeze({
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  /**
   * Non-standard second schema the hosted service still puts on every group create (engine-behavior §2.3);
   * kept for wire fidelity, servers ignore it.
   */
  microsoftGroup: 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
});

export type ScimResourceKind = 'User' | 'Group';

/** The collection endpoint of each resource type, relative to the SCIM base address. */
export const resourceEndpoints: Readonly<Record<ScimResourceKind, string>> = Object.freeze({
  User: '/Users',
  Group: '/Groups',
});

/** A resource as returned by the target: at least an `id`, everything else as the server sent it. */
export type ScimResource = Readonly<Record<string, unknown>> & { readonly id: string };
