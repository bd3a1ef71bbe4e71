import { BadRequestError, type GraphErrorDetail } from '../../errors/graph-error.js';

/**
 * A synchronization resource in a request body (schema, template, secrets…) that does not have the
 * Graph shape: wrong types, unknown enum members, missing required properties. Each problem is a
 * detail whose target is the JSON path, e.g. `synchronizationRules[0].objectMappings[1].flowTypes`.
 * Wire code `BadRequest`, status 400.
 */
export class InvalidSynchronizationInputError extends BadRequestError {
  constructor(typeName: string, details: GraphErrorDetail[]) {
    const first = details[0];
    const summary = first === undefined ? '' : `: ${first.target === undefined ? '' : `${first.target}: `}${first.message}`;
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    super(`The ${typeName} in the request is not valid${summary}${more}`, { details });
  }
}
