import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors/graph-error.js';
import { RestartScope, defaultRestartScope, parseRestartScope } from './restart-scope.js';

describe('restart scope', () => {
  it.each([
    [undefined, defaultRestartScope],
    ['', defaultRestartScope],
    ['Full', RestartScope.Full],
    ['Watermark, Escrows, QuarantineState', 14],
    ['forcedeletes', RestartScope.ForceDeletes],
    ['ConnectorDataStore,Watermark', 5],
    ['None', 0],
    [32, 32],
  ])('reads %j', (input, expected) => {
    expect(parseRestartScope(input)).toBe(expected);
  });

  it('names unknown members in a 400', () => {
    expect(() => parseRestartScope('Watermark, Everything')).toThrow(BadRequestError);
    expect(() => parseRestartScope('Watermark, Everything')).toThrow(/'Everything'/);
    expect(() => parseRestartScope(64)).toThrow(BadRequestError);
    expect(() => parseRestartScope({})).toThrow(BadRequestError);
  });
});
