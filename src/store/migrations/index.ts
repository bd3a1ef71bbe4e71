import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-synchronization.js';
import * as m0003 from './0003-directory-objects.js';
import * as m0004 from './0004-provisioning-logs.js';
import * as m0005 from './0005-engine.js';
import * as m0006 from './0006-password-hash-sync.js';
import * as m0007 from './0007-contacts-and-source-anchors.js';

export interface NumberedMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema of their time
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/**
 * Every migration, in order. Names are zero-padded so that Kysely's lexical ordering is numeric. A released
 * migration is never edited: add the next number instead. A store may already have a higher number than a
 * migration it still lacks (the two landed out of order), so a migration relies only on lower numbers and works
 * whether or not higher ones ran.
 */
export const migrations: Readonly<Record<string, NumberedMigration>> = {
  '0001-foundation': m0001,
  '0002-synchronization': m0002,
  '0003-directory-objects': m0003,
  '0004-provisioning-logs': m0004,
  '0005-engine': m0005,
  '0006-password-hash-sync': m0006,
  '0007-contacts-and-source-anchors': m0007,
};
