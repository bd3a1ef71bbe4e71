import type { z } from 'zod';
import type { GraphErrorDetail } from '../../errors/graph-error.js';
import { InvalidSynchronizationInputError } from './errors.js';

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}

/**
 * Validates a request body against one of this folder's schemas and returns the normalized value
 * (defaults filled, enum spellings canonical, unknown properties dropped). Throws a 400 that names
 * every offending path.
 */
export function parseSynchronizationInput<T>(schema: z.ZodType<T>, body: unknown, typeName: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const details: GraphErrorDetail[] = result.error.issues.map((issue) => {
    const target = pathText(issue.path);
    return target === '' ? { code: 'InvalidValue', message: issue.message } : { code: 'InvalidValue', message: issue.message, target };
  });
  throw new InvalidSynchronizationInputError(typeName, details);
}
