import { describe, expect, it } from 'vitest';
import type { CompiledAttributeMapping } from '../mapping/compiled-mapping.js';
import { applyUpdates, diffAttributes } from './diff.js';

const mapping = (targetPath: string, overrides: Partial<CompiledAttributeMapping> = {}): CompiledAttributeMapping => ({
  targetPath,
  expression: null,
  defaultValue: null,
  flowType: 'Always',
  flowBehavior: 'FlowWhenChanged',
  matchingPriority: 0,
  reference: null,
  softDeletion: false,
  redacts: false,
  ...overrides,
});

describe('diffAttributes', () => {
  const exported: Record<string, unknown> = { userName: 'ada@contoso.com', active: 'True', title: 'Analyst', emails: ['a@x', 'b@x'] };
  const current = (path: string) => exported[path];

  it('sends only the attributes whose value changed, in mapping order', () => {
    const mappings = [mapping('userName'), mapping('title'), mapping('displayName')];
    const wanted = new Map<string, unknown>([
      ['displayName', 'Ada'],
      ['userName', 'ada@contoso.com'],
      ['title', 'Engineer'],
    ]);
    expect(diffAttributes(mappings, current, wanted)).toEqual([
      { path: 'title', oldValue: 'Analyst', newValue: 'Engineer' },
      { path: 'displayName', oldValue: null, newValue: 'Ada' },
    ]);
  });

  it('does not send what has no wanted value (null is not provisioned)', () => {
    expect(diffAttributes([mapping('title')], current, new Map())).toEqual([]);
  });

  it('treats booleans and their text as equal, and multi-valued values as sets', () => {
    const wanted = new Map<string, unknown>([
      ['active', true],
      ['emails', ['b@x', 'a@x']],
    ]);
    expect(diffAttributes([mapping('active'), mapping('emails')], current, wanted)).toEqual([]);
  });

  it('applies the flow types: FlowAlways, AttributeAddOnly, MultiValueAddOnly', () => {
    const wanted = new Map<string, unknown>([
      ['userName', 'ada@contoso.com'],
      ['title', 'Engineer'],
      ['emails', ['c@x']],
    ]);
    const updates = diffAttributes(
      [mapping('userName', { flowBehavior: 'FlowAlways' }), mapping('title', { flowType: 'AttributeAddOnly' }), mapping('emails', { flowType: 'MultiValueAddOnly' })],
      current,
      wanted,
    );
    expect(updates).toEqual([
      { path: 'userName', oldValue: 'ada@contoso.com', newValue: 'ada@contoso.com' },
      { path: 'emails', oldValue: ['a@x', 'b@x'], newValue: ['a@x', 'b@x', 'c@x'] },
    ]);
  });

  it('records what was exported after the updates', () => {
    expect(applyUpdates({ a: 1, b: 2 }, [{ path: 'a', oldValue: 1, newValue: 3 }, { path: 'b', oldValue: 2, newValue: null }, { path: 'c', oldValue: null, newValue: 'x' }])).toEqual({
      a: 3,
      c: 'x',
    });
  });
});
