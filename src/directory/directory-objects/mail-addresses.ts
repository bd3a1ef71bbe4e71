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
 * indexed `mail_lower` columns, the three tables in one statement (every synchronized object runs it); their
 * secondary proxy addresses sit in JSON documents no index covers.
 */
export async function assertFreeSmtpAddresses(db: Kysely<Database>, objectId: string, addresses: readonly string[]): Promise<void> {
  if (addresses.length === 0) return;
  const holders = (table: 'users' | 'groups' | 'contacts') => db.selectFrom(table).select('id').where('mail_lower', 'in', [...addresses]).where('id', '!=', objectId);
  const taken = await holders('users')
    .where('deleted_at', 'is', null)
    .unionAll(holders('groups').where('deleted_at', 'is', null))
    .unionAll(holders('contacts'))
    .limit(1)
    .executeTakeFirst();
  if (taken) throw new DuplicatePropertyValueError('proxyAddresses');
}
