import type { AdvancedFeature } from './advanced-feature.js';
import {
  findName,
  findProperty,
  isCollection,
  type FilterOperator,
  type PropertyType,
  type ResolvedProperty,
  type ResourceCatalog,
  type SqlSource,
  type ValueSpec,
} from './catalog.js';
import { InvalidFilterError, UnsupportedFilterError } from './errors.js';
import type {
  CaseFunction,
  ComparisonOperator,
  FilterExpression,
  LiteralNode,
  LiteralValue,
  ParsedFilter,
  PropertyNode,
  StringFunction,
  ValueNode,
} from './filter-ast.js';

/**
 * Binding checks a parsed filter against a resource catalog (property names, operators, literal types) and
 * produces the tree both back ends compile. All semantic decisions — case folding, literal normalization,
 * which side is the property — happen here once, so the in-memory and SQL results cannot drift apart.
 */

/** A normalized literal: date-times as ISO strings, dates as midnight UTC, GUIDs lower-case. */
export type BoundLiteral = string | number | boolean | null;

/** Where a compared value comes from: the entity, or the current element of a lambda. */
export interface BoundTarget {
  readonly source: 'entity' | 'element';
  /** Canonical name, for messages (`appId`, `identities/issuer`). */
  readonly name: string;
  /** Path inside the entity (source `entity`) or inside the element (`[]` for a primitive element). */
  readonly path: readonly string[];
  readonly sql: SqlSource | undefined;
  readonly type: PropertyType;
  /** Compare case-insensitively. */
  readonly fold: boolean;
  readonly transform: CaseFunction | undefined;
}

export interface BoundCollection {
  readonly name: string;
  readonly path: readonly string[];
  readonly sql: SqlSource | undefined;
  readonly elements: 'primitive' | 'object';
}

export type BoundExpression =
  | { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly target: BoundTarget; readonly value: BoundLiteral }
  | { readonly kind: 'in'; readonly target: BoundTarget; readonly values: readonly BoundLiteral[] }
  | { readonly kind: 'string'; readonly fn: StringFunction; readonly target: BoundTarget; readonly value: string }
  | { readonly kind: 'and' | 'or'; readonly left: BoundExpression; readonly right: BoundExpression }
  | { readonly kind: 'not'; readonly operand: BoundExpression }
  | {
      readonly kind: 'lambda';
      readonly operator: 'any' | 'all';
      readonly collection: BoundCollection;
      readonly body: BoundExpression | undefined;
    };

export interface BoundFilter {
  readonly expression: BoundExpression;
  /** Advanced-query features the filter uses (see advanced-query.ts). */
  readonly advanced: readonly AdvancedFeature[];
}

export function bindFilter(filter: ParsedFilter, catalog: ResourceCatalog): BoundFilter {
  const binder = new Binder(filter.text, catalog);
  const expression = binder.bind(filter.expression, undefined);
  return Object.freeze({ expression, advanced: Object.freeze(binder.advanced) });
}

interface LambdaScope {
  readonly variable: string;
  readonly collectionName: string;
  readonly element: ValueSpec | { readonly members: Readonly<Record<string, ValueSpec>> };
}

const MIRRORED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge',
};
const OPERATOR_KIND: Readonly<Record<ComparisonOperator | 'in', string>> = {
  eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual', in: 'In',
};
const EDM_TYPE: Readonly<Record<PropertyType | LiteralValue['type'], string>> = {
  string: 'Edm.String', guid: 'Edm.Guid', number: 'Edm.Double', boolean: 'Edm.Boolean', datetime: 'Edm.DateTimeOffset',
  date: 'Edm.Date', null: 'null',
};
/** Operators Graph always treats as advanced on directory objects. */
const ALWAYS_ADVANCED: ReadonlySet<string> = new Set(['ne', 'not', 'endswith']);

class Binder {
  readonly advanced: AdvancedFeature[] = [];

  constructor(
    private readonly text: string,
    private readonly catalog: ResourceCatalog,
  ) {}

  bind(node: FilterExpression, scope: LambdaScope | undefined): BoundExpression {
    switch (node.kind) {
      case 'and':
      case 'or':
        return Object.freeze({ kind: node.kind, left: this.bind(node.left, scope), right: this.bind(node.right, scope) });
      case 'not':
        this.note('not', undefined);
        return Object.freeze({ kind: 'not', operand: this.bind(node.operand, scope) });
      case 'comparison':
        return this.bindComparison(node.operator, node.left, node.right, node.position, scope);
      case 'in': {
        const { target, spec } = this.bindTarget(node.operand, 'in', scope);
        const values = node.values.map((literal) => this.literal(literal, target.type, 'in'));
        if (values.includes(null)) throw new UnsupportedFilterError(target.name, this.catalog.resource);
        this.checkOperator(target.name, spec, 'in');
        return Object.freeze({ kind: 'in', target, values: Object.freeze(values) });
      }
      case 'call': {
        const { target, spec } = this.bindTarget(node.target, node.fn, scope);
        if (target.type !== 'string' || node.argument.kind !== 'literal' || node.argument.literal.type !== 'string') {
          throw new InvalidFilterError(
            'FilterType',
            `No function signature for the function with name '${node.fn}' matches the specified arguments. The function signatures considered are: ${node.fn}(Edm.String Nullable=true, Edm.String Nullable=true).`,
            node.position,
          );
        }
        this.checkOperator(target.name, spec, node.fn);
        return Object.freeze({ kind: 'string', fn: node.fn, target, value: node.argument.literal.value });
      }
      case 'lambda':
        return this.bindLambda(node.operator, node.collection, node.variable, node.body, scope);
    }
  }

  private bindComparison(
    operator: ComparisonOperator,
    left: ValueNode,
    right: ValueNode,
    position: number,
    scope: LambdaScope | undefined,
  ): BoundExpression {
    // Graph accepts the literal on either side; normalize to `property op literal`.
    const [valueSide, literalSide, op] =
      left.kind === 'literal' ? [right, left, MIRRORED[operator]] : [left, right, operator];
    if (literalSide.kind !== 'literal' || valueSide.kind === 'literal') {
      throw new InvalidFilterError(
        'FilterType',
        `The comparison at position ${position} in '${this.text}' must compare a property with a literal value.`,
        position,
      );
    }
    const { target, spec } = this.bindTarget(valueSide, op, scope);
    const value = this.literal(literalSide, target.type, op);
    if (value === null && op !== 'eq' && op !== 'ne') throw new UnsupportedFilterError(target.name, this.catalog.resource);
    this.checkOperator(target.name, spec, op);
    return Object.freeze({ kind: 'compare', operator: op, target, value });
  }

  private bindLambda(
    operator: 'any' | 'all',
    collectionNode: PropertyNode,
    variable: string | undefined,
    body: FilterExpression | undefined,
    scope: LambdaScope | undefined,
  ): BoundExpression {
    const name = collectionNode.path.join('/');
    // Lambdas over a range variable (nested lambdas) are not offered.
    if (collectionNode.variable !== undefined || scope !== undefined) {
      throw new UnsupportedFilterError(scope?.collectionName ?? name, this.catalog.resource);
    }
    const found = this.lookup(collectionNode);
    if (!isCollection(found.spec) || !found.spec.lambdas.includes(operator)) {
      throw new UnsupportedFilterError(found.name, this.catalog.resource);
    }
    const element = found.spec.collection;
    const collection: BoundCollection = Object.freeze({
      name: found.name,
      path: Object.freeze(found.name.split('/')),
      sql: found.spec.sql,
      elements: 'members' in element ? 'object' : 'primitive',
    });
    const boundBody =
      body === undefined || variable === undefined
        ? undefined
        : this.bind(body, { variable, collectionName: found.name, element });
    return Object.freeze({ kind: 'lambda', operator, collection, body: boundBody });
  }

  private bindTarget(
    node: ValueNode,
    operator: string,
    scope: LambdaScope | undefined,
  ): { target: BoundTarget; spec: ValueSpec } {
    if (node.kind === 'case') {
      if (node.operand.kind !== 'property') throw this.caseSignatureError(node.fn, node.position);
      const inner = this.bindTarget(node.operand, operator, scope);
      if (inner.target.type !== 'string') throw this.caseSignatureError(node.fn, node.position);
      return { target: Object.freeze({ ...inner.target, transform: node.fn }), spec: inner.spec };
    }
    if (node.kind === 'literal') {
      throw new InvalidFilterError(
        'FilterType',
        `The operand at position ${node.position} of '${operator}' in '${this.text}' must be a property.`,
        node.position,
      );
    }
    if (node.variable !== undefined) return this.bindElement(node, scope);
    const found = this.lookup(node);
    if (isCollection(found.spec) || !found.spec.filter?.length) {
      throw new UnsupportedFilterError(found.name, this.catalog.resource);
    }
    return {
      target: Object.freeze({
        source: 'entity',
        name: found.name,
        path: Object.freeze(found.name.split('/')),
        sql: found.spec.sql,
        type: found.spec.type,
        fold: folds(found.spec),
        transform: undefined,
      }),
      spec: found.spec,
    };
  }

  private bindElement(node: PropertyNode, scope: LambdaScope | undefined): { target: BoundTarget; spec: ValueSpec } {
    if (scope === undefined || node.variable !== scope.variable) {
      throw new UnsupportedFilterError(node.path.join('/'), this.catalog.resource);
    }
    const element = scope.element;
    let spec: ValueSpec | undefined;
    let path: readonly string[] = [];
    if ('members' in element) {
      const [member, ...rest] = node.path;
      const name = member === undefined || rest.length > 0 ? undefined : findName(Object.keys(element.members), member);
      spec = name === undefined ? undefined : element.members[name];
      path = name === undefined ? [] : [name];
    } else if (node.path.length === 0) {
      spec = element;
    }
    const name = [scope.collectionName, ...path].join('/');
    if (spec === undefined || !spec.filter?.length) throw new UnsupportedFilterError(name, this.catalog.resource);
    return {
      target: Object.freeze({
        source: 'element',
        name,
        path: Object.freeze(path),
        sql: undefined,
        type: spec.type,
        fold: folds(spec),
        transform: undefined,
      }),
      spec,
    };
  }

  private lookup(node: PropertyNode): ResolvedProperty {
    const path = node.path.join('/');
    const found = findProperty(this.catalog, path);
    if (found !== undefined) return found;
    const first = node.path[0] ?? '';
    if (this.catalog.selectable !== undefined && findName(this.catalog.selectable, first) === undefined) {
      throw new InvalidFilterError(
        'UnknownProperty',
        `Could not find a property named '${first}' on type '${this.catalog.entityType}'.`,
        node.position,
      );
    }
    throw new UnsupportedFilterError(path, this.catalog.resource);
  }

  private checkOperator(name: string, spec: ValueSpec, operator: FilterOperator): void {
    if (!spec.filter?.includes(operator)) throw new UnsupportedFilterError(name, this.catalog.resource);
    if (spec.advanced?.includes(operator) || ALWAYS_ADVANCED.has(operator)) this.note(operator, name);
  }

  private note(operator: string, property: string | undefined): void {
    this.advanced.push(Object.freeze({ kind: 'operator', operator, property }));
  }

  private literal(node: LiteralNode, type: PropertyType, operator: ComparisonOperator | 'in'): BoundLiteral {
    const literal = node.literal;
    if (literal.type === 'null') return null;
    const compatible =
      literal.type === type || (type === 'datetime' && literal.type === 'date');
    if (!compatible) {
      throw new InvalidFilterError(
        'FilterType',
        `A binary operator with incompatible types was detected. Found operand types '${EDM_TYPE[type]}' and '${EDM_TYPE[literal.type]}' for operator kind '${OPERATOR_KIND[operator]}'.`,
        node.position,
      );
    }
    return literal.type === 'date' ? `${literal.value}T00:00:00.000Z` : literal.value;
  }

  private caseSignatureError(fn: CaseFunction, position: number): InvalidFilterError {
    return new InvalidFilterError(
      'FilterType',
      `No function signature for the function with name '${fn}' matches the specified arguments. The function signatures considered are: ${fn}(Edm.String Nullable=true).`,
      position,
    );
  }
}

function folds(spec: ValueSpec): boolean {
  return (spec.type === 'string' || spec.type === 'guid') && spec.caseSensitive !== true;
}
