import type { Expression } from './ast.js';

/** Every attribute name referenced in a tree, in order of first appearance. */
export function collectAttributeNames(node: Expression | null, into: string[] = []): string[] {
  if (node === null) return into;
  switch (node.kind) {
    case 'attribute':
      if (!into.includes(node.name)) into.push(node.name);
      break;
    case 'call':
      for (const arg of node.args) collectAttributeNames(arg, into);
      break;
    case 'concat':
      for (const operand of node.operands) collectAttributeNames(operand, into);
      break;
    case 'comparison':
      collectAttributeNames(node.left, into);
      collectAttributeNames(node.right, into);
      break;
    default:
      break;
  }
  return into;
}
