import type { AccessTokenVerifier } from '../auth/access-tokens.js';
import type { SigningKeyRing } from '../auth/signing-keys.js';
import type { Config } from '../config/config.js';
import type { ProvisioningEngine } from '../engine/index.js';
import type { Tenant } from '../directory/tenant.js';
import type { Store } from '../store/store.js';
import type { SecretStore } from '../sync/secrets/secret-store.js';
import type { SkipTokenCodec } from './odata/index.js';
import type { Metrics } from './operations/metrics.js';

/** What the HTTP layer is built from: configuration and the long-lived services, created once at start. */
export interface ServiceContext {
  readonly config: Config;
  readonly store: Store;
  readonly tenant: Tenant;
  readonly keys: SigningKeyRing;
  readonly tokens: AccessTokenVerifier;
  readonly metrics: Metrics;
  readonly secrets: SecretStore;
  /** Signs `$skiptoken`s; its key is shared by every node through the store. */
  readonly skipTokens: SkipTokenCodec;
  /** The provisioning engine (runner and provisionOnDemand). */
  readonly engine: ProvisioningEngine;
}
