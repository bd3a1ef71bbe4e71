import { spawnSync } from 'node:child_process';
import { hasSamba, startSambaDc, type SambaDc } from '../../test/support/samba-ad.js';

/** Entries per ldbmodify run when adding accounts. */
const ACCOUNT_CHUNK = 500;
// Samba computes every key of a password (tens of ms each): small chunks stay within ldbmodify's timeout on a loaded machine.
const PASSWORD_CHUNK = 100;

/** True when a DC can be started and read over MS-DRSR: Samba and its Python bindings for the helper process. */
export const hasReplicationDc =
  hasSamba && spawnSync('/usr/bin/python3', ['-I', '-c', 'import samba.dcerpc.drsuapi'], { stdio: 'ignore' }).status === 0;

export interface PasswordBenchDc {
  readonly dc: SambaDc;
  /** The OU holding the accounts. */
  readonly ou: string;
  /** sAMAccountNames of the accounts, in order. */
  readonly names: readonly string[];
  /** An account with the two replication rights (Replicating Directory Changes, … All) on the domain root. */
  readonly sync: { readonly name: string; readonly password: string };
}

/** A DC with `users` enabled accounts without passwords in OU=Bench, and an account that may replicate them. */
export async function startPasswordBenchDc(users: number): Promise<PasswordBenchDc> {
  const dc = await startSambaDc({ services: ['ldap', 'rpc'] });
  try {
    const sync = { name: 'svc-phs', password: 'Passw0rd!Sync1' };
    const ou = await dc.createOu('Bench');
    const account = await dc.createUser({ name: sync.name, password: sync.password });
    for (const right of ['get-changes', 'get-changes-all']) {
      await dc.tool('dsacl', 'set', `--car=${right}`, '--action=allow', `--objectdn=${dc.baseDn}`, `--trusteedn=${account.dn}`);
    }
    const names = Array.from({ length: users }, (_, i) => `user${String(i).padStart(5, '0')}`);
    for (let i = 0; i < users; i += ACCOUNT_CHUNK) {
      // 544 = normal account, password not required: created without a password, enabled.
      const ldif = names.slice(i, i + ACCOUNT_CHUNK).map((name) =>
        [`dn: CN=${name},${ou}`, 'changetype: add', 'objectClass: user', `sAMAccountName: ${name}`, 'userAccountControl: 544', ''].join('\n'),
      );
      await dc.ldbModify(`${ldif.join('\n')}\n`);
    }
    return { dc, ou, names, sync };
  } catch (error) {
    await dc.stop();
    throw error;
  }
}

/** The password setPasswords gives account number `index`. */
export const benchPassword = (index: number): string => `Bench!Pass-${index}`;

/** Sets every account's password directly in sam.ldb (Samba's work, not the engine's); returns the seconds it took. */
export async function setPasswords({ dc, ou, names }: PasswordBenchDc): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < names.length; i += PASSWORD_CHUNK) {
    const ldif = names.slice(i, i + PASSWORD_CHUNK).map((name, j) => {
      const value = Buffer.from(`"${benchPassword(i + j)}"`, 'utf16le').toString('base64');
      return [`dn: CN=${name},${ou}`, 'changetype: modify', 'replace: unicodePwd', `unicodePwd:: ${value}`, ''].join('\n');
    });
    await dc.ldbModify(`${ldif.join('\n')}\n`);
  }
  return (performance.now() - started) / 1000;
}
