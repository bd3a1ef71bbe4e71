import { formatDn, LdapConfigurationError, parseDn, readLdapSettings } from '../ldap/index.js';
import { PasswordHashConfigurationError } from './password-hash-errors.js';

/** What directory replication needs; read from the same job secrets as the LDAP connection. */
export interface ReplicationSettings {
  /** Host names or addresses of the DCs, in failover order (from the `Server` secret's URLs). */
  readonly servers: readonly string[];
  /** `user@domain` or `DOMAIN\user`: the form an NTLM logon takes. */
  readonly account: string;
  readonly password: string;
  /** The domain naming context replicated, e.g. `DC=example,DC=test`. */
  readonly namingContext: string;
  /** Only accounts under this DN are decrypted and returned (`BaseDN`, else the domain). */
  readonly scope: string;
}

/**
 * The `Domain`, `BaseDN`, `Server`, `UserName` and `Password` secrets as for LDAP (readLdapSettings).
 * Replication goes to the same DCs but over RPC (port 135 and the DC's dynamic ports), not to the LDAP
 * port, and logs on with NTLM, so the account must not be given as a DN.
 */
export function readReplicationSettings(secrets: ReadonlyMap<string, string>): ReplicationSettings {
  let ldap;
  try {
    ldap = readLdapSettings(secrets);
  } catch (error) {
    if (error instanceof LdapConfigurationError) throw new PasswordHashConfigurationError(error.message, error.missing, { cause: error });
    throw error;
  }
  if (ldap.bindName.includes('=')) {
    throw new PasswordHashConfigurationError(
      'Password hash sync logs on to the domain controller with NTLM: give the UserName secret as user@domain or DOMAIN\\user, not as a DN',
      ['UserName'],
    );
  }
  const servers = ldap.servers.map((server) => new URL(server.url).hostname.replace(/^\[(.*)\]$/, '$1'));
  return Object.freeze({
    servers: Object.freeze([...new Set(servers)]),
    account: ldap.bindName,
    password: ldap.password,
    namingContext: domainNamingContext(ldap.baseDn),
    scope: ldap.baseDn,
  });
}

/** The domain partition holding `dn`: its trailing run of DC= components. */
export function domainNamingContext(dn: string): string {
  const rdns = parseDn(dn);
  let start = rdns.length;
  while (start > 0 && rdns[start - 1]?.length === 1 && rdns[start - 1]?.[0]?.attribute.toLowerCase() === 'dc') start--;
  if (start === rdns.length) throw new PasswordHashConfigurationError(`${dn} is not inside an Active Directory domain (no DC= components)`, ['BaseDN']);
  return formatDn(rdns.slice(start));
}
