import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';

/**
 * A throw-away Samba 4 Active Directory domain controller for tests (real-peers §1): provisioned into a
 * temp dir, `-M single`, LDAP only, bound to one loopback address. Samba's ports are fixed (389/636), so
 * each instance takes its own address (127.0.0.1, 127.0.0.2, ...) under a lock file; test files can run
 * side by side. Provisioning takes seconds: start one instance per test file in `beforeAll`.
 *
 * When the Samba binaries are missing, suites skip with a visible message; with CI=true they fail.
 */
const requiredBinaries = ['samba', 'samba-tool', 'ldbmodify'];
const lockDir = join(tmpdir(), 'provisio-samba-locks');

async function findBinary(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next directory
    }
  }
  return undefined;
}

let probe: Promise<boolean> | undefined;

export function sambaAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const missing: string[] = [];
    for (const name of requiredBinaries) if ((await findBinary(name)) === undefined) missing.push(name);
    if (missing.length === 0) return true;
    const what = `Samba AD DC binaries not found (${missing.join(', ')}; apt-get install samba samba-ad-dc samba-ad-provision ldb-tools)`;
    if (process.env.CI === 'true') throw new Error(`${what}: required in CI`);
    console.warn(`\n[provisio] ${what}: Samba AD suites are SKIPPED.\n`);
    return false;
  })();
  return probe;
}

/** True when Samba suites must run: top-level await in a test file can gate `describe.skipIf`. */
export const hasSamba = await sambaAvailable();

export interface SambaDcOptions {
  /** Kerberos realm; the DNS domain is its lower-case form. Default EXAMPLE.TEST. */
  readonly realm?: string;
  /** NetBIOS domain name. Default EXAMPLE. */
  readonly netbiosDomain?: string;
  readonly adminPassword?: string;
  /** Loopback address to bind; default: the first free one from 127.0.0.1 on. */
  readonly address?: string;
  /**
   * Samba `server services`; default only `ldap`. Directory replication (MS-DRSR, password hash sync)
   * also needs `rpc` (endpoint mapper on 135 and the DRSUAPI endpoint on the dynamic ports).
   */
  readonly services?: readonly string[];
  /**
   * More `[global]` smb.conf parameters, e.g. `{ 'dsdb:schema update allowed': 'true' }` to extend the
   * schema over LDAP (Samba refuses schema writes without it).
   */
  readonly globalParameters?: Readonly<Record<string, string>>;
  /** sam.ldb's database: `tdb` (provision's default) or `mdb` (LMDB). */
  readonly backendStore?: 'tdb' | 'mdb';
}

export interface SambaUser {
  readonly dn: string;
  readonly sAMAccountName: string;
  readonly userPrincipalName: string;
}

export interface SambaDc {
  readonly address: string;
  /** ldap://address:389 */
  readonly ldapUrl: string;
  /** ldaps://address:636 */
  readonly ldapsUrl: string;
  readonly realm: string;
  /** DNS domain, e.g. example.test */
  readonly domain: string;
  readonly netbiosDomain: string;
  /** DC=example,DC=test */
  readonly baseDn: string;
  /** Administrator@example.test */
  readonly adminUpn: string;
  readonly adminPassword: string;
  /** PEM of the CA that signed the DC's self-signed LDAPS certificate. */
  readonly caCertificate: string;
  /** Name in the DC certificate (it has no IP SAN). */
  readonly tlsServerName: string;
  readonly dir: string;
  /** Job secrets for binding as the Administrator (plain LDAP allowed unless overridden). */
  secrets(overrides?: Readonly<Record<string, string>>): Map<string, string>;
  /** Runs `samba-tool <args> -s <smb.conf>` and returns stdout. */
  tool(...args: string[]): Promise<string>;
  /** Applies LDIF directly to sam.ldb with ldbmodify (as the system, past ACLs), e.g. to change security descriptors. */
  ldbModify(ldif: string, controls?: readonly string[], timeoutMs?: number): Promise<void>;
  /** An ldapts client bound as Administrator over LDAPS (needed for passwords); close it with unbind(). */
  adminClient(): Promise<Client>;
  createOu(name: string, parentDn?: string): Promise<string>;
  createUser(user: {
    readonly name: string;
    readonly parentDn?: string;
    readonly password?: string;
    readonly givenName?: string;
    readonly sn?: string;
    readonly mail?: string;
    readonly attributes?: Readonly<Record<string, string | readonly string[]>>;
  }): Promise<SambaUser>;
  createGroup(group: { readonly name: string; readonly parentDn?: string; readonly members?: readonly string[] }): Promise<string>;
  /** Lets `accountDn` list and read CN=Deleted Objects (what the uSNChanged delta method needs). */
  grantDeletedObjectsRead(accountDn: string): Promise<void>;
  /**
   * Stops the DC's samba process as a server going down: connections drop, new ones are refused; the domain
   * and the address stay (ldbModify still works on the stopped DC's sam.ldb). `startServer` brings it back.
   */
  stopServer(): Promise<void>;
  /** Starts the stopped DC again with the same domain and address; resolves once LDAP answers. */
  startServer(): Promise<void>;
  /** Stops the DC and removes it. */
  stop(): Promise<void>;
}

export async function startSambaDc(options: SambaDcOptions = {}): Promise<SambaDc> {
  if (!(await sambaAvailable())) throw new Error('Samba is not installed');
  const realm = options.realm ?? 'EXAMPLE.TEST';
  const domain = realm.toLowerCase();
  const netbiosDomain = options.netbiosDomain ?? 'EXAMPLE';
  const adminPassword = options.adminPassword ?? 'Passw0rd!Example';
  const dir = await mkdtemp(join(tmpdir(), 'provisio-samba-'));
  const address = options.address ?? (await claimAddress(dir));
  if (options.address !== undefined && !(await takeLock(options.address, dir))) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${options.address} is in use by another Samba test instance`);
  }
  const conf = join(dir, 'etc', 'smb.conf');
  let child: ChildProcess | undefined;
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  /** Stops the samba process (SIGTERM, SIGKILL after 10 s); the domain's data stays. */
  const halt = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit);
  };
  /** Starts samba on the provisioned domain and waits until its LDAP service answers. */
  const launch = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const log = await open(join(dir, 'log', 'samba.stdout'), 'a');
    child = spawn('samba', ['-s', conf, '--foreground', '--no-process-group', '-M', 'single'], { stdio: ['ignore', log.fd, log.fd] });
    await log.close();
    process.once('exit', killOnExit);
    await writeLock(address, dir, child.pid);
    await waitForLdap(`ldap://${address}:389`, child, dir);
  };
  const release = async (): Promise<void> => {
    await halt();
    await rm(dir, { recursive: true, force: true });
    await rm(lockPath(address), { force: true });
  };

  try {
    await run('samba-tool', [
      'domain', 'provision',
      `--realm=${realm}`, `--domain=${netbiosDomain}`, '--server-role=dc', '--dns-backend=NONE', '--use-rfc2307',
      `--adminpass=${adminPassword}`, `--targetdir=${dir}`, '--host-name=dc1', `--host-ip=${address}`,
      `--option=interfaces=${address}/8`, '--option=bind interfaces only=yes',
      ...(options.backendStore === undefined ? [] : [`--backend-store=${options.backendStore}`]),
    ], 180_000);
    await mkdir(join(dir, 'log'), { recursive: true });
    await mkdir(join(dir, 'run'), { recursive: true });
    // provision does not write other --option values into smb.conf (real-peers §1): patch it. Simple binds
    // over plain LDAP need 'ldap server require strong auth = no'; only the LDAP service is needed; the pid
    // file must be private or a second instance refuses to start ("samba is already running").
    const original = await readFile(conf, 'utf8');
    const patched = original
      .replace(
        /\tlog file = .*/,
        `\tlog file = ${join(dir, 'log', 'log.%m')}\n\tpid directory = ${join(dir, 'run')}\n\tldap server require strong auth = no`,
      )
      .replace(/\tserver services = .*/, () =>
        [
          `\tserver services = ${(options.services ?? ['ldap']).join(', ')}`,
          ...Object.entries(options.globalParameters ?? {}).map(([name, value]) => `\t${name} = ${value}`),
        ].join('\n'),
      );
    await writeFile(conf, patched);
    await launch();
  } catch (error) {
    await release();
    throw error;
  }

  const baseDn = realm.split('.').map((label) => `DC=${label.toLowerCase()}`).join(',');
  const adminUpn = `Administrator@${domain}`;
  const caCertificate = readFileSync(join(dir, 'private', 'tls', 'ca.pem'), 'utf8');
  const tlsServerName = `DC1.${domain}`;
  const ldapsUrl = `ldaps://${address}:636`;

  const adminClient = async (): Promise<Client> => {
    const client = new Client({ url: ldapsUrl, tlsOptions: { ca: caCertificate, servername: tlsServerName }, timeout: 30_000 });
    await client.bind(adminUpn, adminPassword);
    return client;
  };
  const ldbModify = async (ldif: string, controls: readonly string[] = [], timeoutMs = 60_000): Promise<void> => {
    const file = join(dir, `modify-${Date.now()}-${Math.random().toString(16).slice(2)}.ldif`);
    await writeFile(file, ldif);
    try {
      // A throw-away DC needs no fsync per transaction: --nosync about halves the time of bulk writes.
      await run('ldbmodify', ['-H', join(dir, 'private', 'sam.ldb'), '--nosync', ...controls.map((c) => `--controls=${c}`), file], timeoutMs);
    } finally {
      await rm(file, { force: true });
    }
  };
  const withAdmin = async <T>(action: (client: Client) => Promise<T>): Promise<T> => {
    const client = await adminClient();
    try {
      return await action(client);
    } finally {
      await client.unbind();
    }
  };

  return {
    address,
    ldapUrl: `ldap://${address}:389`,
    ldapsUrl,
    realm,
    domain,
    netbiosDomain,
    baseDn,
    adminUpn,
    adminPassword,
    caCertificate,
    tlsServerName,
    dir,
    secrets: (overrides = {}) =>
      new Map(
        Object.entries({
          Domain: JSON.stringify({ domain }),
          Server: `ldap://${address}:389`,
          UserName: adminUpn,
          Password: adminPassword,
          StartTls: 'false',
          AllowInsecureLdap: 'true',
          ...overrides,
        }),
      ),
    tool: (...args) => run('samba-tool', [...args, '-s', conf], 60_000),
    ldbModify,
    adminClient,
    createOu: (name, parentDn = baseDn) =>
      withAdmin(async (client) => {
        const dn = `OU=${name},${parentDn}`;
        await client.add(dn, { objectClass: ['top', 'organizationalUnit'], ou: name });
        return dn;
      }),
    createUser: (user) =>
      withAdmin(async (client) => {
        const dn = `CN=${user.name},${user.parentDn ?? `CN=Users,${baseDn}`}`;
        const userPrincipalName = `${user.name}@${domain}`;
        const optional = Object.fromEntries(
          Object.entries({ givenName: user.givenName, sn: user.sn, mail: user.mail }).filter(([, v]) => v !== undefined),
        ) as Record<string, string>;
        // Without a password an account can only be enabled with PASSWD_NOTREQD (512 | 32 = 544).
        await client.add(dn, {
          objectClass: ['top', 'person', 'organizationalPerson', 'user'],
          sAMAccountName: user.name,
          userPrincipalName,
          userAccountControl: user.password === undefined ? '544' : '546',
          ...optional,
          ...(user.attributes as Record<string, string | string[]> | undefined),
        });
        if (user.password !== undefined) {
          const unicodePwd = Buffer.from(`"${user.password}"`, 'utf16le');
          await client.modify(dn, [
            new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd] }) }),
          ]);
          await client.modify(dn, [
            new Change({ operation: 'replace', modification: new Attribute({ type: 'userAccountControl', values: ['512'] }) }),
          ]);
        }
        return { dn, sAMAccountName: user.name, userPrincipalName };
      }),
    createGroup: (group) =>
      withAdmin(async (client) => {
        const dn = `CN=${group.name},${group.parentDn ?? `CN=Users,${baseDn}`}`;
        await client.add(dn, {
          objectClass: ['top', 'group'],
          sAMAccountName: group.name,
          ...(group.members && group.members.length > 0 ? { member: [...group.members] } : {}),
        });
        return dn;
      }),
    grantDeletedObjectsRead: async (accountDn) => {
      const sid = await withAdmin(async (client) => {
        const { searchEntries } = await client.search(accountDn, { scope: 'base', attributes: ['objectSid'], explicitBufferAttributes: ['objectSid'] });
        return sidText(searchEntries[0]?.objectSid as Buffer);
      });
      // Samba's default DACL of CN=Deleted Objects (SYSTEM full control, Administrators list + read) plus
      // list + read for the account: the `dsacls "CN=Deleted Objects,..." /G account:LCRP` of Windows.
      const ldif = [
        `dn: CN=Deleted Objects,${baseDn}`,
        'changetype: modify',
        'replace: nTSecurityDescriptor',
        `nTSecurityDescriptor: D:PAI(A;;RPWPCCDCLCRCWOWDSDSW;;;SY)(A;;RPLC;;;BA)(A;;RPLC;;;${sid})`,
        '',
      ].join('\n');
      await ldbModify(ldif, ['show_deleted:1', 'sd_flags:1:4']);
    },
    stopServer: halt,
    startServer: launch,
    stop: release,
  };
}

function sidText(bytes: Buffer): string {
  const count = bytes.readUInt8(1);
  const subs = Array.from({ length: count }, (_, i) => bytes.readUInt32LE(8 + 4 * i));
  return [`S-${bytes.readUInt8(0)}-${bytes.readUIntBE(2, 6)}`, ...subs].join('-');
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.slice(0, 2).join(' ')} failed (${signal ?? code}): ${(stderr || stdout).slice(-2000)}`));
    });
  });
}

async function waitForLdap(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(join(dir, 'log', 'samba.stdout'), 'utf8').catch(() => '');
      throw new Error(`samba exited before LDAP was ready: ${log.slice(-2000)}`);
    }
    const client = new Client({ url, connectTimeout: 1000, timeout: 2000 });
    try {
      const { searchEntries } = await client.search('', { scope: 'base', attributes: ['defaultNamingContext'] });
      if (searchEntries[0]?.defaultNamingContext) {
        // The LDAPS certificate is written on the first start of the LDAP service.
        await access(join(dir, 'private', 'tls', 'ca.pem'));
        return;
      }
    } catch {
      // not ready yet
    } finally {
      await client.unbind().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`Samba LDAP at ${url} not ready after 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function lockPath(address: string): string {
  return join(lockDir, `${address}.lock`);
}

interface LockRecord {
  readonly owner: number;
  readonly samba?: number;
  readonly dir: string;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the address's lock file; a lock whose test process died is reclaimed and its orphaned samba stopped. */
async function takeLock(address: string, dir: string): Promise<boolean> {
  await mkdir(lockDir, { recursive: true });
  const path = lockPath(address);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, JSON.stringify({ owner: process.pid, dir } satisfies LockRecord), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const record = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as Partial<LockRecord>;
      if (alive(record.owner)) return false;
      if (alive(record.samba) && record.dir && commandLine(record.samba as number).includes(record.dir)) {
        process.kill(record.samba as number, 'SIGKILL');
      }
      if (record.dir) await rm(record.dir, { recursive: true, force: true });
      await rm(path, { force: true });
    }
  }
  return false;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

async function writeLock(address: string, dir: string, samba: number | undefined): Promise<void> {
  await writeFile(lockPath(address), JSON.stringify({ owner: process.pid, samba, dir } satisfies LockRecord));
}

function portFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

async function claimAddress(dir: string): Promise<string> {
  for (let n = 1; n <= 30; n++) {
    const address = `127.0.0.${n}`;
    if (!(await takeLock(address, dir))) continue;
    if ((await portFree(address, 389)) && (await portFree(address, 636))) return address;
    await rm(lockPath(address), { force: true });
  }
  throw new Error('No free loopback address with ports 389 and 636 for a Samba DC');
}
