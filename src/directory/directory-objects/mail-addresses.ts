import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';

/** The SMTP addresses an object answers to: its mail and its `smtp:` proxy addresses, folded. */
export function smtpAddresses(document: { readonly mail?: unknown; readonly proxyAddresses?: unknown }): string[] {
  const proxies = Array.isArray(document.proxyAddresses) ? (document.proxyAddresses as unknown[]) : [];
  const addresses = [
    ...(typeof document.mail === 'string' ? [document.mail] : []),
    ...proxies.filter((proxy): proxy is string => typeof proxy === 'string' && /^smtp:/i.test(proxy)).map((proxy) => proxy.slice(5)),
  ];
  return [...new Set(addresses.map((address) => address.toLowerCase()))];
}

/**
 * Entra keeps SMTP addresses unique across users, groups and contacts ("Another object with the same value for
 * property proxyAddresses already exists."). Checked against the other live objects' `mail` through the
 * indexed `mail_lower` columns; their secondary proxy addresses sit in JSON documents no index covers.
 */
export async function assertFreeSmtpAddresses(db: Kysely<Database>, objectId: string, addresses: readonly string[]): Promise<void> {
  if (addresses.length === 0) return;
  for (const table of ['users', 'groups', 'contacts'] as const) {
    let query = db.selectFrom(table).select('id').where('mail_lower', 'in', [...addresses]).where('id', '!=', objectId).limit(1);
    if (table !== 'contacts') query = query.where('deleted_at', 'is', null);
    if (await query.executeTakeFirst()) throw new DuplicatePropertyValueError('proxyAddresses');
  }
}
