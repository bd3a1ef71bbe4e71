/**
 * Attributes whose values are bytes, not text. ldapts decodes every value that happens to be valid UTF-8
 * as a string, so a GUID or SID would sometimes arrive as text; these are always handed out as Buffers.
 * Names compare case-insensitively and without options (`userCertificate;binary` is userCertificate).
 */
export const defaultBinaryAttributes: readonly string[] = Object.freeze([
  'objectGUID',
  'objectSid',
  'mS-DS-ConsistencyGuid',
  'sIDHistory',
  'tokenGroups',
  'parentGUID',
  'invocationId',
  'schemaIDGUID',
  'attributeSecurityGUID',
  'nTSecurityDescriptor',
  'logonHours',
  'thumbnailPhoto',
  'jpegPhoto',
  'photo',
  'audio',
  'userCertificate',
  'userSMIMECertificate',
  'userPKCS12',
  'cACertificate',
  'certificateRevocationList',
  'authorityRevocationList',
  'crossCertificatePair',
  'msExchMailboxGuid',
  'msExchArchiveGUID',
  'msExchBlockedSendersHash',
  'msExchSafeRecipientsHash',
  'msExchSafeSendersHash',
]);

export function attributeBaseName(name: string): string {
  const semicolon = name.indexOf(';');
  return (semicolon < 0 ? name : name.slice(0, semicolon)).toLowerCase();
}

/** Lower-cased base names of the default binary attributes plus `extra`. */
export function binaryAttributeSet(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...defaultBinaryAttributes, ...extra].map(attributeBaseName));
}

export function isBinaryAttribute(name: string, binary: ReadonlySet<string>): boolean {
  return binary.has(attributeBaseName(name));
}
