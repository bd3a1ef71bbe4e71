import { describe, expect, it } from 'vitest';
import { applicationTemplateEntries } from '../../directory/application-templates/index.js';
import {
  findSchemaInconsistencies,
  synchronizationSchemaSchema,
  synchronizationSecretKeys,
  synchronizationTemplateSchema,
  type AttributeMappingSource,
} from '../schema/index.js';
import { expressionSource } from './builder/expression-source.js';
import { connectorKinds, expressionDialects, synchronizationTemplateDefinitions, synchronizationTemplates } from './index.js';

function* sources(node: AttributeMappingSource | null): Generator<AttributeMappingSource> {
  if (node === null) return;
  yield node;
  for (const parameter of node.parameters) yield* sources(parameter.value);
}

describe('the template catalog', () => {
  it('has unique template ids', () => {
    const ids = synchronizationTemplates.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(13);
  });

  it('is frozen', () => {
    const template = synchronizationTemplates[0];
    expect(Object.isFrozen(template)).toBe(true);
    expect(Object.isFrozen(template?.schema?.synchronizationRules[0]?.objectMappings[0]?.attributeMappings[0])).toBe(true);
  });

  it('links every application template to templates that exist, and every template to an application template', () => {
    const ids = new Set(synchronizationTemplates.map((template) => template.id));
    const linked = new Set<string>();
    for (const entry of applicationTemplateEntries) {
      for (const id of entry.synchronizationTemplateIds) {
        expect(ids.has(id), `${entry.applicationTemplate.displayName} → ${id}`).toBe(true);
        linked.add(id);
      }
    }
    expect([...ids].filter((id) => !linked.has(id))).toEqual([]);
  });
});

describe.each(synchronizationTemplateDefinitions.map((definition) => [definition.template.id, definition] as const))('template %s', (_id, definition) => {
  const { template, runtime } = definition;
  const schema = template.schema;

  it('has a schema with directories and rules', () => {
    expect(schema).not.toBeNull();
    expect(schema?.directories.length).toBeGreaterThanOrEqual(2);
    expect(schema?.synchronizationRules.length).toBeGreaterThanOrEqual(1);
    expect(schema?.id).toBe(`${template.id}.${'0'.repeat(32)}`);
  });

  it('validates against the input schemas and round-trips unchanged', () => {
    expect(synchronizationTemplateSchema.parse(JSON.parse(JSON.stringify(template)))).toEqual(template);
    expect(JSON.stringify(synchronizationSchemaSchema.parse(schema))).toBe(JSON.stringify(schema));
  });

  it('shares no object between two places, so an edited copy changes only what was edited', () => {
    const seen = new Set<object>();
    const shared: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object') return;
      if (seen.has(value)) shared.push(path);
      seen.add(value);
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
    };
    visit(template, template.id);
    expect(shared).toEqual([]);
  });

  it('is internally consistent', () => {
    expect(schema === null ? ['no schema'] : findSchemaInconsistencies(schema)).toEqual([]);
  });

  it('has unique directory and rule ids, and object mappings with at least one matching attribute', () => {
    const directoryIds = schema?.directories.map((directory) => directory.id) ?? [];
    expect(new Set(directoryIds).size).toBe(directoryIds.length);
    for (const rule of schema?.synchronizationRules ?? []) {
      expect(rule.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      for (const objectMapping of rule.objectMappings) {
        expect(objectMapping.attributeMappings.some((mapping) => mapping.matchingPriority > 0), objectMapping.name).toBe(true);
      }
    }
  });

  it('stores every source both as a tree and as the expression text that parses to it', () => {
    for (const rule of schema?.synchronizationRules ?? []) {
      for (const objectMapping of rule.objectMappings) {
        for (const mapping of objectMapping.attributeMappings) {
          if (mapping.source === null) {
            expect(mapping.defaultValue, mapping.targetAttributeName).not.toBeNull();
            continue;
          }
          expect(expressionSource(mapping.source.expression ?? '')).toEqual(mapping.source);
          for (const node of sources(mapping.source)) {
            expect(node.expression).toBeTruthy();
            if (node.type !== 'Function') expect(node.parameters).toEqual([]);
          }
        }
      }
    }
  });

  it('declares how its jobs run', () => {
    expect(runtime.scheduleInterval).toMatch(/^PT\d+M$/);
    expect(expressionDialects).toContain(runtime.expressionDialect);
    expect(connectorKinds).toContain(runtime.source);
    expect(connectorKinds).toContain(runtime.target);
    for (const set of runtime.requiredSecrets) {
      expect(set.length).toBeGreaterThan(0);
      for (const key of set) expect(synchronizationSecretKeys).toContain(key);
    }
    expect(runtime.jobSettings).toContainEqual({ name: 'QuarantineTooManyDeletesThreshold', value: '500' });
  });

  it('carries gallery metadata that points back at its application', () => {
    const identifier = template.metadata.find((entry) => entry.key === 'galleryApplicationIdentifier');
    expect(identifier?.value).toBe(template.applicationId);
    const configurationFields = template.metadata.find((entry) => entry.key === 'configurationFields');
    if (configurationFields !== undefined) expect(() => JSON.parse(configurationFields.value ?? '') as unknown).not.toThrow();
  });
});
