import { AdDirSyncReader } from './ad-dirsync-reader.js';
import { AdUsnReader } from './ad-usn-reader.js';
import type { DeltaMethod, DeltaReader } from './change-batch.js';
import { DirSyncControl, DirSyncFlags } from './dirsync-control.js';
import type { LdapConnection } from './ldap-connection.js';
import { LdapConfigurationError, LdapInsufficientRightsError } from './ldap-errors.js';
import { OpenLdapCsnReader, type OpenLdapDeltaOptions } from './openldap-csn-reader.js';
import { decodeWatermark } from './watermark.js';

export interface DeltaReaderOptions extends OpenLdapDeltaOptions {
  /** Force a method; by default the watermark's method, else the best the server and account allow. */
  readonly method?: DeltaMethod;
}

/**
 * Picks the delta method: the one that wrote `watermark` (so a job keeps its method across cycles), else
 * DirSync on AD when the account may use it, uSNChanged on AD otherwise, entryCSN on OpenLDAP.
 */
export async function createDeltaReader(connection: LdapConnection, options: DeltaReaderOptions, watermark?: string): Promise<DeltaReader> {
  const method = options.method ?? decodeWatermark(watermark)?.method ?? (await bestDeltaMethod(connection));
  switch (method) {
    case 'dirSync':
      return new AdDirSyncReader(connection, options);
    case 'usnChanged':
      return new AdUsnReader(connection, options);
    case 'entryCsn':
      return new OpenLdapCsnReader(connection, options);
  }
}

export async function bestDeltaMethod(connection: LdapConnection): Promise<DeltaMethod> {
  const dse = await connection.rootDse();
  if (dse.kind === 'openLdap') return 'entryCsn';
  if (dse.kind === 'activeDirectory') return (await canUseDirSync(connection)) ? 'dirSync' : 'usnChanged';
  throw new LdapConfigurationError(
    `The server at ${connection.server ?? '?'} (${dse.vendorName ?? 'unknown vendor'}) is neither Active Directory nor OpenLDAP: no delta method applies`,
  );
}

/** True when the bind account may run DirSync (it holds "Replicating Directory Changes" on the domain). */
export async function canUseDirSync(connection: LdapConnection, base = connection.settings.baseDn): Promise<boolean> {
  try {
    await connection.searchOnce(
      { base, filter: '(&(objectClass=top)(!(objectClass=top)))', attributes: ['objectGUID'] },
      [new DirSyncControl({ flags: DirSyncFlags.INCREMENTAL_VALUES })],
    );
    return true;
  } catch (error) {
    if (error instanceof LdapInsufficientRightsError) return false;
    throw error;
  }
}
