/**
 * The attribute-mapping expression language and scoping filters of the provisioning service
 * (docs/expressions.md). Parse once, compile once per schema, evaluate per object.
 */
export type {
  AttributeNode,
  CallNode,
  ComparisonNode,
  ComparisonOperator,
  ConcatNode,
  Expression,
  Keyword,
  KeywordNode,
  NumberNode,
  Operand,
  SourcePosition,
  StringNode,
  Term,
} from './ast.js';
export { KEYWORDS, COMPARISON_OPERATORS } from './ast.js';
export type { Dialect } from './dialect.js';
export { DIALECTS } from './dialect.js';
export { parseExpression } from './parser.js';
export { printExpression } from './printer.js';
export { compileExpression } from './compiler.js';
export type { CompileOptions, CompiledExpression, ExpressionWarning } from './compiler.js';
export type { CompatibilityOptions } from './function-definition.js';
export type { AppRoleAssignment, EvaluationContext } from './context.js';
export { IgnoreAttributeFlow, IgnoreObjectFlow, isFlowSentinel } from './values.js';
export type { ComplexValue, ExpressionValue, FlowSentinel, MultiValue, ScalarValue } from './values.js';
export { DateTimeValue } from './date-time-value.js';
export { evaluationResultStrings } from './results.js';
export { parseExpressionResponse } from './parse-expression-response.js';
export type { ParseExpressionRequest, ParseExpressionResponse, PublicError } from './parse-expression-response.js';
export {
  ExpressionError,
  ExpressionSyntaxError,
  ExpressionCompileError,
  ExpressionEvaluationError,
  MappingSourceError,
} from './errors.js';
export type { CompileErrorCode, EvaluationErrorCode, MappingSourceErrorCode, SyntaxErrorCode } from './errors.js';
export { compileScopingFilter, compileFilterGroups, ScopingFilterError } from './scoping-filter.js';
export type {
  GraphFilter,
  GraphFilterClause,
  GraphFilterGroup,
  ScopePredicate,
  ScopingFilterErrorCode,
  ScopingFilterPredicate,
} from './scoping-filter.js';
export { FILTER_OPERATOR_CATALOG, normalizeOperatorName } from './filter-operators.js';
export type { FilterOperatorSchema } from './filter-operators.js';
export { functionCatalog } from './function-catalog.js';
export type { AttributeMappingFunctionSchema, AttributeMappingParameterSchema } from './function-catalog.js';
export { fromAttributeMappingSource, toAttributeMappingSource } from './mapping-source.js';
export type { AttributeMappingSource, AttributeMappingSourceInput, AttributeMappingSourceParameter } from './mapping-source.js';
export { MAX_EXPRESSION_LENGTH } from './limits.js';
