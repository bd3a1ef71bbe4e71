import { compliantPatchFlag, dialectForFlags, legacyPatchFlag, type ScimPatchDialect } from './patch-dialect.js';
import { ScimConfigurationError } from './scim-errors.js';

/** A job secret as stored by `PUT .../synchronization/secrets` (synchronizationSecretKeyStringValuePair). */
export interface SecretEntry {
  readonly key: string;
  readonly value: string;
}

export type ScimCredentials =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'oauth2ClientCredentials'; readonly tokenUri: string; readonly clientId: string; readonly clientSecret: string };

/** Everything needed to reach the target, read from the job's secrets. */
export interface ScimConnectionSettings {
  /** The SCIM base, without the behaviour flags and without a trailing slash. */
  readonly baseUrl: string;
  /** Query parameters of the tenant URL that are not behaviour flags; sent on every request. */
  readonly baseQuery: readonly (readonly [string, string])[];
  /** Behaviour flags found in the tenant URL's query string (e.g. `aadOptscim062020`). */
  readonly flags: ReadonlySet<string>;
  readonly dialect: ScimPatchDialect;
  readonly credentials: ScimCredentials;
}

/** Flags the hosted service reads from the tenant URL (COMPAT); they are not part of the SCIM base. */
const knownFlags = [compliantPatchFlag, legacyPatchFlag];

/**
 * Reads `BaseAddress` (tenant URL) and either `SecretToken`, or `Oauth2TokenExchangeUri` + `ClientIdentifier`
 * + `ClientSecret` (the `Oauth2ClientId`/`Oauth2ClientSecret` keys are accepted too). Keys compare
 * case-insensitively. Behaviour flags are taken from the tenant URL's query string and removed from the
 * base, the way the hosted service treats `...?aadOptscim062020` (engine-behavior §2.1, §2.4).
 */
export function readConnectionSettings(secrets: readonly SecretEntry[] | ReadonlyMap<string, string>): ScimConnectionSettings {
  const lookup = new Map<string, string>();
  for (const [key, value] of secrets instanceof Map ? secrets : (secrets as readonly SecretEntry[]).map((s) => [s.key, s.value] as const)) {
    if (value.trim() !== '') lookup.set(key.toLowerCase(), value.trim());
  }
  const get = (...keys: string[]): string | undefined => keys.map((key) => lookup.get(key.toLowerCase())).find((v) => v !== undefined);

  const baseAddress = get('BaseAddress');
  if (!baseAddress) throw new ScimConfigurationError('The BaseAddress (tenant URL) secret is missing');
  const { baseUrl, baseQuery, flags } = parseTenantUrl(baseAddress);

  const tokenUri = get('Oauth2TokenExchangeUri');
  const clientId = get('ClientIdentifier', 'Oauth2ClientId');
  const clientSecret = get('ClientSecret', 'Oauth2ClientSecret');
  const secretToken = get('SecretToken');
  let credentials: ScimCredentials;
  if (tokenUri || clientId || clientSecret) {
    if (!tokenUri || !clientId || !clientSecret) {
      throw new ScimConfigurationError('OAuth 2.0 client credentials need Oauth2TokenExchangeUri, ClientIdentifier and ClientSecret');
    }
    assertHttpUrl(tokenUri, 'Oauth2TokenExchangeUri');
    credentials = { kind: 'oauth2ClientCredentials', tokenUri, clientId, clientSecret };
  } else if (secretToken) {
    credentials = { kind: 'bearer', token: secretToken };
  } else {
    throw new ScimConfigurationError('Neither a SecretToken nor OAuth 2.0 client credentials are configured');
  }
  return Object.freeze({ baseUrl, baseQuery, flags, dialect: dialectForFlags(flags), credentials: Object.freeze(credentials) });
}

/** Splits a tenant URL into the SCIM base, the ordinary query parameters and the behaviour flags. */
export function parseTenantUrl(tenantUrl: string): Pick<ScimConnectionSettings, 'baseUrl' | 'baseQuery' | 'flags'> {
  const url = assertHttpUrl(tenantUrl, 'BaseAddress');
  const flags = new Set<string>();
  const baseQuery: (readonly [string, string])[] = [];
  for (const [name, value] of url.searchParams) {
    const known = knownFlags.find((flag) => flag.toLowerCase() === name.toLowerCase());
    if (known && value === '') flags.add(known);
    else baseQuery.push([name, value]);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { baseUrl: `${url.origin}${path}`, baseQuery: Object.freeze(baseQuery), flags };
}

function assertHttpUrl(text: string, secret: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ScimConfigurationError(`${secret} is not a URL: ${text}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ScimConfigurationError(`${secret} must be an http(s) URL: ${text}`);
  if (url.username || url.password) throw new ScimConfigurationError(`${secret} must not carry credentials in the URL`);
  return url;
}
