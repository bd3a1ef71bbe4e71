import { z } from 'zod';
import { BadRequestError } from '../../errors/graph-error.js';
import type { SynchronizationSecretKey } from '../schema/index.js';

/** Keys whose values are credentials: never returned, shown as "*". The others are settings, shown in clear. */
export const maskedSecretKeys: ReadonlySet<SynchronizationSecretKey> = new Set<SynchronizationSecretKey>([
  'Password',
  'SecretToken',
  'ClientSecret',
  'ConsumerSecret',
  'TokenKey',
  'Oauth2AccessToken',
  'Oauth2RefreshToken',
  'Oauth2ClientSecret',
  'Oauth2AuthorizationCode',
  'ConnectionString',
]);

export const maskedValue = '*';

export const syncNotificationSettingsSchema = z.object({
  Enabled: z.boolean().optional(),
  Recipients: z.string().optional(),
  DeleteThresholdEnabled: z.boolean().optional(),
  DeleteThresholdValue: z.number().int().min(0).optional(),
});
export type SyncNotificationSettings = z.infer<typeof syncNotificationSettingsSchema>;

const domainSchema = z.object({ domain: z.string().min(1) });
const appKeySchema = z.object({ appKeyScenario: z.string().min(1) });
const booleanText = z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE']);

function parseJson(key: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new BadRequestError(`The value of secret '${key}' must be a JSON object.`, { code: key === 'SyncNotificationSettings' ? 'InvalidNotificationSettings' : 'BadRequest' });
  }
}

/**
 * Checks a secret's value before it is stored. JSON-valued keys must parse to their documented shape;
 * boolean switches must be true/false. Other keys are free text.
 */
export function validateSecretValue(key: SynchronizationSecretKey, value: string): void {
  const check = (schema: z.ZodType, code = 'BadRequest') => {
    const result = schema.safeParse(parseJson(key, value));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new BadRequestError(`The value of secret '${key}' is invalid: ${issue ? `${issue.path.join('.') || 'value'} ${issue.message}` : 'unexpected shape'}.`, { code });
    }
  };
  switch (key) {
    case 'SyncNotificationSettings':
      if (value.trim() === '') throw new BadRequestError("The value of secret 'SyncNotificationSettings' must be a JSON object.", { code: 'InvalidNotificationSettings' });
      return check(syncNotificationSettingsSchema, 'InvalidNotificationSettings');
    case 'Domain':
      return check(domainSchema);
    case 'AppKey':
      return check(appKeySchema);
    case 'SyncAll':
    case 'SkipOutOfScopeDeletions':
    case 'HardDeletesEnabled':
    case 'EnforceDomain':
    case 'ValidateDomain':
    case 'StartTls':
    case 'AllowInsecureLdap':
      if (!booleanText.safeParse(value).success) throw new BadRequestError(`The value of secret '${key}' must be 'true' or 'false'.`);
      return;
    case 'BaseAddress':
    case 'Oauth2TokenExchangeUri':
      if (!URL.canParse(value)) throw new BadRequestError(`The value of secret '${key}' must be an absolute URL.`);
      return;
    default:
      return;
  }
}
