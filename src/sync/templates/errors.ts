/**
 * A mistake in the built-in template data (an expression the builder cannot read, a function it
 * does not know). Raised while the catalog module loads, so a broken catalog never starts; never
 * caused by client input.
 */
export class TemplateDefinitionError extends Error {
  readonly code = 'TemplateDefinitionError';

  constructor(message: string) {
    super(message);
    this.name = 'TemplateDefinitionError';
  }
}
