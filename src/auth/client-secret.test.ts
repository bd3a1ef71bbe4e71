import { describe, expect, it } from 'vitest';
import { generateClientSecret, hashClientSecret, verifyClientSecret } from './client-secret.js';

describe('client secrets', () => {
  it('look like Microsoft secrets and carry their hint', () => {
    const { secretText, hint } = generateClientSecret();
    expect(secretText).toHaveLength(40);
    expect(secretText.slice(3, 6)).toBe('8Q~');
    expect(secretText.startsWith(hint)).toBe(true);
  });

  it('verify against their hash and nothing else', async () => {
    const { secretText } = generateClientSecret();
    const stored = await hashClientSecret(secretText);
    expect(stored).not.toContain(secretText);
    expect(await verifyClientSecret(secretText, stored)).toBe(true);
    expect(await verifyClientSecret(`${secretText}x`, stored)).toBe(false);
    expect(await verifyClientSecret(secretText, 'garbage')).toBe(false);
  });
});
