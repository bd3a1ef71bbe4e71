import { LdapWatermarkError } from './ldap-errors.js';

/**
 * What a delta reader stores between cycles, as an opaque string with the method as prefix:
 *   dirsync:<base64 DirSync cookie>
 *   usn:<DC invocationId>:<highest committed USN>
 *   csn:<base64url JSON { csn, boundary, comparedAt }>
 */
export type Watermark =
  | { readonly method: 'dirSync'; readonly cookie: Buffer }
  | { readonly method: 'usnChanged'; readonly invocationId: string; readonly usn: bigint }
  | {
      readonly method: 'entryCsn';
      /** Highest entryCSN seen; undefined when nothing has been seen yet. */
      readonly csn: string | undefined;
      /** entryUUIDs of the entries whose entryCSN equals `csn` (already delivered). */
      readonly boundary: readonly string[];
      /** When the last full comparison of entryUUIDs (delete detection) started, ISO 8601. */
      readonly comparedAt: string | undefined;
    };

export function encodeWatermark(watermark: Watermark): string {
  switch (watermark.method) {
    case 'dirSync':
      return `dirsync:${watermark.cookie.toString('base64')}`;
    case 'usnChanged':
      return `usn:${watermark.invocationId}:${watermark.usn.toString()}`;
    case 'entryCsn': {
      const payload = { csn: watermark.csn, boundary: watermark.boundary, comparedAt: watermark.comparedAt };
      return `csn:${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
    }
  }
}

/** Undefined for no watermark ('' included): the next read is a full one. */
export function decodeWatermark(text: string | undefined): Watermark | undefined {
  if (text === undefined || text === '') return undefined;
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? '' : text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (prefix === 'dirsync' && /^[A-Za-z0-9+/]+=*$/.test(rest)) {
    return Object.freeze({ method: 'dirSync', cookie: Buffer.from(rest, 'base64') });
  }
  const usn = prefix === 'usn' ? /^([0-9a-f-]{36}):(\d+)$/i.exec(rest) : null;
  if (usn) return Object.freeze({ method: 'usnChanged', invocationId: (usn[1] as string).toLowerCase(), usn: BigInt(usn[2] as string) });
  if (prefix === 'csn') {
    try {
      const parsed = JSON.parse(Buffer.from(rest, 'base64url').toString('utf8')) as Record<string, unknown>;
      const csn = parsed.csn;
      const boundary = parsed.boundary;
      const comparedAt = parsed.comparedAt;
      if (
        (csn === undefined || typeof csn === 'string') &&
        Array.isArray(boundary) &&
        boundary.every((b) => typeof b === 'string') &&
        (comparedAt === undefined || typeof comparedAt === 'string')
      ) {
        return Object.freeze({ method: 'entryCsn', csn, boundary: Object.freeze([...(boundary as string[])]), comparedAt });
      }
    } catch {
      // reported below
    }
  }
  throw new LdapWatermarkError(`Unrecognised directory watermark '${text.slice(0, 40)}'; a full import is needed`);
}

/** Decodes and insists on one method (a reader cannot continue another method's watermark). */
export function expectWatermark<M extends Watermark['method']>(
  text: string | undefined,
  method: M,
): Extract<Watermark, { method: M }> | undefined {
  const watermark = decodeWatermark(text);
  if (watermark !== undefined && watermark.method !== method) {
    throw new LdapWatermarkError(`The watermark was written by the ${watermark.method} method, not ${method}; a full import is needed`);
  }
  return watermark as Extract<Watermark, { method: M }> | undefined;
}
