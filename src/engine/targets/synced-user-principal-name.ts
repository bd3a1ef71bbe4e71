import { RequiredPropertyError } from '../../directory/directory-errors.js';

/**
 * The userPrincipalName a synchronized user gets, as Entra derives it: the AD userPrincipalName when its
 * suffix is a domain of the tenant; with any other suffix (`billa@contoso.local`) the same prefix at the
 * tenant's domain; without one, the MOERA `<mailNickname>@<tenant domain>`, where cloud sync's mailNickname
 * falls back to sAMAccountName. Without any of them the user cannot be created.
 */
export function syncedUserPrincipalName(adUserPrincipalName: string | null, alias: string | null, tenantDomain: string): string {
  if (adUserPrincipalName !== null && adUserPrincipalName !== '') {
    const at = adUserPrincipalName.lastIndexOf('@');
    if (at < 0) return `${adUserPrincipalName}@${tenantDomain}`;
    if (adUserPrincipalName.slice(at + 1).toLowerCase() === tenantDomain.toLowerCase()) return adUserPrincipalName;
    return `${adUserPrincipalName.slice(0, at)}@${tenantDomain}`;
  }
  if (alias !== null && alias !== '') return `${alias}@${tenantDomain}`;
  throw new RequiredPropertyError('userPrincipalName');
}
