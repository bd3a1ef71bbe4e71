import { describe, expect, it } from 'vitest';
import { securityIdentifierOf } from './security-identifier.js';

describe('securityIdentifierOf', () => {
  it('derives the S-1-12-1 identifier Entra shows for a cloud object', () => {
    expect(securityIdentifierOf('73d664e4-0886-4a73-b745-c694da45ddb4')).toBe('S-1-12-1-1943430372-1249052806-2496021943-3034400218');
    expect(securityIdentifierOf('00000000-0000-0000-0000-000000000000')).toBe('S-1-12-1-0-0-0-0');
  });
});
