import { z } from 'zod';
import { synchronizationSecretKeyStringValuePairSchema } from '../schema/index.js';

const keyValuePair = z.object({ name: z.string().min(1), value: z.string().nullable().default(null) });

export const createJobBody = z.object({
  templateId: z.string().min(1, 'templateId is required'),
  synchronizationJobSettings: z.array(keyValuePair).optional(),
});

export const updateJobBody = z.object({
  synchronizationJobSettings: z.array(keyValuePair).optional(),
});

export const restartJobBody = z
  .object({ criteria: z.object({ resetScope: z.union([z.string(), z.number()]).nullable().optional() }).nullable().optional() })
  .optional();

export const secretsBody = z.object({ value: z.array(synchronizationSecretKeyStringValuePairSchema) });

export const synchronizationBody = z.object({ secrets: z.array(synchronizationSecretKeyStringValuePairSchema).optional() });

export const validateCredentialsBody = z
  .object({
    applicationIdentifier: z.string().nullable().optional(),
    templateId: z.string().nullable().optional(),
    useSavedCredentials: z.boolean().nullable().optional(),
    credentials: z.array(synchronizationSecretKeyStringValuePairSchema).nullable().optional(),
  })
  .optional();

export const acquireAccessTokenBody = z.object({ credentials: z.array(synchronizationSecretKeyStringValuePairSchema) });
