import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberDelta } from './member-delta.js';

const targets = new Map([
  ['u1', 't1'],
  ['u2', 't2'],
  ['u3', 't3'],
  ['g1', 'tg1'],
]);
const targetOf = (id: string) => targets.get(id);

describe('memberDelta', () => {
  it('adds provisioned members not exported yet and removes exported ones that left', () => {
    const delta = memberDelta(['u1', 'u2', 'g1', 'u9'], new Set(['u1', 'u3']), targetOf);
    expect(delta.add).toEqual([
      { sourceId: 'u2', targetId: 't2' },
      { sourceId: 'g1', targetId: 'tg1' },
    ]);
    expect(delta.remove).toEqual([{ sourceId: 'u3', targetId: 't3' }]);
  });

  it('forgets exported members whose target object is gone without sending their removal', () => {
    expect(memberDelta([], new Set(['gone']), targetOf).remove).toEqual([{ sourceId: 'gone', targetId: undefined }]);
  });

  it('restricted to some members, leaves the others alone', () => {
    const delta = memberDelta(['u1', 'u2'], new Set(['u3']), targetOf, new Set(['u2']));
    expect(delta).toEqual({ add: [{ sourceId: 'u2', targetId: 't2' }], remove: [] });
  });

  it('brings the exported set to the provisioned current members (property)', () => {
    const id: fc.Arbitrary<string> = fc.constantFrom('u1', 'u2', 'u3', 'g1', 'x1', 'x2');
    fc.assert(
      fc.property(fc.uniqueArray(id), fc.uniqueArray(id), (current, exported) => {
        const delta = memberDelta(current, new Set(exported), targetOf);
        const after = new Set(exported);
        for (const change of delta.add) after.add(change.sourceId);
        for (const change of delta.remove) after.delete(change.sourceId);
        const wanted = new Set([...current.filter((member) => targetOf(member) !== undefined), ...exported.filter((member) => current.includes(member))]);
        expect([...after].sort()).toEqual([...wanted].sort());
      }),
    );
  });
});
