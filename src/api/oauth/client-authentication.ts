import { OAuthError } from './oauth-error.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Reads the client's credentials from the form (client_secret_post) or the Authorization header
 * (client_secret_basic, whose parts are form-url-encoded per RFC 6749 §2.3.1). Sending both is an error.
 */
export function readClientCredentials(form: Record<string, string>, authorization: string | undefined): ClientCredentials {
  const basic = authorization === undefined ? undefined : /^Basic\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (basic !== undefined) {
    if (form.client_secret !== undefined) {
      throw new OAuthError(401, 'invalid_client', 7000218, 'The client must authenticate with exactly one method; both client_secret and an Authorization header were sent.');
    }
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError(401, 'invalid_client', 7000216, 'The Authorization header is not valid Basic client authentication.');
    const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    if (form.client_id !== undefined && form.client_id !== clientId) {
      throw new OAuthError(401, 'invalid_client', 7000216, 'client_id in the body does not match the Authorization header.');
    }
    return { clientId, clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  }
  const clientId = form.client_id;
  if (clientId === undefined || clientId === '') {
    throw new OAuthError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  }
  const clientSecret = form.client_secret;
  if (clientSecret === undefined || clientSecret === '') {
    throw new OAuthError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  return { clientId, clientSecret };
}
