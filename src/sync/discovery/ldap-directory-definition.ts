import type { DirectorySchema, LdapValueSyntax } from '../../connectors/ldap/index.js';
import type { AttributeDefinition, AttributeType, DirectoryDefinition, ObjectDefinition } from '../schema/index.js';
import { attr } from '../templates/builder/schema-builders.js';
import { activeDirectoryComputedAttributes } from '../templates/directories/active-directory.js';

const graphTypes: Readonly<Record<LdapValueSyntax, AttributeType>> = {
  string: 'String',
  integer: 'Integer',
  boolean: 'Boolean',
  binary: 'Binary',
  time: 'DateTime',
  dn: 'Reference',
};

const computed = new Set(activeDirectoryComputedAttributes.map((name) => name.toLowerCase()));

/**
 * A directory definition from a directory's live schema: each object of the stored definition (`user`,
 * `inetOrgPerson`, `group`, `contact`) with every attribute its object class allows — inherited and from
 * auxiliary classes — typed by syntax (DN syntax: Reference), multi-valued unless SINGLE-VALUE, read-only when
 * the server maintains it. What the stored definition says about an attribute it also has (anchor, referenced
 * objects, read-only, …) is kept; so are its computed attributes, which no schema has. Objects whose class the
 * directory lacks are left out.
 */
export function ldapDirectoryDefinition(schema: DirectorySchema, stored: DirectoryDefinition): DirectoryDefinition {
  const objects = stored.objects.flatMap((object) => {
    const discovered = ldapObjectDefinition(schema, object);
    return discovered === undefined ? [] : [discovered];
  });
  return { ...stored, discoverabilities: 'AttributeNames, AttributeDataTypes, AttributeReadOnly, ReferenceAttributes', objects };
}

function ldapObjectDefinition(schema: DirectorySchema, stored: ObjectDefinition): ObjectDefinition | undefined {
  const allowed = schema.attributesOf(stored.name);
  if (allowed === undefined) return undefined;
  const known = new Map(stored.attributes.map((attribute) => [attribute.name.toLowerCase(), attribute]));
  const attributes: AttributeDefinition[] = allowed.map(({ type }) => {
    const previous = known.get(type.name.toLowerCase());
    known.delete(type.name.toLowerCase());
    return {
      ...(previous ?? attr(type.name)),
      name: type.name,
      type: graphTypes[type.valueSyntax],
      multivalued: !type.singleValued,
      mutability: type.readOnly ? 'ReadOnly' : (previous?.mutability ?? 'ReadWrite'),
    };
  });
  // The anchor stays even where the directory names it otherwise (entryUUID on OpenLDAP): a definition needs one.
  for (const attribute of known.values()) if (attribute.anchor || computed.has(attribute.name.toLowerCase())) attributes.push(attribute);
  return { ...stored, attributes: sortedWithAnchorFirst(attributes) };
}

export function sortedWithAnchorFirst(attributes: readonly AttributeDefinition[]): AttributeDefinition[] {
  return [...attributes].sort((a, b) => Number(b.anchor) - Number(a.anchor) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}
