/**
 * RFC 4512 §4.1 schema descriptions, the text a directory publishes in its subschema entry
 * (`attributeTypes`, `objectClasses`, `dITContentRules`). Active Directory quotes SYNTAX OIDs
 * (`SYNTAX '1.3.6.1.4.1.1466.115.121.1.15'`), OpenLDAP appends lengths (`…121.1.15{32768}`); both parse.
 * Extensions (`X-ORDERED 'VALUES'`) and matching rules are read past.
 */
export interface AttributeTypeDescription {
  readonly oid: string;
  /** The first name is the one to use; the others are aliases (`cn`, `commonName`). */
  readonly names: readonly string[];
  readonly sup: string | undefined;
  /** Syntax OID without a length bound; undefined when inherited through `sup`. */
  readonly syntax: string | undefined;
  readonly singleValue: boolean;
  readonly noUserModification: boolean;
}

export type ObjectClassKind = 'abstract' | 'structural' | 'auxiliary';

export interface ObjectClassDescription {
  readonly oid: string;
  readonly names: readonly string[];
  readonly sup: readonly string[];
  readonly kind: ObjectClassKind;
  readonly must: readonly string[];
  readonly may: readonly string[];
}

/** A DIT content rule: the auxiliary classes and extra attributes allowed on entries of one structural class (its oid). */
export interface ContentRuleDescription {
  readonly oid: string;
  readonly names: readonly string[];
  readonly aux: readonly string[];
  readonly must: readonly string[];
  readonly may: readonly string[];
}

export class SchemaDescriptionError extends Error {
  readonly code = 'InvalidSchemaDescription';
}

/** Keywords that stand alone; every other keyword takes one value or a parenthesized list. */
const flags = new Set(['OBSOLETE', 'SINGLE-VALUE', 'COLLECTIVE', 'NO-USER-MODIFICATION', 'ABSTRACT', 'STRUCTURAL', 'AUXILIARY']);

type Fields = ReadonlyMap<string, readonly string[]>;

export function parseAttributeType(text: string): AttributeTypeDescription {
  const { oid, fields } = parseDescription(text);
  return Object.freeze({
    oid,
    names: list(fields, 'NAME'),
    sup: list(fields, 'SUP')[0],
    syntax: list(fields, 'SYNTAX')[0]?.replace(/\{\d*\}$/, ''),
    singleValue: fields.has('SINGLE-VALUE'),
    noUserModification: fields.has('NO-USER-MODIFICATION'),
  });
}

export function parseObjectClass(text: string): ObjectClassDescription {
  const { oid, fields } = parseDescription(text);
  const kind: ObjectClassKind = fields.has('ABSTRACT') ? 'abstract' : fields.has('AUXILIARY') ? 'auxiliary' : 'structural';
  return Object.freeze({ oid, names: list(fields, 'NAME'), sup: list(fields, 'SUP'), kind, must: list(fields, 'MUST'), may: list(fields, 'MAY') });
}

export function parseContentRule(text: string): ContentRuleDescription {
  const { oid, fields } = parseDescription(text);
  return Object.freeze({ oid, names: list(fields, 'NAME'), aux: list(fields, 'AUX'), must: list(fields, 'MUST'), may: list(fields, 'MAY') });
}

function list(fields: Fields, keyword: string): readonly string[] {
  return fields.get(keyword) ?? [];
}

/** `( oid KEYWORD value KEYWORD ( a $ b ) FLAG … )` → the oid and each keyword's values (flags: none). */
function parseDescription(text: string): { oid: string; fields: Fields } {
  const tokens = tokenize(text);
  let position = 0;
  const next = (): string | undefined => tokens[position++];
  const fail = (why: string): never => {
    throw new SchemaDescriptionError(`Unreadable schema description (${why}): ${text.slice(0, 200)}`);
  };
  if (next() !== '(') fail('no opening parenthesis');
  const oid = next();
  if (oid === undefined || oid === '(' || oid === ')') return fail('no OID');
  const fields = new Map<string, string[]>();
  for (let keyword = next(); keyword !== ')'; keyword = next()) {
    if (keyword === undefined) return fail('no closing parenthesis');
    const name = keyword.toUpperCase();
    if (flags.has(name)) {
      fields.set(name, []);
      continue;
    }
    const first = next();
    if (first === undefined || first === ')') return fail(`${keyword} without a value`);
    if (first !== '(') {
      fields.set(name, [unquote(first)]);
      continue;
    }
    const values: string[] = [];
    for (let item = next(); item !== ')'; item = next()) {
      if (item === undefined) return fail(`unclosed list after ${keyword}`);
      if (item !== '$') values.push(unquote(item));
    }
    fields.set(name, values);
  }
  return { oid: unquote(oid), fields };
}

/** Parentheses, `$`, quoted strings (kept with their quotes) and bare words. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    const ch = text[index] as string;
    if (/\s/.test(ch)) {
      index++;
    } else if (ch === '(' || ch === ')' || ch === '$') {
      tokens.push(ch);
      index++;
    } else if (ch === "'") {
      const end = text.indexOf("'", index + 1);
      const stop = end < 0 ? text.length : end + 1;
      tokens.push(text.slice(index, stop));
      index = stop;
    } else {
      let end = index;
      while (end < text.length && !/[\s()$']/.test(text[end] as string)) end++;
      tokens.push(text.slice(index, end));
      index = end;
    }
  }
  return tokens;
}

function unquote(token: string): string {
  return token.startsWith("'") ? token.slice(1, token.endsWith("'") && token.length > 1 ? -1 : undefined) : token;
}
