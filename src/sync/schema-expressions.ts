import {
  ExpressionError,
  ScopingFilterError,
  compileExpression,
  compileScopingFilter,
  fromAttributeMappingSource,
  type Dialect,
  type GraphFilter,
} from '../expressions/index.js';
import type { GraphErrorDetail } from '../errors/graph-error.js';
import { findAttributeDefinition, findDirectory, findObjectDefinition, type SynchronizationSchema } from './schema/index.js';

/**
 * Compiles every attribute mapping and scoping filter of a schema in the job's expression dialect, so a
 * mistake (syntax, unknown function, wrong arity, unknown source attribute, unknown filter operator) is
 * reported when the schema is saved rather than on the first object a cycle meets.
 */
export function findExpressionProblems(schema: SynchronizationSchema, dialect: Dialect): GraphErrorDetail[] {
  const problems: GraphErrorDetail[] = [];
  schema.synchronizationRules.forEach((rule, ruleIndex) => {
    const sourceDirectory = findDirectory(schema, rule.sourceDirectoryName);
    rule.objectMappings.forEach((objectMapping, mappingIndex) => {
      const at = `synchronizationRules[${ruleIndex}].objectMappings[${mappingIndex}]`;
      const sourceObject = sourceDirectory ? findObjectDefinition(sourceDirectory, objectMapping.sourceObjectName) : undefined;
      const knownAttribute = sourceObject ? (name: string) => findAttributeDefinition(sourceObject, name) !== undefined : undefined;
      objectMapping.attributeMappings.forEach((mapping, index) => {
        if (mapping.source === null) return;
        try {
          compileExpression(fromAttributeMappingSource(mapping.source), { dialect, ...(knownAttribute ? { knownAttribute } : {}) });
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          problems.push({
            code: error.code,
            message: `The mapping to '${mapping.targetAttributeName}' in '${objectMapping.name}' is invalid: ${error.message}`,
            target: `${at}.attributeMappings[${index}].source`,
          });
        }
      });
      try {
        compileScopingFilter(objectMapping.scope as GraphFilter | null, { dialect });
      } catch (error) {
        if (!(error instanceof ScopingFilterError)) throw error;
        problems.push({ code: error.code, message: `The scoping filter of '${objectMapping.name}' is invalid: ${error.message}`, target: `${at}.scope` });
      }
    });
  });
  return problems;
}
