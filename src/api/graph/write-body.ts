import { z } from 'zod';
import { BadRequestError } from '../../errors/graph-error.js';

/**
 * Validates a POST/PATCH body of a directory resource against its writable properties. Unknown properties
 * are refused as Graph refuses them; OData annotations (`@odata.type`, `x@odata.bind`) are left to the caller.
 */
export function parseWriteBody<S extends z.ZodRawShape>(shape: S, body: unknown, options: { partial: boolean }): z.infer<z.ZodObject<S>> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError('The request body must be a JSON object.', { code: 'Request_BadRequest' });
  }
  const annotationsRemoved = Object.fromEntries(Object.entries(body).filter(([key]) => !key.includes('@odata.')));
  for (const key of Object.keys(annotationsRemoved)) {
    if (!Object.hasOwn(shape, key)) {
      throw new BadRequestError(`Property '${key}' does not exist as a declared property or extension property.`, { code: 'Request_BadRequest' });
    }
  }
  const schema = options.partial ? z.object(shape).partial() : z.object(shape);
  const result = schema.safeParse(annotationsRemoved);
  if (result.success) return result.data as z.infer<z.ZodObject<S>>;
  const issue = result.error.issues[0];
  const property = issue?.path.join('.') ?? '';
  throw new BadRequestError(
    property ? `Invalid value specified for property '${property}' of resource: ${issue?.message ?? 'invalid'}.` : `Invalid request body: ${issue?.message ?? 'invalid'}.`,
    { code: 'Request_BadRequest' },
  );
}
