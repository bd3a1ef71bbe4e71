import type { AttributeMappingParameter, AttributeMappingSource } from '../../schema/index.js';
import { TemplateDefinitionError } from '../errors.js';
import { parameterKey } from './function-parameters.js';

/**
 * Turns the simple expressions the built-in templates use — `[attribute]`, `"constant"` and
 * `Function(arg, , arg)` with nested arguments and empty slots — into Graph's
 * attributeMappingSource tree, each node carrying its canonical text. Deliberately tiny: no
 * operators, numbers or bare identifiers; the real expression language lives in src/expressions/.
 */
type Term =
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'constant'; readonly value: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly (Term | undefined)[] };

class Reader {
  private position = 0;

  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new TemplateDefinitionError(`${message} at offset ${this.position} in template expression ${this.text}`);
  }

  skipSpace(): void {
    while (/\s/.test(this.text.charAt(this.position))) this.position += 1;
  }

  peek(): string {
    return this.text.charAt(this.position);
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`Expected '${char}'`);
    this.position += 1;
  }

  term(): Term {
    const char = this.peek();
    if (char === '[') return this.attribute();
    if (char === '"') return this.constant();
    if (/[A-Za-z]/.test(char)) return this.call();
    return this.fail('Expected an attribute, a constant or a function call');
  }

  /** Attribute names may contain brackets themselves: `[emails[type eq "work"].value]`. */
  private attribute(): Term {
    this.expect('[');
    const start = this.position;
    let depth = 1;
    while (depth > 0) {
      if (this.atEnd()) this.fail('Unclosed attribute reference');
      const char = this.peek();
      if (char === '[') depth += 1;
      if (char === ']') depth -= 1;
      this.position += 1;
    }
    return { kind: 'attribute', name: this.text.slice(start, this.position - 1) };
  }

  private constant(): Term {
    this.expect('"');
    let value = '';
    for (;;) {
      if (this.atEnd()) this.fail('Unclosed string constant');
      const char = this.peek();
      this.position += 1;
      if (char === '"') return { kind: 'constant', value };
      if (char === '\\' && (this.peek() === '"' || this.peek() === '\\')) {
        value += this.peek();
        this.position += 1;
      } else {
        value += char;
      }
    }
  }

  private call(): Term {
    const match = /^[A-Za-z][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    const name = match?.[0] ?? this.fail('Expected a function name');
    this.position += name.length;
    this.skipSpace();
    this.expect('(');
    this.skipSpace();
    const args: (Term | undefined)[] = [];
    if (this.peek() === ')') {
      this.position += 1;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpace();
      const slotIsEmpty = this.peek() === ',' || this.peek() === ')';
      args.push(slotIsEmpty ? undefined : this.term());
      this.skipSpace();
      if (this.peek() === ')') {
        this.position += 1;
        return { kind: 'call', name, args };
      }
      this.expect(',');
    }
  }
}

function render(term: Term): string {
  switch (term.kind) {
    case 'attribute':
      return `[${term.name}]`;
    case 'constant':
      return `"${term.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    case 'call':
      return `${term.name}(${term.args.map((arg) => (arg === undefined ? '' : render(arg))).join(', ')})`;
  }
}

function toSource(term: Term): AttributeMappingSource {
  const expression = render(term);
  switch (term.kind) {
    case 'attribute':
      return { expression, name: term.name, type: 'Attribute', parameters: [] };
    case 'constant':
      return { expression, name: term.value, type: 'Constant', parameters: [] };
    case 'call': {
      const parameters: AttributeMappingParameter[] = [];
      term.args.forEach((arg, position) => {
        const key = parameterKey(term.name, position);
        if (arg !== undefined) parameters.push({ key, value: toSource(arg) });
      });
      return { expression, name: term.name, type: 'Function', parameters };
    }
  }
}

/** Parses a template expression into its attributeMappingSource tree (throws on anything it cannot read). */
export function expressionSource(text: string): AttributeMappingSource {
  const reader = new Reader(text);
  reader.skipSpace();
  const term = reader.term();
  reader.skipSpace();
  if (!reader.atEnd()) reader.fail('Unexpected text after the expression');
  return toSource(term);
}
