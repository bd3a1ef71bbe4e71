import { ExpressionError, IgnoreAttributeFlow, IgnoreObjectFlow, type AppRoleAssignment, type EvaluationContext, type ExpressionValue } from '../../expressions/index.js';
import { ObjectFailure } from '../engine-errors.js';
import type { CompiledAttributeMapping } from '../mapping/compiled-mapping.js';
import { toExportValue } from './export-values.js';

export interface MappingInput {
  readonly attribute: (name: string) => unknown;
  readonly appRoleAssignments: readonly AppRoleAssignment[];
  readonly now: () => Date;
  /** SelectUniqueValue's oracle for a target attribute: true when no target object holds the value. */
  readonly isUnique?: (targetPath: string, value: string) => Promise<boolean>;
}

export interface MappedValues {
  /** Target attribute path → value to export. Attributes that do not flow are absent. */
  readonly values: ReadonlyMap<string, unknown>;
  /** Paths whose mapping uses Redact. */
  readonly redacted: ReadonlySet<string>;
  /** An expression returned IgnoreObjectFlow: the object is skipped. */
  readonly skipObject: boolean;
  /**
   * Every target path the evaluated mappings write, with or without a value: a create body lists the schemas
   * of all of them (the hosted body names the enterprise extension even when its attributes are null).
   */
  readonly mappedPaths: readonly string[];
}

/**
 * Evaluates the value mappings of an object (expressions-spec §7.3–7.5):
 * - `ObjectAddOnly` flows only when the object is created;
 * - a null (or empty multi-valued) result is not provisioned, except that on create the mapping's
 *   defaultValue is used; a "None" mapping (no source) supplies only that default, only on create;
 * - IgnoreAttributeFlow drops the attribute, IgnoreObjectFlow skips the object;
 * - an evaluation error fails the object (`ExpressionEvaluationFailed`, not retried until it changes).
 */
export async function mapAttributes(
  mappings: readonly CompiledAttributeMapping[],
  input: MappingInput,
  mode: 'create' | 'update',
): Promise<MappedValues> {
  const values = new Map<string, unknown>();
  const redacted = new Set<string>();
  const mappedPaths: string[] = [];
  for (const mapping of mappings) {
    if (mapping.flowType === 'ObjectAddOnly' && mode === 'update') continue;
    mappedPaths.push(mapping.targetPath);
    let result: ExpressionValue = null;
    if (mapping.expression !== null) {
      result = await evaluate(mapping, input);
      if (result === IgnoreObjectFlow) return { values, redacted, skipObject: true, mappedPaths };
      if (result === IgnoreAttributeFlow) continue;
    }
    let value = toExportValue(result);
    if (value === undefined && mode === 'create' && mapping.defaultValue !== null) value = mapping.defaultValue;
    if (value === undefined) continue;
    values.set(mapping.targetPath, value);
    if (mapping.redacts) redacted.add(mapping.targetPath);
  }
  return { values, redacted, skipObject: false, mappedPaths };
}

/** A reference mapping's source ids (`manager`: one id or null; `members`: a list). */
export function evaluateReference(mapping: CompiledAttributeMapping, input: MappingInput): string | readonly string[] | null {
  if (mapping.expression === null) return null;
  const result = evaluateSync(mapping, input);
  if (result === null || typeof result === 'symbol') return null;
  if (Array.isArray(result)) return result.map(String);
  return mapping.reference === 'multi' ? [String(result)] : String(result);
}

/** The evaluation context of one object; SelectUniqueValue's oracle needs the mapping's target path. */
function context(mapping: CompiledAttributeMapping, input: MappingInput): EvaluationContext {
  const isUnique = input.isUnique;
  return {
    attribute: input.attribute,
    now: input.now,
    appRoleAssignments: input.appRoleAssignments,
    ...(isUnique ? { isUnique: (value: string) => isUnique(mapping.targetPath, value) } : {}),
  };
}

/** Synchronous expressions share one context per object (built on first use): no oracle, no per-mapping objects. */
const sharedContexts = new WeakMap<MappingInput, EvaluationContext>();

function syncContext(input: MappingInput): EvaluationContext {
  let shared = sharedContexts.get(input);
  if (!shared) {
    shared = { attribute: input.attribute, now: input.now, appRoleAssignments: input.appRoleAssignments };
    sharedContexts.set(input, shared);
  }
  return shared;
}

async function evaluate(mapping: CompiledAttributeMapping, input: MappingInput): Promise<ExpressionValue> {
  const expression = mapping.expression!;
  if (!expression.requiresAsync) return evaluateSync(mapping, input);
  try {
    return await expression.evaluateAsync(context(mapping, input));
  } catch (error) {
    throw evaluationFailure(mapping, error);
  }
}

function evaluateSync(mapping: CompiledAttributeMapping, input: MappingInput): ExpressionValue {
  try {
    return mapping.expression!.evaluate(syncContext(input));
  } catch (error) {
    throw evaluationFailure(mapping, error);
  }
}

function evaluationFailure(mapping: CompiledAttributeMapping, error: unknown): unknown {
  if (error instanceof ObjectFailure) return error;
  if (!(error instanceof ExpressionError)) return error;
  return new ObjectFailure('ExpressionEvaluationFailed', `The mapping to '${mapping.targetPath}' failed: ${error.message}`, {
    retryable: false,
    recommendedAction: 'Fix the attribute mapping expression or the source value it reads.',
    cause: error,
  });
}
