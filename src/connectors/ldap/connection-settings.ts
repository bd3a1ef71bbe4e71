import { baseDnFromDomain, DnSyntaxError, parseDn } from './dn.js';
import { LdapConfigurationError } from './ldap-errors.js';

/** How one server is reached: LDAPS, plain LDAP upgraded with StartTLS, or plain LDAP (only when allowed). */
export type LdapTransport = 'ldaps' | 'startTls' | 'plain';

export interface LdapServer {
  /** `ldap://host:port` or `ldaps://host:port`, no path. */
  readonly url: string;
  readonly transport: LdapTransport;
}

export interface LdapTlsSettings {
  /** PEM certificates to trust instead of the system store (a private CA, a self-signed DC certificate). */
  readonly ca: string | undefined;
  /** The name the certificate must carry, when servers are addressed by IP or by another name. */
  readonly serverName: string | undefined;
}

export interface LdapConnectionSettings {
  /** The DNS domain from the `Domain` secret (undefined when only `BaseDN` names the tree). */
  readonly domain: string | undefined;
  /** Where searches start: `BaseDN` if given, else derived from the domain (`DC=contoso,DC=com`). */
  readonly baseDn: string;
  /** In failover order. */
  readonly servers: readonly LdapServer[];
  /** What the simple bind sends: a DN, `user@domain` or `DOMAIN\user`. */
  readonly bindName: string;
  readonly password: string;
  readonly tls: LdapTlsSettings;
}

/** Secret keys read here; compared case-insensitively. */
export const LdapSecretKeys = Object.freeze({
  domain: 'Domain',
  baseDn: 'BaseDN',
  server: 'Server',
  userName: 'UserName',
  password: 'Password',
  startTls: 'StartTls',
  caCertificate: 'TlsCaCertificate',
  serverName: 'TlsServerName',
  allowInsecure: 'AllowInsecureLdap',
} as const);

/**
 * Reads the connection from a job's secrets (synchronizationSecret key → value). A job created as in the
 * seeds has only `Domain`; that yields an LdapConfigurationError whose `missing` lists Server, UserName
 * and Password, so the engine can say exactly what to add.
 */
export function readLdapSettings(secrets: ReadonlyMap<string, string>): LdapConnectionSettings {
  const lookup = new Map<string, string>();
  for (const [key, value] of secrets) if (value.trim() !== '') lookup.set(key.toLowerCase(), value.trim());
  const get = (key: string): string | undefined => lookup.get(key.toLowerCase());

  const domainSecret = get(LdapSecretKeys.domain);
  const domain = domainSecret === undefined ? undefined : parseDomainSecret(domainSecret);
  const explicitBase = get(LdapSecretKeys.baseDn);
  const missing: string[] = [];
  if (domain === undefined && explicitBase === undefined) missing.push(LdapSecretKeys.domain);
  const server = get(LdapSecretKeys.server);
  const userName = get(LdapSecretKeys.userName);
  const password = secrets.get(LdapSecretKeys.password) ?? [...secrets].find(([k]) => k.toLowerCase() === 'password')?.[1];
  if (server === undefined) missing.push(LdapSecretKeys.server);
  if (userName === undefined) missing.push(LdapSecretKeys.userName);
  if (password === undefined || password === '') missing.push(LdapSecretKeys.password);
  if (missing.length > 0) {
    throw new LdapConfigurationError(`The directory connection is not configured: ${listSecrets(missing)} missing`, missing);
  }

  const startTls = readBoolean(get(LdapSecretKeys.startTls), LdapSecretKeys.startTls);
  const allowInsecure = readBoolean(get(LdapSecretKeys.allowInsecure), LdapSecretKeys.allowInsecure) ?? false;
  const baseDn = explicitBase === undefined ? domainBaseDn(domain as string) : checkedBaseDn(explicitBase);
  return Object.freeze({
    domain,
    baseDn,
    servers: parseServerList(server as string, { startTls, allowInsecure }),
    bindName: bindNameFor(userName as string, domain),
    password: password as string,
    tls: Object.freeze({ ca: readCaCertificate(get(LdapSecretKeys.caCertificate)), serverName: get(LdapSecretKeys.serverName) }),
  });
}

/** The `Domain` secret: `{"domain":"contoso.com"}` as the seeds write it, or plain `contoso.com`. */
export function parseDomainSecret(value: string): string {
  let domain: unknown = value.trim();
  if ((domain as string).startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(domain as string);
    } catch {
      throw new LdapConfigurationError(`The Domain secret is neither a domain name nor JSON: ${value}`);
    }
    const entry = Object.entries(parsed ?? {}).find(([key]) => key.toLowerCase() === 'domain');
    domain = entry?.[1];
    if (typeof domain !== 'string') throw new LdapConfigurationError('The Domain secret JSON has no "domain" string');
  }
  const name = (domain as string).trim().replace(/\.$/, '');
  if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(name)) {
    throw new LdapConfigurationError(`The Domain secret is not a DNS domain name: ${name}`);
  }
  return name;
}

export interface ServerListOptions {
  /** true: ldap:// servers must StartTLS; false: they stay plain (needs allowInsecure); undefined: StartTLS unless allowInsecure. */
  readonly startTls?: boolean | undefined;
  readonly allowInsecure: boolean;
}

/**
 * `Server`: one or more of `ldaps://host[:port]`, `ldap://host[:port]` or `host[:port]`, separated by commas
 * (or spaces / semicolons). A bare host means LDAPS (port 636) unless its port is 389 or 3268 or StartTls
 * is on, in which case it means `ldap://` with StartTLS.
 */
export function parseServerList(value: string, options: ServerListOptions): readonly LdapServer[] {
  const items = value.split(/[,;\s]+/).filter((s) => s !== '');
  if (items.length === 0) throw new LdapConfigurationError('The Server secret lists no server', [LdapSecretKeys.server]);
  return Object.freeze(items.map((item) => Object.freeze(parseServer(item, options))));
}

function parseServer(item: string, options: ServerListOptions): LdapServer {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(item);
  let url: URL;
  try {
    url = new URL(hasScheme ? item : `ldap://${item}`);
  } catch {
    throw new LdapConfigurationError(`Server entry is not a host or LDAP URL: ${item}`);
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'ldap' && scheme !== 'ldaps') throw new LdapConfigurationError(`Server entry must use ldap:// or ldaps://: ${item}`);
  if (url.hostname === '') throw new LdapConfigurationError(`Server entry has no host: ${item}`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.username !== '' || url.password !== '') {
    throw new LdapConfigurationError(`Server entry must be scheme, host and port only: ${item}`);
  }
  const port = url.port === '' ? undefined : Number(url.port);
  const secureByDefault = !hasScheme && options.startTls !== true && port !== 389 && port !== 3268;
  if (scheme === 'ldaps' || secureByDefault) return { url: `ldaps://${url.hostname}:${port ?? 636}`, transport: 'ldaps' };

  const plainUrl = `ldap://${url.hostname}:${port ?? 389}`;
  if (options.startTls === true || (options.startTls === undefined && !options.allowInsecure)) return { url: plainUrl, transport: 'startTls' };
  if (!options.allowInsecure) {
    throw new LdapConfigurationError(
      `Server ${item} would send the password unencrypted: use ldaps://, StartTls=true, or set AllowInsecureLdap=true`,
    );
  }
  return { url: plainUrl, transport: 'plain' };
}

/** A bare account name is qualified with the domain (AD refuses plain `user` in a simple bind). */
export function bindNameFor(userName: string, domain: string | undefined): string {
  if (/[=@\\]/.test(userName) || domain === undefined) return userName;
  return `${userName}@${domain}`;
}

function domainBaseDn(domain: string): string {
  try {
    return baseDnFromDomain(domain);
  } catch (error) {
    if (error instanceof DnSyntaxError) throw new LdapConfigurationError(`The Domain secret is not a DNS domain name: ${domain}`);
    throw error;
  }
}

function checkedBaseDn(dn: string): string {
  try {
    if (parseDn(dn).length === 0) throw new DnSyntaxError(dn, 'empty');
  } catch (error) {
    if (error instanceof DnSyntaxError) throw new LdapConfigurationError(`The BaseDN secret is not a distinguished name: ${error.message}`);
    throw error;
  }
  return dn;
}

function readBoolean(value: string | undefined, key: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new LdapConfigurationError(`The ${key} secret must be true or false, got '${value}'`);
}

/** PEM text; secrets entered on one line often carry literal `\n`, which are turned back into newlines. */
function readCaCertificate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const pem = value.includes('\n') ? value : value.replace(/\\n/g, '\n');
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
    throw new LdapConfigurationError('The TlsCaCertificate secret must hold PEM certificates (-----BEGIN CERTIFICATE-----)');
  }
  return pem;
}

function listSecrets(keys: readonly string[]): string {
  if (keys.length === 1) return `the ${keys[0]} secret is`;
  return `the ${keys.slice(0, -1).join(', ')} and ${keys.at(-1)} secrets are`;
}
