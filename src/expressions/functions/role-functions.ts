import type { AppRoleAssignment, EvaluationContext } from '../context.js';
import { normalizeAttributeValue } from '../coerce.js';
import { ExpressionEvaluationError } from '../errors.js';
import { parameter } from '../function-definition.js';
import type { BuildSite, FunctionDefinition, Thunk } from '../function-definition.js';
import type { ComplexValue, ExpressionValue } from '../values.js';
import { APP_PROVISIONING, BOTH } from './dialects.js';

/*
 * The role functions read the user's app role assignments from the evaluation context (the
 * `[appRoleAssignments]` argument names them but is not a plain attribute). When the context has none, the
 * argument's own value is used if it is a list of assignment objects.
 */

function isAssignment(value: unknown): value is AppRoleAssignment {
  return typeof value === 'object' && value !== null && typeof (value as { appRoleId?: unknown }).appRoleId === 'string';
}

function assignmentsFrom(site: BuildSite): (context: EvaluationContext) => readonly AppRoleAssignment[] {
  const node = site.nodes[0];
  const argument: Thunk | undefined = site.args[0];
  const attributeName = node?.kind === 'attribute' ? node.name : undefined;
  return (context) => {
    if (context.appRoleAssignments) return context.appRoleAssignments;
    const raw: unknown = attributeName !== undefined ? context.attribute(attributeName) : argument ? argument(context) : null;
    const value = attributeName !== undefined ? normalizeAttributeValue(raw) : (raw as ExpressionValue);
    if (value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    if (!list.every(isAssignment)) {
      throw new ExpressionEvaluationError('TypeMismatch', 'expected app role assignments (objects with appRoleId)', { functionName: site.functionName });
    }
    return list as readonly AppRoleAssignment[];
  };
}

function complexRole(assignment: AppRoleAssignment): ComplexValue {
  return Object.freeze({
    primary: false,
    type: 'WindowsAzureActiveDirectoryRole',
    displayName: assignment.displayName ?? null,
    value: assignment.value ?? null,
  });
}

const source = [parameter('source')];

export const SingleAppRoleAssignment: FunctionDefinition = {
  name: 'SingleAppRoleAssignment',
  dialects: BOTH,
  signatures: [{ parameters: source }],
  // "Which one is unpredictable if there are several": the first, so results are at least stable.
  build: (site) => {
    const assignments = assignmentsFrom(site);
    return (context) => {
      const first = assignments(context)[0];
      return first ? (first.value ?? first.displayName ?? null) : null;
    };
  },
};

export const AppRoleAssignmentsComplex: FunctionDefinition = {
  name: 'AppRoleAssignmentsComplex',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: source }],
  build: (site) => {
    const assignments = assignmentsFrom(site);
    return (context) => Object.freeze(assignments(context).map(complexRole));
  },
};

/** Same values as AppRoleAssignmentsComplex; the engine replaces (rather than adds to) the target's roles. */
export const AssertiveAppRoleAssignmentsComplex: FunctionDefinition = {
  name: 'AssertiveAppRoleAssignmentsComplex',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: source }],
  build: (site) => {
    const assignments = assignmentsFrom(site);
    return (context) => Object.freeze(assignments(context).map(complexRole));
  },
};

export const AppRoleAssignments: FunctionDefinition = {
  name: 'AppRoleAssignments',
  dialects: APP_PROVISIONING,
  undocumented: true,
  signatures: [{ parameters: source }],
  build: (site) => {
    const assignments = assignmentsFrom(site);
    return (context) => Object.freeze(assignments(context).flatMap((a) => (a.value ?? a.displayName ?? null) === null ? [] : [(a.value ?? a.displayName)!]));
  },
};

export const DefaultDomain: FunctionDefinition = {
  name: 'DefaultDomain',
  dialects: APP_PROVISIONING,
  undocumented: true,
  signatures: [{ parameters: [] }],
  build: () => (context) => {
    if (context.defaultDomain === undefined) {
      throw new ExpressionEvaluationError('MissingContext', "the tenant's default domain is not available", { functionName: 'DefaultDomain' });
    }
    return context.defaultDomain;
  },
};
