import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Store } from '../store/store.js';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  verifyKey: SigningKey;
  signKey: SigningKey;
  createdAt: string;
  supersededAt: string | null;
}

export interface SigningKeyRingOptions {
  /** Keys superseded longer ago than this no longer verify anything and leave the JWKS. */
  retention: number;
  now?: () => Date;
}

/**
 * The tenant's RS256 signing keys, persisted in the store. The newest key signs; superseded keys keep
 * verifying (and stay in the JWKS) until every token they signed has expired, so rotation never
 * invalidates a live token. Other nodes learn of a rotation when they meet an unknown `kid`.
 */
export class SigningKeyRing {
  private keys: LoadedKey[] = [];
  private lastReload = 0;

  constructor(
    private readonly store: Store,
    private readonly options: SigningKeyRingOptions,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Loads the keys, creating the first one on a new store. */
  async load(): Promise<void> {
    await this.reload();
    if (this.keys.length === 0) {
      await this.rotate();
    }
  }

  private async reload(): Promise<void> {
    const rows = await this.store.db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
    const cutoff = this.now().getTime() - this.options.retention * 1000;
    const live = rows.filter((row) => row.superseded_at === null || Date.parse(row.superseded_at) > cutoff);
    this.keys = await Promise.all(
      live.map(async (row) => {
        const publicJwk = JSON.parse(row.public_jwk) as JWK;
        return {
          kid: row.kid,
          publicJwk,
          verifyKey: await importJWK(publicJwk, 'RS256'),
          signKey: await importJWK(JSON.parse(row.private_jwk) as JWK, 'RS256'),
          createdAt: row.created_at,
          supersededAt: row.superseded_at,
        };
      }),
    );
    this.lastReload = Date.now();
  }

  /** Creates a new signing key; the previous one keeps verifying the tokens it signed. */
  async rotate(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const kid = randomUUID().replace(/-/g, '');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
    const now = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('signing_keys').set({ superseded_at: now }).where('superseded_at', 'is', null).execute();
      await trx
        .insertInto('signing_keys')
        .values({
          kid,
          algorithm: 'RS256',
          public_jwk: JSON.stringify(publicJwk),
          private_jwk: JSON.stringify(privateJwk),
          created_at: now,
          superseded_at: null,
        })
        .execute();
    });
    const cutoff = new Date(this.now().getTime() - this.options.retention * 1000).toISOString();
    await this.store.db.deleteFrom('signing_keys').where('superseded_at', '<', cutoff).execute();
    await this.reload();
    return kid;
  }

  signingKey(): { kid: string; key: SigningKey } {
    const active = this.keys.find((key) => key.supersededAt === null) ?? this.keys[0];
    if (!active) throw new Error('Signing keys are not loaded');
    return { kid: active.kid, key: active.signKey };
  }

  /** The key for a `kid`, reloading at most once a second so a rotation on another node is picked up. */
  async verificationKey(kid: string): Promise<SigningKey | undefined> {
    const found = this.keys.find((key) => key.kid === kid);
    if (found) return found.verifyKey;
    if (Date.now() - this.lastReload < 1000) return undefined;
    await this.reload();
    return this.keys.find((key) => key.kid === kid)?.verifyKey;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  list(): { kid: string; createdAt: string; supersededAt: string | null }[] {
    return this.keys.map(({ kid, createdAt, supersededAt }) => ({ kid, createdAt, supersededAt }));
  }
}
