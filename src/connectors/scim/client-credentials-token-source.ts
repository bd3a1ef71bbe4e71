import { ScimTokenError } from './scim-errors.js';
import type { TokenSource } from './token-source.js';

export interface ClientCredentialsOptions {
  /** `Oauth2TokenExchangeUri` secret. */
  readonly tokenUri: string;
  /** `ClientIdentifier` secret. */
  readonly clientId: string;
  /** `ClientSecret` secret. */
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

interface CachedToken {
  readonly value: string;
  /** Epoch ms after which a new token is requested; Infinity when the endpoint gave no lifetime. */
  readonly refreshAt: number;
}

/** Refresh this long before expiry (at most half the lifetime) so a request never leaves with a dying token. */
const refreshMarginMs = 5 * 60_000;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4) against the target's token endpoint, credentials in the
 * form body. The token is cached until shortly before `expires_in`; concurrent callers share one request.
 * A token endpoint without `expires_in` yields a token kept until the target refuses it (401 → refresh).
 */
export class ClientCredentialsTokenSource implements TokenSource {
  readonly refreshable = true;
  readonly #options: ClientCredentialsOptions;
  #cached: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;

  constructor(options: ClientCredentialsOptions) {
    this.#options = options;
  }

  async token(options: { readonly refresh?: boolean } = {}): Promise<string> {
    const now = (this.#options.now ?? Date.now)();
    if (!options.refresh && this.#cached && now < this.#cached.refreshAt) return this.#cached.value;
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    this.#cached = await this.#pending;
    return this.#cached.value;
  }

  async #request(): Promise<CachedToken> {
    const { tokenUri, clientId, clientSecret } = this.#options;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    let response: Response;
    let text: string;
    try {
      response = await (this.#options.fetch ?? fetch)(tokenUri, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body.toString(),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 60_000),
      });
      text = await response.text();
    } catch (cause) {
      throw new ScimTokenError(`Token endpoint ${tokenUri} unreachable: ${describe(cause)}`, { retryable: true, url: tokenUri, cause });
    }
    const parsed = parseJson(text);
    if (!response.ok) {
      const reason = typeof parsed?.error === 'string' ? `${parsed.error}${typeof parsed.error_description === 'string' ? `: ${parsed.error_description}` : ''}` : text.slice(0, 200);
      throw new ScimTokenError(`Token endpoint refused the client credentials (${response.status}): ${reason}`, {
        retryable: response.status >= 500 || response.status === 429,
        status: response.status,
        url: tokenUri,
      });
    }
    const accessToken = parsed?.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new ScimTokenError('Token endpoint answered without an access_token', { retryable: false, status: response.status, url: tokenUri });
    }
    const lifetimeMs = Number(parsed?.expires_in) * 1000;
    const now = (this.#options.now ?? Date.now)();
    const refreshAt = Number.isFinite(lifetimeMs) && lifetimeMs > 0 ? now + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2) : Infinity;
    return { value: accessToken, refreshAt };
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}
