import type { ScimResource } from '../../connectors/scim/index.js';
import type { AttributeDefinition, AttributeType, DirectoryDefinition, Mutability, ObjectDefinition } from '../schema/index.js';
import { attr } from '../templates/builder/schema-builders.js';
import { sortedWithAnchorFirst } from './ldap-directory-definition.js';

/** An attribute of a SCIM schema resource (RFC 7643 §7). */
interface ScimSchemaAttribute {
  readonly name: string;
  readonly type?: string;
  readonly multiValued?: boolean;
  readonly required?: boolean;
  readonly caseExact?: boolean;
  readonly mutability?: string;
  readonly canonicalValues?: readonly string[];
  readonly subAttributes?: readonly ScimSchemaAttribute[];
}

const coreUser = 'urn:ietf:params:scim:schemas:core:2.0:User';
const coreGroup = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const graphTypes: Readonly<Record<string, AttributeType>> = {
  boolean: 'Boolean',
  integer: 'Integer',
  dateTime: 'DateTime',
  binary: 'Binary',
};

const mutabilities: Readonly<Record<string, Mutability>> = {
  readOnly: 'ReadOnly',
  readWrite: 'ReadWrite',
  immutable: 'Immutable',
  writeOnly: 'WriteOnly',
};

/** Resource attributes every resource has, or that only the service sets: not provisioned. */
const resourceAttributes = new Set(['id', 'meta', 'schemas']);
/** Sub-attributes that select or decorate a value rather than carry it. */
const selectorSubAttributes = new Set(['type', 'primary', 'display', '$ref']);

/**
 * A directory definition from a SCIM service's `/Schemas`: the user object (named by URN in the templates)
 * gets the core User schema and the User extensions the service publishes (the enterprise extension),
 * attributes named as sync schemas name them — sub-attributes dotted (`name.givenName`), multi-valued complex
 * attributes one value per canonical `type` (`emails[type eq "work"].value`), extension attributes prefixed
 * with their schema URN; the group object the core Group schema and Group extensions. The stored definition's
 * attributes whose SCIM attribute the service has are kept as they are (their names and hints are what
 * mappings use, e.g. `roles[primary eq "True"].value` or the manager reference); the anchor is kept.
 */
export function scimDirectoryDefinition(schemas: readonly ScimResource[], stored: DirectoryDefinition): DirectoryDefinition {
  const objects = stored.objects.flatMap((object) => {
    const discovered = scimObjectDefinition(schemas, object);
    return discovered === undefined ? [] : [discovered];
  });
  return { ...stored, discoverabilities: 'AttributeNames, AttributeDataTypes, AttributeReadOnly', objects };
}

function scimObjectDefinition(schemas: readonly ScimResource[], stored: ObjectDefinition): ObjectDefinition | undefined {
  const isGroup = /group$/i.test(stored.name);
  const core = schemas.find((schema) => schema.id === (isGroup ? coreGroup : coreUser));
  if (core === undefined) return undefined;
  const suffix = isGroup ? ':group' : ':user';
  const extensions = schemas.filter((schema) => schema !== core && schema.id.includes(':extension:') && schema.id.toLowerCase().endsWith(suffix));
  // externalId is common to every resource (RFC 7643 §3.1): schemas do not list it.
  const generated: AttributeDefinition[] = [attr('externalId', 'String', { caseExact: true })];
  const published = new Set<string>(['externalid']);
  for (const schema of [core, ...extensions]) {
    const prefix = schema === core ? '' : `${schema.id}:`;
    for (const attribute of attributesOf(schema)) {
      if (schema === core && resourceAttributes.has(attribute.name.toLowerCase())) continue;
      published.add(`${prefix}${attribute.name}`.toLowerCase());
      generated.push(...flatten(prefix, attribute));
    }
  }
  const kept = stored.attributes.filter((attribute) => attribute.anchor || published.has(scimBaseName(attribute.name)));
  const keptNames = new Set(kept.map((attribute) => attribute.name.toLowerCase()));
  // A stored attribute that stands for a whole SCIM attribute (manager, members) replaces its generated parts.
  const added = generated.filter((attribute) => !keptNames.has(attribute.name.toLowerCase()) && !keptNames.has(scimBaseName(attribute.name)));
  return { ...stored, attributes: sortedWithAnchorFirst([...kept, ...added]) };
}

function attributesOf(schema: ScimResource): ScimSchemaAttribute[] {
  const attributes = (schema as { attributes?: unknown }).attributes;
  return Array.isArray(attributes) ? attributes.filter((a): a is ScimSchemaAttribute => typeof a?.name === 'string') : [];
}

function flatten(prefix: string, attribute: ScimSchemaAttribute): AttributeDefinition[] {
  const path = `${prefix}${attribute.name}`;
  if (attribute.type !== 'complex') return [definition(path, attribute, attribute.multiValued ?? false)];
  const parts = (attribute.subAttributes ?? []).filter((sub) => !selectorSubAttributes.has(sub.name));
  if (!attribute.multiValued) return parts.map((sub) => definition(`${path}.${sub.name}`, sub, false));
  // One value per canonical type; values the service does not type cannot be addressed, nor can read-only lists.
  const types = attribute.subAttributes?.find((sub) => sub.name === 'type')?.canonicalValues ?? [];
  if (attribute.mutability === 'readOnly') return [];
  return types.flatMap((type) => parts.map((sub) => definition(`${path}[type eq "${type}"].${sub.name}`, sub, false)));
}

function definition(name: string, attribute: ScimSchemaAttribute, multivalued: boolean): AttributeDefinition {
  return attr(name, graphTypes[attribute.type ?? ''] ?? 'String', {
    multivalued,
    required: attribute.required ?? false,
    caseExact: attribute.caseExact ?? false,
    mutability: mutabilities[attribute.mutability ?? ''] ?? 'ReadWrite',
  });
}

/** The SCIM attribute a sync-schema name addresses, lower-cased: `emails[type eq "work"].value` → `emails`. */
function scimBaseName(name: string): string {
  const urn = /^(urn:.*:)([^:]+)$/i.exec(name);
  const prefix = urn?.[1] ?? '';
  const path = urn?.[2] ?? name;
  return `${prefix}${path.split(/[.[]/)[0] ?? path}`.toLowerCase();
}
