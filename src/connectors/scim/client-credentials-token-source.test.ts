import { afterEach, describe, expect, it } from 'vitest';
import { startTokenEndpoint, type OAuthTokenEndpoint } from '../../../test/support/oauth-token-endpoint.js';
import { ClientCredentialsTokenSource } from './client-credentials-token-source.js';
import { ScimTokenError } from './scim-errors.js';

let endpoint: OAuthTokenEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

const source = (url: string, now?: () => number) =>
  new ClientCredentialsTokenSource({ tokenUri: url, clientId: 'provisio', clientSecret: 's3cret', ...(now ? { now } : {}) });

describe('ClientCredentialsTokenSource', () => {
  it('posts the client credentials grant and caches the token until shortly before it expires', async () => {
    endpoint = await startTokenEndpoint([
      { status: 200, body: { access_token: 'first', token_type: 'Bearer', expires_in: 3600 } },
      { status: 200, body: { access_token: 'second', token_type: 'Bearer', expires_in: 3600 } },
    ]);
    let now = 1_000_000;
    const tokens = source(endpoint.url, () => now);
    expect(await tokens.token()).toBe('first');
    now += 3600_000 - 5 * 60_000 - 1;
    expect(await tokens.token()).toBe('first');
    expect(endpoint.requests).toHaveLength(1);
    expect(Object.fromEntries(endpoint.requests[0]!)).toEqual({ grant_type: 'client_credentials', client_id: 'provisio', client_secret: 's3cret' });
    now += 1;
    expect(await tokens.token()).toBe('second');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('refreshes on demand and shares one request between concurrent callers', async () => {
    endpoint = await startTokenEndpoint([
      { status: 200, body: { access_token: 'a', expires_in: 3600 }, delayMs: 30 },
      { status: 200, body: { access_token: 'b', expires_in: 3600 } },
    ]);
    const tokens = source(endpoint.url);
    expect(await Promise.all([tokens.token(), tokens.token(), tokens.token()])).toEqual(['a', 'a', 'a']);
    expect(await tokens.token({ refresh: true })).toBe('b');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('keeps a token without expires_in until asked to refresh', async () => {
    endpoint = await startTokenEndpoint([{ status: 200, body: { access_token: 'forever' } }]);
    let now = 0;
    const tokens = source(endpoint.url, () => now);
    await tokens.token();
    now = 10 * 365 * 86_400_000;
    expect(await tokens.token()).toBe('forever');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('reports refused credentials as permanent and endpoint trouble as retryable', async () => {
    endpoint = await startTokenEndpoint([
      { status: 401, body: { error: 'invalid_client', error_description: 'bad secret' } },
      { status: 503, body: {} },
      { status: 200, body: { token_type: 'Bearer' } },
    ]);
    const tokens = source(endpoint.url);
    await expect(tokens.token()).rejects.toMatchObject({ code: 'TokenAcquisitionFailed', retryable: false, status: 401, scope: 'job' });
    await expect(tokens.token()).rejects.toMatchObject({ retryable: true, status: 503 });
    await expect(tokens.token()).rejects.toThrow(/without an access_token/);
    const url = endpoint.url;
    await endpoint.close();
    endpoint = undefined;
    const unreachable = await source(url).token().catch((error: unknown) => error);
    expect(unreachable).toBeInstanceOf(ScimTokenError);
    expect(unreachable).toMatchObject({ retryable: true });
  });
});
