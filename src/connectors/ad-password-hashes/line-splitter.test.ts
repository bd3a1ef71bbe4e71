import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';
import { PasswordHashProtocolError } from './password-hash-errors.js';

const text = (lines: Buffer[]) => lines.map((line) => line.toString());

describe('LineSplitter', () => {
  it('joins lines split across chunks and keeps the unterminated rest', () => {
    const splitter = new LineSplitter();
    expect(text(splitter.push(Buffer.from('{"a":1}\n{"b"')))).toEqual(['{"a":1}']);
    expect(text(splitter.push(Buffer.from(':2}\n\n{"c":3}\n{"d"')))).toEqual(['{"b":2}', '', '{"c":3}']);
    expect(splitter.rest()?.toString()).toBe('{"d"');
    expect(splitter.rest()).toBeUndefined();
  });

  it('zeroes every chunk it is given once copied', () => {
    const splitter = new LineSplitter();
    const chunk = Buffer.from('{"ntHash":"0123"}\npartial');
    splitter.push(chunk);
    expect(chunk.every((byte) => byte === 0)).toBe(true);
  });

  it('refuses a line longer than its limit', () => {
    const splitter = new LineSplitter(16);
    expect(() => splitter.push(Buffer.from('x'.repeat(17)))).toThrow(PasswordHashProtocolError);
    expect(splitter.rest()).toBeUndefined();
  });
});
