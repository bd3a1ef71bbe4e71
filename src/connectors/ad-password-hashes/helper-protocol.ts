import { fileTimeToIso, isGuid } from '../ldap/index.js';
import type { PasswordHashChange } from './password-hash-source.js';
import { PasswordHashProtocolError } from './password-hash-errors.js';

/**
 * The narrow JSON-lines protocol between the engine and drsr-helper.py (whose docstring is the
 * reference). Version 2 (deletion lines added): one request line on stdin, answer lines on stdout.
 */
export const helperProtocolVersion = 2;

export interface HelperRequest {
  readonly operation: 'changes' | 'object';
  readonly servers: readonly string[];
  readonly account: string;
  readonly password: string;
  readonly namingContext: string;
  readonly scope: string;
  readonly watermark?: string | null;
  readonly object?: string;
  readonly chunkSize?: number;
  readonly timeoutSeconds?: number;
}

export type HelperMessage =
  | { readonly type: 'connected'; readonly server: string }
  | { readonly type: 'object'; readonly change: PasswordHashChange }
  | { readonly type: 'deleted'; readonly objectGuid: string }
  | { readonly type: 'batch'; readonly objects: number; readonly watermark: string | undefined }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly code: string; readonly message: string; readonly status: string | undefined };

/** The request line; the caller wipes the buffer once it is written (it holds the password). */
export function encodeHelperRequest(request: HelperRequest): Buffer {
  return Buffer.from(`${JSON.stringify({ protocol: helperProtocolVersion, ...request })}\n`, 'utf8');
}

const hashPrefix = Buffer.from('{"ntHash":"', 'latin1');
const nullHashPrefix = Buffer.from('{"ntHash":null,', 'latin1');
const hexDigits = 32;
const zeros = '0'.repeat(hexDigits);

/**
 * Parses one line (without its newline). An object line's hash is read from the raw bytes into a fresh
 * Buffer and blanked in the line before JSON.parse, so it never exists as a string. Does not wipe
 * `line`: the caller does, whatever the outcome.
 */
export function parseHelperLine(line: Buffer): HelperMessage {
  let ntHash: Buffer | null | undefined;
  if (startsWith(line, hashPrefix)) {
    const start = hashPrefix.length;
    if (line[start + hexDigits] !== 0x22 || line[start + hexDigits + 1] !== 0x2c) {
      throw new PasswordHashProtocolError('The helper wrote an NT hash that is not 32 hex digits');
    }
    ntHash = decodeHex(line, start);
    line.fill(0x30, start, start + hexDigits);
  } else if (startsWith(line, nullHashPrefix)) {
    ntHash = null;
  }
  try {
    return interpret(parseJson(line), ntHash);
  } catch (error) {
    ntHash?.fill(0);
    throw error;
  }
}

function interpret(record: Record<string, unknown>, ntHash: Buffer | null | undefined): HelperMessage {
  if (ntHash !== undefined && record.type !== 'object') throw new PasswordHashProtocolError('The helper wrote an NT hash on a line that is not an object line');
  switch (record.type) {
    case 'connected':
      return Object.freeze({ type: 'connected', server: text(record, 'server') });
    case 'object': {
      if (ntHash === undefined || (ntHash !== null && record.ntHash !== zeros)) {
        throw new PasswordHashProtocolError('The helper wrote an object line that does not start with its NT hash');
      }
      return Object.freeze({ type: 'object', change: objectChange(record, ntHash) });
    }
    case 'deleted':
      return Object.freeze({ type: 'deleted', objectGuid: guid(record) });
    case 'batch': {
      const objects = record.objects;
      if (typeof objects !== 'number' || !Number.isInteger(objects) || objects < 0) throw malformed('batch', 'objects');
      const watermark = record.watermark;
      if (watermark !== null && (typeof watermark !== 'string' || watermark === '')) throw malformed('batch', 'watermark');
      return Object.freeze({ type: 'batch', objects, watermark: watermark ?? undefined });
    }
    case 'end':
      return Object.freeze({ type: 'end' });
    case 'error': {
      const status = record.status;
      if (status !== null && status !== undefined && typeof status !== 'string') throw malformed('error', 'status');
      return Object.freeze({ type: 'error', code: text(record, 'code'), message: text(record, 'message'), status: status ?? undefined });
    }
    default:
      throw new PasswordHashProtocolError(`The helper wrote a line of unknown type ${JSON.stringify(record.type)}`);
  }
}

function objectChange(record: Record<string, unknown>, ntHash: Buffer | null): PasswordHashChange {
  const objectGuid = guid(record);
  const objectSid = text(record, 'sid');
  if (!/^S-1-\d+(-\d+)+$/.test(objectSid)) throw malformed('object', 'sid');
  const change: { -readonly [K in keyof PasswordHashChange]: PasswordHashChange[K] } = {
    objectGuid,
    objectSid,
    distinguishedName: text(record, 'dn'),
    samAccountName: text(record, 'samAccountName'),
    ntHash,
  };
  if (record.pwdLastSet !== undefined) {
    const ticks = record.pwdLastSet;
    if (typeof ticks !== 'string' || !/^\d{1,19}$/.test(ticks)) throw malformed('object', 'pwdLastSet');
    try {
      change.pwdLastSet = fileTimeToIso(ticks);
    } catch {
      throw malformed('object', 'pwdLastSet');
    }
  }
  return Object.freeze(change);
}

function guid(record: Record<string, unknown>): string {
  const value = text(record, 'guid').toLowerCase();
  if (!isGuid(value)) throw malformed(String(record.type), 'guid');
  return value;
}

function parseJson(line: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    throw new PasswordHashProtocolError('The helper wrote a line that is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PasswordHashProtocolError('The helper wrote a line that is not a JSON object');
  }
  return value as Record<string, unknown>;
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw malformed(String(record.type), key);
  return value;
}

function malformed(type: string, field: string): PasswordHashProtocolError {
  return new PasswordHashProtocolError(`The helper wrote a ${type} line with a missing or malformed ${field}`);
}

function startsWith(line: Buffer, prefix: Buffer): boolean {
  return line.length >= prefix.length && line.subarray(0, prefix.length).equals(prefix);
}

function decodeHex(line: Buffer, start: number): Buffer {
  const bytes = Buffer.alloc(hexDigits / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexValue(line[start + 2 * i]);
    const low = hexValue(line[start + 2 * i + 1]);
    if (high < 0 || low < 0) {
      bytes.fill(0);
      throw new PasswordHashProtocolError('The helper wrote an NT hash that is not 32 hex digits');
    }
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  return -1;
}
