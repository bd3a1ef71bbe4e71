import { describe, expect, it } from 'vitest';
import { encodeHelperRequest, parseHelperLine } from './helper-protocol.js';
import { PasswordHashProtocolError } from './password-hash-errors.js';

const objectLine = (hash: string, rest: Record<string, unknown> = {}) =>
  Buffer.from(
    `{"ntHash":${hash},${JSON.stringify({
      type: 'object',
      guid: '9A5C40F3-725E-4067-8C5F-7973C4DCD3F4',
      sid: 'S-1-5-21-295072470-4172144584-1873265887-1102',
      dn: 'CN=alice,CN=Users,DC=example,DC=test',
      samAccountName: 'alice',
      pwdLastSet: '134399155045643150',
      ...rest,
    }).slice(1)}`,
  );

describe('parseHelperLine', () => {
  it('reads an object line, taking the hash from the bytes and blanking it in the line', () => {
    const line = objectLine('"d2367575b80a5eaa567f0dc4e7e8e17e"');
    const message = parseHelperLine(line);
    expect(message.type).toBe('object');
    if (message.type !== 'object') return;
    expect(message.change).toMatchObject({
      objectGuid: '9a5c40f3-725e-4067-8c5f-7973c4dcd3f4',
      objectSid: 'S-1-5-21-295072470-4172144584-1873265887-1102',
      distinguishedName: 'CN=alice,CN=Users,DC=example,DC=test',
      samAccountName: 'alice',
      pwdLastSet: '2026-11-23T13:51:44.564Z',
    });
    expect(message.change.ntHash?.toString('hex')).toBe('d2367575b80a5eaa567f0dc4e7e8e17e');
    expect(line.toString()).not.toContain('d2367575');
  });

  it('accepts upper-case hex digits', () => {
    const message = parseHelperLine(objectLine('"D2367575B80A5EAA567F0DC4E7E8E17E"'));
    expect(message.type === 'object' && message.change.ntHash?.toString('hex')).toBe('d2367575b80a5eaa567f0dc4e7e8e17e');
  });

  it('reads accounts without a password, "must change at next logon" and a missing pwdLastSet', () => {
    const none = parseHelperLine(objectLine('null', { pwdLastSet: '0' }));
    expect(none.type === 'object' && none.change).toMatchObject({ ntHash: null, pwdLastSet: null });
    const unknown = parseHelperLine(objectLine('null', { pwdLastSet: undefined }));
    expect(unknown.type === 'object' && 'pwdLastSet' in unknown.change).toBe(false);
  });

  it('reads connected, deleted, batch, end and error lines', () => {
    expect(parseHelperLine(Buffer.from('{"type":"connected","server":"dc1"}'))).toEqual({ type: 'connected', server: 'dc1' });
    expect(parseHelperLine(Buffer.from('{"type":"deleted","guid":"24F8F6E9-DA05-433E-8ABA-7AA3902E0518"}'))).toEqual({
      type: 'deleted',
      objectGuid: '24f8f6e9-da05-433e-8aba-7aa3902e0518',
    });
    expect(parseHelperLine(Buffer.from('{"type":"batch","objects":3,"watermark":null}'))).toEqual({ type: 'batch', objects: 3, watermark: undefined });
    expect(parseHelperLine(Buffer.from('{"type":"batch","objects":0,"watermark":"drs1.x"}'))).toEqual({ type: 'batch', objects: 0, watermark: 'drs1.x' });
    expect(parseHelperLine(Buffer.from('{"type":"end"}'))).toEqual({ type: 'end' });
    expect(parseHelperLine(Buffer.from('{"type":"error","code":"InvalidCredentials","message":"no","status":"NT_STATUS_LOGON_FAILURE"}'))).toEqual({
      type: 'error',
      code: 'InvalidCredentials',
      message: 'no',
      status: 'NT_STATUS_LOGON_FAILURE',
    });
  });

  it.each([
    ['not JSON', 'Traceback (most recent call last):'],
    ['a JSON array', '[1,2]'],
    ['an empty line', ''],
    ['an unknown type', '{"type":"surprise"}'],
    ['a short hash', '{"ntHash":"d2367575","type":"object"}'],
    ['a non-hex hash', '{"ntHash":"z2367575b80a5eaa567f0dc4e7e8e17e","type":"object","guid":"9a5c40f3-725e-4067-8c5f-7973c4dcd3f4"}'],
    ['a hash on a batch line', '{"ntHash":"d2367575b80a5eaa567f0dc4e7e8e17e","type":"batch","objects":0,"watermark":null}'],
    ['an object line not starting with its hash', '{"type":"object","ntHash":null,"guid":"9a5c40f3-725e-4067-8c5f-7973c4dcd3f4"}'],
    ['a batch without a count', '{"type":"batch","watermark":null}'],
    ['a negative count', '{"type":"batch","objects":-1,"watermark":null}'],
    ['an empty watermark', '{"type":"batch","objects":0,"watermark":""}'],
    ['an error without a code', '{"type":"error","message":"x"}'],
    ['a deletion without a GUID', '{"type":"deleted"}'],
    ['a deletion with a malformed GUID', '{"type":"deleted","guid":"CN=bob"}'],
    ['a hash on a deletion line', '{"ntHash":null,"type":"deleted","guid":"24f8f6e9-da05-433e-8aba-7aa3902e0518"}'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseHelperLine(Buffer.from(text))).toThrow(PasswordHashProtocolError);
  });

  it.each([
    ['guid', { guid: 'not-a-guid' }],
    ['sid', { sid: 'S-1-5-x' }],
    ['dn', { dn: '' }],
    ['samAccountName', { samAccountName: 42 }],
    ['pwdLastSet', { pwdLastSet: '-1' }],
    ['pwdLastSet', { pwdLastSet: 12 }],
  ])('rejects an object line with a bad %s', (_name, rest) => {
    expect(() => parseHelperLine(objectLine('"d2367575b80a5eaa567f0dc4e7e8e17e"', rest))).toThrow(PasswordHashProtocolError);
  });
});

describe('encodeHelperRequest', () => {
  it('writes one line of JSON with the protocol version', () => {
    const line = encodeHelperRequest({
      operation: 'changes',
      servers: ['dc1'],
      account: 'svc@example.test',
      password: 'p"w\nx',
      namingContext: 'DC=example,DC=test',
      scope: 'DC=example,DC=test',
      watermark: null,
    });
    const text = line.toString();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(text)).toMatchObject({ protocol: 2, operation: 'changes', password: 'p"w\nx', watermark: null });
  });
});
