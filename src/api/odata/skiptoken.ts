import { hash, timingSafeEqual } from 'node:crypto';
import { InvalidSkipTokenError } from './errors.js';
import type { QueryOptions } from './query-options.js';
import type { PagePosition, SortValue } from './sort-keys.js';

/** Tokens remembered by their scope and position (a few hundred KB at most). */
const issuedTokensKept = 1_000;

/**
 * Opaque `$skiptoken`s for keyset paging: `base64url(JSON position) "." base64url(MAC)`. The MAC (HMAC-SHA256,
 * truncated to 128 bits) covers the position and a scope naming the query it belongs to, so a token that was
 * altered, forged, or replayed against a different filter or order fails with Graph's 400 "Invalid Skip
 * Token" instead of producing a wrong page. Like Graph's, tokens do not expire. Every node of a cluster must
 * use the same secret.
 */
export class SkipTokenCodec {
  private readonly issued = new Map<string, string>();
  private readonly innerPad: Buffer;
  private readonly outerPad: Buffer;

  constructor(secret: string | Buffer) {
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (bytes.length < 16) throw new RangeError('A skip-token secret needs at least 16 bytes.');
    // HMAC-SHA256 (RFC 2104) with the padded keys computed once: every listing page signs a token, and
    // setting up a keyed hash object per token cost more than the rest of the paging.
    const key = bytes.length > 64 ? hash('sha256', bytes, 'buffer') : bytes;
    this.innerPad = Buffer.alloc(64, 0x36);
    this.outerPad = Buffer.alloc(64, 0x5c);
    for (let i = 0; i < key.length; i++) {
      this.innerPad[i]! ^= key[i]!;
      this.outerPad[i]! ^= key[i]!;
    }
  }

  encode(position: PagePosition, scope: string): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, k: position.keys, i: position.id }), 'utf8').toString('base64url');
    // Clients poll the same listings: the MAC of a page they were given before is remembered, not recomputed.
    const key = `${scope}\n${payload}`;
    let token = this.issued.get(key);
    if (token === undefined) {
      token = `${payload}.${this.mac(payload, scope).toString('base64url')}`;
      if (this.issued.size >= issuedTokensKept) this.issued.clear();
      this.issued.set(key, token);
    }
    return token;
  }

  /** The position a token carries; throws InvalidSkipTokenError for anything this codec did not issue for `scope`. */
  decode(token: string, scope: string): PagePosition {
    const [payload, mac, extra] = token.split('.');
    const base64url = /^[A-Za-z0-9_-]+$/;
    if (payload === undefined || mac === undefined || extra !== undefined || !base64url.test(payload) || !base64url.test(mac)) {
      throw new InvalidSkipTokenError();
    }
    const expected = this.mac(payload, scope);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidSkipTokenError();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidSkipTokenError();
    }
    if (!isPayload(parsed)) throw new InvalidSkipTokenError();
    return Object.freeze({ keys: Object.freeze([...parsed.k]), id: parsed.i });
  }

  private mac(payload: string, scope: string): Buffer {
    const inner = hash('sha256', Buffer.concat([this.innerPad, Buffer.from(`${scope}\n${payload}`, 'utf8')]), 'buffer');
    return hash('sha256', Buffer.concat([this.outerPad, inner]), 'buffer').subarray(0, 16);
  }
}

/**
 * The scope a listing's tokens are bound to: the resource plus everything that changes which rows come
 * after a position — filter, search and order. `$top` and `$select` may change between pages.
 */
export function skipTokenScope(resource: string, options: Pick<QueryOptions, 'filter' | 'search' | 'orderBy'>): string {
  return JSON.stringify([
    resource,
    options.filter?.text ?? null,
    options.search?.text ?? null,
    (options.orderBy ?? []).map((item) => `${item.property} ${item.direction}`),
  ]);
}

function isPayload(value: unknown): value is { v: 1; k: SortValue[]; i: string } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.v === 1 &&
    typeof record.i === 'string' &&
    Array.isArray(record.k) &&
    record.k.every((key) => key === null || ['string', 'number', 'boolean'].includes(typeof key))
  );
}
