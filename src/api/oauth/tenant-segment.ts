import type { Tenant } from '../../directory/tenant.js';
import { OAuthError } from './oauth-error.js';

/** The `{tenant}` path segment may name the tenant by id or by its domain, as on Microsoft's platform. */
export function assertTenantSegment(segment: string, tenant: Tenant): void {
  const lower = segment.toLowerCase();
  if (lower === tenant.id.toLowerCase() || lower === tenant.defaultDomain.toLowerCase()) return;
  throw new OAuthError(
    400,
    'invalid_request',
    90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  );
}
