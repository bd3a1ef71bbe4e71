import { describe, expect, it } from 'vitest';
import { hasUserAccountControlFlag, isAccountEnabled, parseUserAccountControl, userAccountControlFlags } from './user-account-control.js';

describe('userAccountControl', () => {
  it('decodes the common values', () => {
    expect(userAccountControlFlags('512')).toEqual(['NORMAL_ACCOUNT']);
    expect(userAccountControlFlags('546')).toEqual(['ACCOUNTDISABLE', 'PASSWD_NOTREQD', 'NORMAL_ACCOUNT']);
    expect(userAccountControlFlags(66048)).toEqual(['NORMAL_ACCOUNT', 'DONT_EXPIRE_PASSWORD']);
  });

  it('maps ACCOUNTDISABLE to accountEnabled', () => {
    expect(isAccountEnabled('512')).toBe(true);
    expect(isAccountEnabled('514')).toBe(false);
    expect(hasUserAccountControlFlag('544', 'PASSWD_NOTREQD')).toBe(true);
  });

  it('accepts 32-bit wrap-arounds and rejects junk', () => {
    expect(parseUserAccountControl('-2147483136')).toBe(0x80000200);
    expect(() => parseUserAccountControl('abc')).toThrow(RangeError);
    expect(() => parseUserAccountControl('1.5')).toThrow(RangeError);
  });
});
