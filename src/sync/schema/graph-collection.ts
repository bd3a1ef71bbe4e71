import { z } from 'zod';

/**
 * A Graph collection property in client input: missing or `null` both mean "empty", which is what
 * Graph stores and returns for non-nullable collections.
 */
export function graphCollection<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullable()
    .optional()
    .transform((value): z.output<T>[] => value ?? []);
}
