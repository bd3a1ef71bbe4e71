import { scalar, scalarToText, toSafeInteger, toText } from '../coerce.js';
import { ExpressionEvaluationError } from '../errors.js';
import { eachValue, eager1, eager2 } from '../function-helpers.js';
import { parameter } from '../function-definition.js';
import type { FunctionDefinition } from '../function-definition.js';
import type { ScalarValue } from '../values.js';
import { BOTH, CLOUD_SYNC } from './dialects.js';
import { distinguishedNameComponent } from './distinguished-name.js';
import { sidToString } from './sid.js';

const text = (value: ScalarValue | null, fn: string) => (value === null ? null : scalarToText(value, fn));

export const ConvertToBase64: FunctionDefinition = {
  name: 'ConvertToBase64',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source')] }],
  // "Unicode" base64: the UTF-16LE bytes, as .NET's Encoding.Unicode gives them.
  build: (site) =>
    eager1(site, (source) =>
      eachValue(source, (value) => {
        const t = text(value, 'ConvertToBase64');
        return t === null ? null : Buffer.from(t, 'utf16le').toString('base64');
      }),
    ),
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(encoded: string): Buffer {
  // Convert.FromBase64String ignores white space and rejects everything else that is not base64.
  const compact = encoded.replace(/[\s]+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new ExpressionEvaluationError('InvalidBase64', `${JSON.stringify(encoded.slice(0, 40))} is not base64`, { functionName: 'ConvertFromBase64' });
  }
  return Buffer.from(compact, 'base64');
}

function decodeText(bytes: Buffer, encoding: string): string {
  switch (encoding) {
    case 'utf8':
      return bytes.toString('utf8');
    case 'ascii':
      // ASCIIEncoding replaces bytes above 0x7F with '?'.
      return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '?')).join('');
    default:
      return bytes.subarray(0, bytes.length - (bytes.length % 2)).toString('utf16le');
  }
}

export const ConvertFromBase64: FunctionDefinition = {
  name: 'ConvertFromBase64',
  dialects: CLOUD_SYNC,
  signatures: [{ parameters: [parameter('source'), parameter('encoding', 'String', false, { keywords: ['UTF8', 'Unicode', 'ASCII'] })] }],
  build: (site) => {
    const constant = site.keyword(1) ?? site.constantText(1);
    if (constant !== undefined && !/^(utf8|unicode|ascii)$/i.test(constant)) site.fail('InvalidArgument', `encoding must be Unicode, UTF8 or ASCII, got '${constant}'`, 1);
    return eager2(site, (source, encodingArg) => {
      const encoding = encodingArg === undefined ? 'unicode' : (toText(encodingArg, 'ConvertFromBase64') ?? 'unicode').toLowerCase();
      if (!/^(utf8|unicode|ascii)$/.test(encoding)) {
        throw new ExpressionEvaluationError('InvalidArgument', 'encoding must be Unicode, UTF8 or ASCII', { functionName: 'ConvertFromBase64' });
      }
      return eachValue(source, (value) => {
        const t = text(value, 'ConvertFromBase64');
        return t === null ? null : decodeText(decodeBase64(t), encoding);
      });
    });
  },
};

export const ConvertToUTF8Hex: FunctionDefinition = {
  name: 'ConvertToUTF8Hex',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source')] }],
  build: (site) =>
    eager1(site, (source) =>
      eachValue(source, (value) => {
        const t = text(value, 'ConvertToUTF8Hex');
        return t === null ? null : Buffer.from(t, 'utf8').toString('hex').toUpperCase();
      }),
    ),
};

export const StringFromSid: FunctionDefinition = {
  name: 'StringFromSid',
  dialects: CLOUD_SYNC,
  signatures: [{ parameters: [parameter('ObjectSID', 'Binary')] }],
  build: (site) =>
    eager1(site, (source) => {
      const value = scalar(source, 'StringFromSid');
      if (value === null) return null;
      let bytes: Uint8Array;
      if (value instanceof Uint8Array) bytes = value;
      else if (typeof value === 'string') {
        // Already in string form, or base64 as JSON transports binary attributes.
        if (/^S-\d/.test(value)) return value;
        bytes = decodeBase64(value);
      } else {
        throw new ExpressionEvaluationError('TypeMismatch', 'ObjectSID must be a binary value', { functionName: 'StringFromSid' });
      }
      const sid = sidToString(bytes);
      if (sid === undefined) throw new ExpressionEvaluationError('InvalidSid', 'the value is not a security identifier', { functionName: 'StringFromSid' });
      return sid;
    }),
};

export const DNComponent: FunctionDefinition = {
  name: 'DNComponent',
  dialects: CLOUD_SYNC,
  signatures: [{ parameters: [parameter('dn', 'Reference'), parameter('ComponentNumber', 'Integer')] }],
  build: (site) =>
    eager2(site, (dnArg, numberArg) => {
      const dn = toText(dnArg, 'DNComponent');
      const n = toSafeInteger(numberArg ?? null, 'DNComponent', 'ComponentNumber');
      if (dn === null || n === null) return null;
      return distinguishedNameComponent(dn, n) ?? null;
    }),
};

/** Cast to reference (used in the Cloud Sync DNComponent example). References are their DN strings here. */
export const CRef: FunctionDefinition = {
  name: 'CRef',
  dialects: CLOUD_SYNC,
  undocumented: true,
  signatures: [{ parameters: [parameter('value')] }],
  build: (site) => eager1(site, (value) => toText(value, 'CRef')),
};
