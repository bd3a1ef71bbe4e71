import type { Expression, Operand, Term } from './ast.js';

/** A string literal that parses back to exactly `value`. */
export function quoteString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function printTerm(node: Term): string {
  switch (node.kind) {
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      return quoteString(node.value);
    case 'number':
      return node.hex ? `&H${node.value.toString(16).toUpperCase()}` : node.value.toString();
    case 'keyword':
      return node.name;
    case 'call':
      return `${node.name}(${node.args.map((arg) => (arg === null ? '' : printExpression(arg))).join(', ')})`;
  }
}

function printOperand(node: Operand): string {
  return node.kind === 'concat' ? node.operands.map(printTerm).join(' & ') : printTerm(node);
}

/**
 * Canonical text of an AST: parsing it gives the same tree (positions aside). Empty argument slots print as
 * nothing between commas, as in `Replace([mail], "@contoso.com", , , "", , )`.
 */
export function printExpression(node: Expression): string {
  return node.kind === 'comparison'
    ? `${printOperand(node.left)} ${node.operator} ${printOperand(node.right)}`
    : printOperand(node);
}
