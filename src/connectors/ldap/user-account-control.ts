/** userAccountControl bits (MS-ADTS §2.2.16), named as in Microsoft's documentation. */
export const UserAccountControl = Object.freeze({
  SCRIPT: 0x0001,
  ACCOUNTDISABLE: 0x0002,
  HOMEDIR_REQUIRED: 0x0008,
  LOCKOUT: 0x0010,
  PASSWD_NOTREQD: 0x0020,
  PASSWD_CANT_CHANGE: 0x0040,
  ENCRYPTED_TEXT_PWD_ALLOWED: 0x0080,
  TEMP_DUPLICATE_ACCOUNT: 0x0100,
  NORMAL_ACCOUNT: 0x0200,
  INTERDOMAIN_TRUST_ACCOUNT: 0x0800,
  WORKSTATION_TRUST_ACCOUNT: 0x1000,
  SERVER_TRUST_ACCOUNT: 0x2000,
  DONT_EXPIRE_PASSWORD: 0x10000,
  MNS_LOGON_ACCOUNT: 0x20000,
  SMARTCARD_REQUIRED: 0x40000,
  TRUSTED_FOR_DELEGATION: 0x80000,
  NOT_DELEGATED: 0x100000,
  USE_DES_KEY_ONLY: 0x200000,
  DONT_REQ_PREAUTH: 0x400000,
  PASSWORD_EXPIRED: 0x800000,
  TRUSTED_TO_AUTH_FOR_DELEGATION: 0x1000000,
  PARTIAL_SECRETS_ACCOUNT: 0x4000000,
} as const);

export type UserAccountControlFlag = keyof typeof UserAccountControl;

/** Parses the attribute's decimal text (AD sends it as a string; negative values are 32-bit wrap-arounds). */
export function parseUserAccountControl(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0xffffffff) throw new RangeError(`Not a userAccountControl value: ${value}`);
  return n >>> 0;
}

/** The names of the bits that are set, in ascending bit order. */
export function userAccountControlFlags(value: string | number): readonly UserAccountControlFlag[] {
  const n = parseUserAccountControl(value);
  return Object.freeze(
    (Object.entries(UserAccountControl) as [UserAccountControlFlag, number][]).filter(([, bit]) => (n & bit) !== 0).map(([name]) => name),
  );
}

export function hasUserAccountControlFlag(value: string | number, flag: UserAccountControlFlag): boolean {
  return (parseUserAccountControl(value) & UserAccountControl[flag]) !== 0;
}

/** What the default mapping turns into accountEnabled: the ACCOUNTDISABLE bit cleared. */
export function isAccountEnabled(value: string | number): boolean {
  return !hasUserAccountControlFlag(value, 'ACCOUNTDISABLE');
}
