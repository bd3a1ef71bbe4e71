import {
  parseAttributeType,
  parseContentRule,
  parseObjectClass,
  type AttributeTypeDescription,
  type ContentRuleDescription,
  type ObjectClassDescription,
} from './schema-description.js';

/** How an attribute's values are written: what a sync schema calls its type. */
export type LdapValueSyntax = 'string' | 'integer' | 'boolean' | 'binary' | 'time' | 'dn';

/** LDAP syntax OIDs (RFC 4517, and the ones Active Directory adds) that are not plain text. */
const syntaxes: Readonly<Record<string, LdapValueSyntax>> = {
  '1.3.6.1.4.1.1466.115.121.1.27': 'integer',
  '1.2.840.113556.1.4.906': 'integer', // AD Large-Integer (FILETIME, USN)
  '1.3.6.1.4.1.1466.115.121.1.7': 'boolean',
  '1.3.6.1.4.1.1466.115.121.1.12': 'dn',
  '1.3.6.1.4.1.1466.115.121.1.24': 'time', // GeneralizedTime
  '1.3.6.1.4.1.1466.115.121.1.53': 'time', // UTCTime
  '1.3.6.1.4.1.1466.115.121.1.40': 'binary', // Octet String (AD: objectGUID, objectSid, msExch hashes)
  '1.3.6.1.4.1.1466.115.121.1.5': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.8': 'binary', // Certificate
  '1.3.6.1.4.1.1466.115.121.1.9': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.10': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.28': 'binary', // JPEG
  '1.2.840.113556.1.4.907': 'binary', // AD NT-Sec-Desc
};

export interface LdapAttributeType {
  readonly name: string;
  readonly oid: string;
  /** Syntax OID, inherited through SUP where the type does not name one. */
  readonly syntax: string | undefined;
  readonly valueSyntax: LdapValueSyntax;
  readonly singleValued: boolean;
  /** NO-USER-MODIFICATION: the server maintains it (objectGUID, whenCreated). */
  readonly readOnly: boolean;
}

export interface LdapClassAttribute {
  readonly type: LdapAttributeType;
  /** In a MUST list of the class, a superclass or an auxiliary class. */
  readonly required: boolean;
}

export interface DirectorySchemaSource {
  readonly attributeTypes: readonly string[];
  readonly objectClasses: readonly string[];
  readonly contentRules?: readonly string[];
}

/**
 * A directory's schema as its subschema entry publishes it: attribute types with their syntax, and for each
 * object class every attribute its entries may hold — its own MUST/MAY, those of its superclasses, and those
 * of the auxiliary classes its DIT content rule allows (Active Directory lists an AD class's system auxiliary
 * classes, e.g. mailRecipient for user and contact, there). Names compare case-insensitively.
 */
export class DirectorySchema {
  readonly #types = new Map<string, LdapAttributeType>();
  readonly #classes = new Map<string, ObjectClassDescription>();
  /** By the lower-cased oid and names of the structural class they apply to. */
  readonly #rules = new Map<string, ContentRuleDescription>();

  static parse(source: DirectorySchemaSource): DirectorySchema {
    return new DirectorySchema(
      source.attributeTypes.map(parseAttributeType),
      source.objectClasses.map(parseObjectClass),
      (source.contentRules ?? []).map(parseContentRule),
    );
  }

  constructor(types: readonly AttributeTypeDescription[], classes: readonly ObjectClassDescription[], rules: readonly ContentRuleDescription[] = []) {
    const descriptions = new Map<string, AttributeTypeDescription>();
    for (const type of types) for (const key of [type.oid, ...type.names]) descriptions.set(key.toLowerCase(), type);
    for (const type of types) {
      const resolved = resolveType(type, descriptions);
      for (const key of [type.oid, ...type.names]) this.#types.set(key.toLowerCase(), resolved);
    }
    for (const objectClass of classes) for (const key of [objectClass.oid, ...objectClass.names]) this.#classes.set(key.toLowerCase(), objectClass);
    for (const rule of rules) for (const key of [rule.oid, ...rule.names]) this.#rules.set(key.toLowerCase(), rule);
  }

  attribute(name: string): LdapAttributeType | undefined {
    return this.#types.get(name.toLowerCase());
  }

  /** The class's name as the schema spells it, or undefined when the schema has no such class. */
  objectClassName(name: string): string | undefined {
    const found = this.#classes.get(name.toLowerCase());
    return found === undefined ? undefined : (found.names[0] ?? found.oid);
  }

  /** Every attribute an entry of the class may hold, in schema order; undefined when the class is unknown. */
  attributesOf(className: string): readonly LdapClassAttribute[] | undefined {
    const start = this.#classes.get(className.toLowerCase());
    if (start === undefined) return undefined;
    const must = new Set<string>();
    const may = new Set<string>();
    const visited = new Set<ObjectClassDescription>();
    const visit = (objectClass: ObjectClassDescription | undefined): void => {
      if (objectClass === undefined || visited.has(objectClass)) return;
      visited.add(objectClass);
      for (const name of objectClass.must) must.add(name.toLowerCase());
      for (const name of objectClass.may) may.add(name.toLowerCase());
      for (const parent of objectClass.sup) visit(this.#classes.get(parent.toLowerCase()));
      const rule = this.#rules.get(objectClass.oid.toLowerCase()) ?? objectClass.names.map((n) => this.#rules.get(n.toLowerCase())).find((r) => r !== undefined);
      if (rule === undefined) return;
      for (const name of rule.must) must.add(name.toLowerCase());
      for (const name of rule.may) may.add(name.toLowerCase());
      for (const aux of rule.aux) visit(this.#classes.get(aux.toLowerCase()));
    };
    visit(start);
    const result = new Map<string, LdapClassAttribute>();
    for (const name of [...must, ...may]) {
      const type = this.#types.get(name);
      if (type !== undefined && !result.has(type.name.toLowerCase())) result.set(type.name.toLowerCase(), Object.freeze({ type, required: must.has(name) }));
    }
    return [...result.values()];
  }

  /** Whether entries of the class may hold the attribute (false when either is unknown). */
  allows(className: string, attribute: string): boolean {
    const type = this.attribute(attribute);
    return type !== undefined && (this.attributesOf(className)?.some((a) => a.type === type) ?? false);
  }
}

function resolveType(type: AttributeTypeDescription, all: ReadonlyMap<string, AttributeTypeDescription>): LdapAttributeType {
  let syntax = type.syntax;
  const seen = new Set<AttributeTypeDescription>([type]);
  for (let parent = type.sup && all.get(type.sup.toLowerCase()); syntax === undefined && parent && !seen.has(parent); parent = parent.sup && all.get(parent.sup.toLowerCase())) {
    seen.add(parent);
    syntax = parent.syntax;
  }
  return Object.freeze({
    name: type.names[0] ?? type.oid,
    oid: type.oid,
    syntax,
    valueSyntax: (syntax && syntaxes[syntax]) || 'string',
    singleValued: type.singleValue,
    readOnly: type.noUserModification,
  });
}
