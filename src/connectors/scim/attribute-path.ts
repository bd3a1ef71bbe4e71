import { ScimAttributePathError } from './scim-errors.js';

/**
 * A target attribute path as attribute mappings write them (engine-behavior §2.4 "Path formats used"):
 * `userName`, `name.givenName`, `emails[type eq "work"].value`, `roles[primary eq "True"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`, and custom extension URNs.
 */
export interface AttributePath {
  /** The path exactly as given, used verbatim on the wire. */
  readonly text: string;
  /** Extension schema URN when the path is `urn:...:<attribute>`; undefined for core attributes. */
  readonly schema: string | undefined;
  readonly attribute: string;
  /** `[type eq "work"]`: selects one element of a multi-valued attribute. */
  readonly filter: { readonly attribute: string; readonly value: string } | undefined;
  readonly subAttribute: string | undefined;
}

const name = '[A-Za-z$][A-Za-z0-9_$-]*';
const attributePattern = new RegExp(
  `^(${name})(?:\\[\\s*(${name})\\s+eq\\s+(?:"((?:[^"\\\\]|\\\\.)*)"|([A-Za-z0-9_.@-]+))\\s*\\])?(?:\\.(${name}))?$`,
  'i',
);

/**
 * Sub-attribute names of the core schema in their canonical spelling. Attribute names are case-insensitive
 * (RFC 7643 §2.1) and mappings carry oddities such as `emails[type eq "other"].Value`; bodies are built with
 * the canonical spelling.
 */
const canonicalNames = new Map(
  [
    'value', 'display', 'type', 'primary', '$ref', 'formatted', 'familyName', 'givenName', 'middleName',
    'honorificPrefix', 'honorificSuffix', 'streetAddress', 'locality', 'region', 'postalCode', 'country',
  ].map((canonical) => [canonical.toLowerCase(), canonical]),
);

export function canonicalSubAttribute(attribute: string): string {
  return canonicalNames.get(attribute.toLowerCase()) ?? attribute;
}

/** Paths come from attribute mappings, a small set parsed for every object: each is parsed once. */
const parsed = new Map<string, AttributePath>();

export function parseAttributePath(text: string): AttributePath {
  let path = parsed.get(text);
  if (path === undefined) {
    path = parse(text);
    if (parsed.size < 10_000) parsed.set(text, path);
  }
  return path;
}

function parse(text: string): AttributePath {
  let schema: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    // The attribute follows the last colon before any filter: `urn:...:2.0:User:manager`.
    const bracket = text.indexOf('[');
    const colon = text.lastIndexOf(':', bracket === -1 ? undefined : bracket);
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (schema.split(':').length < 4) throw new ScimAttributePathError(text, 'extension URN has no attribute');
  }
  const match = attributePattern.exec(rest);
  if (!match) throw new ScimAttributePathError(text, 'expected attr, attr.sub or attr[sub eq "value"].sub');
  const [, attribute, filterAttribute, quoted, bare, subAttribute] = match;
  const filterValue = quoted === undefined ? bare : (JSON.parse(`"${quoted}"`) as string);
  return Object.freeze({
    text,
    schema,
    attribute: attribute!,
    filter:
      filterAttribute === undefined
        ? undefined
        : Object.freeze({ attribute: canonicalSubAttribute(filterAttribute), value: filterValue! }),
    subAttribute: subAttribute === undefined ? undefined : canonicalSubAttribute(subAttribute),
  });
}
