import { validateCredentials as validateLdapCredentials } from '../connectors/ldap/index.js';
import { ScimClient, ScimConfigurationError } from '../connectors/scim/index.js';
import { BadRequestError } from '../errors/graph-error.js';
import { runtimeOf } from './jobs/job-service.js';
import type { SecretValues } from './secrets/secret-store.js';

/**
 * `validateCredentials`: tries the given (or saved) credentials against the job's target the way a cycle
 * would connect. Success is silent (204); every failure is a 400 saying what went wrong.
 */
export async function validateCredentials(templateId: string, credentials: SecretValues): Promise<void> {
  const runtime = runtimeOf(templateId);
  const missing = runtime.requiredSecrets.length > 0 && !runtime.requiredSecrets.some((set) => set.every((key) => (credentials.get(key) ?? '') !== ''));
  if (runtime.target === 'scim') {
    let client: ScimClient;
    try {
      client = ScimClient.fromSecrets(credentials, { timeoutMs: 15_000 });
    } catch (error) {
      if (error instanceof ScimConfigurationError) throw new BadRequestError(`${error.message}.`, { code: 'CredentialValidationFailed' });
      throw error;
    }
    const result = await client.validateCredentials().finally(() => client.close());
    if (result.status === 'valid') return;
    const code = result.status === 'invalidCredentials' ? 'InvalidCredentials' : result.status === 'unreachable' ? 'TargetUnreachable' : 'CredentialValidationFailed';
    throw new BadRequestError(`Credential validation failed: ${result.message}`, { code });
  }
  // Password hash sync logs on to the same domain controllers with the same account: the bind checks it.
  if (runtime.source === 'ldap' || runtime.source === 'adReplication' || runtime.target === 'ldap') {
    const result = await validateLdapCredentials(credentials, { connectTimeoutMs: 10_000, operationTimeoutMs: 15_000 });
    if (result.status === 'valid') return;
    const code =
      result.status === 'invalidCredentials'
        ? 'InvalidCredentials'
        : result.status === 'unreachable'
          ? 'TargetUnreachable'
          : result.status === 'misconfigured'
            ? 'MissingSecrets'
            : 'CredentialValidationFailed';
    throw new BadRequestError(`Credential validation failed: ${result.message}`, { code });
  }
  if (missing) {
    const alternatives = runtime.requiredSecrets.map((set) => set.join(' and ')).join(', or ');
    throw new BadRequestError(`Credential validation failed: ${alternatives} must be given.`, { code: 'CredentialValidationFailed' });
  }
}
