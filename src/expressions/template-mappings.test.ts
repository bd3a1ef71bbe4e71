import { describe, expect, it } from 'vitest';
import { synchronizationTemplateDefinitions } from '../sync/templates/index.js';
import { compileExpression } from './compiler.js';
import { fromAttributeMappingSource } from './mapping-source.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';
import { compileScopingFilter } from './scoping-filter.js';
import type { GraphFilter } from './scoping-filter.js';

/** Every mapping the built-in templates ship must convert, parse and compile in its template's dialect. */
describe('built-in template mappings', () => {
  const mappings = synchronizationTemplateDefinitions.flatMap((definition) =>
    (definition.template.schema?.synchronizationRules ?? []).flatMap((rule) =>
      (rule.objectMappings ?? []).flatMap((objectMapping) =>
        (objectMapping.attributeMappings ?? []).flatMap((mapping) =>
          mapping.source ? [{ template: definition.template.id, dialect: definition.runtime.expressionDialect, target: mapping.targetAttributeName, source: mapping.source }] : [],
        ),
      ),
    ),
  );

  it('exist', () => {
    expect(mappings.length).toBeGreaterThan(50);
  });

  it('convert from source trees and compile; their expression texts parse to the same expression', () => {
    for (const { template, dialect, target, source } of mappings) {
      const where = `${template} → ${target}`;
      const ast = fromAttributeMappingSource(source as Parameters<typeof fromAttributeMappingSource>[0]);
      expect(() => compileExpression(ast, { dialect }), where).not.toThrow();
      if (source.expression) {
        // Graph's trees leave out empty trailing slots and store numbers as quoted constants.
        const canonical = (text: string) => text.replace(/(, )+\)/g, ')').replace(/"(-?\d+)"/g, '$1');
        expect(canonical(printExpression(parseExpression(source.expression))), where).toBe(canonical(printExpression(ast)));
      }
    }
  });

  it('scoping filters compile', () => {
    for (const definition of synchronizationTemplateDefinitions) {
      for (const rule of definition.template.schema?.synchronizationRules ?? []) {
        for (const objectMapping of rule.objectMappings ?? []) {
          expect(() => compileScopingFilter(objectMapping.scope as GraphFilter | null, { dialect: definition.runtime.expressionDialect })).not.toThrow();
        }
      }
    }
  });
});
