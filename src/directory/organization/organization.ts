import type { Tenant } from '../tenant.js';

/** The Graph `organization` resource of the tenant. */
export function organizationOf(tenant: Tenant) {
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    tenantType: 'AAD',
    verifiedDomains: [
      { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: tenant.defaultDomain, type: 'Managed' },
    ],
  };
}
