import { BadRequestError, NotFoundError } from '../errors/graph-error.js';

/**
 * The errors Graph's directory (users, groups, links, deleted items) answers with, with its codes and texts.
 * Each is a class so callers and tests can tell the rule apart from the wire code they share.
 */

/** 404 for an object (or a referenced object) that does not exist, or is in deleted items. */
export class DirectoryObjectNotFoundError extends NotFoundError {
  readonly objectId: string;

  constructor(objectId: string) {
    super(`Resource '${objectId}' does not exist or one of its queried reference-property objects are not present.`, {
      code: 'Request_ResourceNotFound',
    });
    this.objectId = objectId;
  }
}

/** 400 for a key that must be a GUID and is not. */
export class InvalidObjectIdentifierError extends BadRequestError {
  constructor(value: string) {
    super(`Invalid object identifier '${value}'.`, { code: 'Request_BadRequest' });
  }
}

/** 400 for a value that must be unique among live objects (userPrincipalName). */
export class DuplicatePropertyValueError extends BadRequestError {
  readonly property: string;

  constructor(property: string) {
    super(`Another object with the same value for property ${property} already exists.`, { code: 'Request_BadRequest' });
    this.property = property;
  }
}

/** 400 for a property a create request must carry. */
export class RequiredPropertyError extends BadRequestError {
  readonly property: string;

  constructor(property: string) {
    super(`Property ${property} value is required but is empty or missing.`, { code: 'Request_BadRequest' });
    this.property = property;
  }
}

/** 400 for a value of the right type that a directory rule refuses. */
export class InvalidPropertyValueError extends BadRequestError {
  readonly property: string;

  constructor(property: string, resource: 'User' | 'Group' | 'OrgContact' | 'ExtensionProperty', message?: string) {
    super(message ?? `Invalid value specified for property '${property}' of resource '${resource}'.`, { code: 'Request_BadRequest' });
    this.property = property;
  }
}

/** 400 when the domain part of a userPrincipalName is not a domain of the tenant. */
export class UnverifiedDomainError extends BadRequestError {
  constructor() {
    super(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
      { code: 'Request_BadRequest' },
    );
  }
}

/** 400 for a password the tenant's complexity rules refuse. */
export class PasswordComplexityError extends BadRequestError {
  constructor() {
    super('The specified password does not comply with password complexity requirements. Please provide a different password.', {
      code: 'Request_BadRequest',
    });
  }
}

/** 400 when an added link already exists. */
export class ReferenceExistsError extends BadRequestError {
  constructor(relation: string) {
    super(`One or more added object references already exist for the following modified properties: '${relation}'.`, {
      code: 'Request_BadRequest',
    });
  }
}

/** 400 when one request changes more links than Graph allows (members and owners together). */
export class TooManyLinkChangesError extends BadRequestError {
  static readonly limit = 20;

  constructor() {
    super(`A resource cannot contain more than ${TooManyLinkChangesError.limit} link changes.`, { code: 'Request_BadRequest' });
  }
}

/** 400 when a link would make a group (transitively) a member of itself. */
export class CircularMembershipError extends BadRequestError {
  constructor(groupId: string) {
    super(`Adding group '${groupId}' would create a circular membership, which is not supported.`, { code: 'Request_BadRequest' });
  }
}

/** 400 for an object of a type the relation does not accept (a group as manager, a group as owner). */
export class UnsupportedReferenceTypeError extends BadRequestError {
  constructor(relation: string, objectType: string) {
    super(`An object of type '${objectType}' cannot be added to the '${relation}' relation.`, { code: 'Request_BadRequest' });
  }
}

/** 400 for an operation Graph does not offer on a resource at all (organizational contacts are read-only). */
export class OperationNotAllowedOnResourceError extends BadRequestError {
  constructor(operation: 'Create' | 'Update' | 'Delete', resource: string) {
    super(`Data contract version does not allow '${operation}' operations against instances of resource '${resource}'.`, { code: 'Request_BadRequest' });
  }
}

/**
 * 400 for a Graph write to an object synchronized from on-premises (`onPremisesSyncEnabled`) that touches
 * what Active Directory masters: its properties, a group's members, a user's manager, the object itself.
 */
export class OnPremisesMasteredError extends BadRequestError {
  constructor() {
    super('Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.', {
      code: 'Request_BadRequest',
    });
  }
}
