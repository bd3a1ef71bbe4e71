import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from 'ldapts';

/**
 * A throw-away OpenLDAP slapd for tests (real-peers §2): mdb database for `dc=example,dc=test` with the
 * memberof overlay, old-style slapd.conf in a temp dir, foreground child on 127.0.0.1 and a free port,
 * seeded with the suffix, ou=People and ou=Groups. Starts in well under a second.
 *
 * When slapd is missing, suites skip with a visible message; with CI=true they fail.
 */
const schemaDir = '/etc/ldap/schema';
const moduleDir = '/usr/lib/ldap';

async function findBinary(name: string): Promise<string | undefined> {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin']) {
    try {
      await access(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // try the next directory
    }
  }
  return undefined;
}

let probe: Promise<boolean> | undefined;

export function openLdapAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const slapd = await findBinary('slapd');
    const schema = await access(join(schemaDir, 'inetorgperson.schema')).then(() => true, () => false);
    const memberof = await access(join(moduleDir, 'memberof.so')).then(() => true, () => false);
    if (slapd !== undefined && schema && memberof) return true;
    const what = 'OpenLDAP slapd (with schema files and the memberof module) not found (apt-get install slapd)';
    if (process.env.CI === 'true') throw new Error(`${what}: required in CI`);
    console.warn(`\n[provisio] ${what}: OpenLDAP suites are SKIPPED.\n`);
    return false;
  })();
  return probe;
}

/** True when OpenLDAP suites must run: top-level await in a test file can gate `describe.skipIf`. */
export const hasOpenLdap = await openLdapAvailable();

export interface OpenLdapServer {
  readonly url: string;
  readonly port: number;
  readonly baseDn: string;
  readonly adminDn: string;
  readonly adminPassword: string;
  readonly dir: string;
  /** Job secrets for binding as the rootdn over plain LDAP (allowed explicitly). */
  secrets(overrides?: Readonly<Record<string, string>>): Map<string, string>;
  /** An ldapts client bound as the rootdn; close it with unbind(). */
  adminClient(): Promise<Client>;
  /** Stops slapd and starts it again on the same port with the same data (open connections drop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface OpenLdapOptions {
  /** Default dc=example,dc=test (the Domain secret example.test). */
  readonly domain?: string;
  readonly adminPassword?: string;
}

export async function startOpenLdap(options: OpenLdapOptions = {}): Promise<OpenLdapServer> {
  if (!(await openLdapAvailable())) throw new Error('slapd is not installed');
  const domain = options.domain ?? 'example.test';
  const baseDn = domain.split('.').map((label) => `dc=${label}`).join(',');
  const adminDn = `cn=admin,${baseDn}`;
  const adminPassword = options.adminPassword ?? 'secret';
  const dir = await mkdtemp(join(tmpdir(), 'provisio-slapd-'));
  await mkdir(join(dir, 'data'));
  const config = [
    ...['core', 'cosine', 'inetorgperson', 'nis'].map((s) => `include ${join(schemaDir, `${s}.schema`)}`),
    `modulepath ${moduleDir}`,
    'moduleload back_mdb',
    'moduleload memberof',
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    // Paged full reads must not be cut at slapd's default of 500 entries.
    'sizelimit unlimited',
    'database mdb',
    `suffix "${baseDn}"`,
    `rootdn "${adminDn}"`,
    `rootpw ${adminPassword}`,
    `directory ${join(dir, 'data')}`,
    'maxsize 104857600',
    'index objectClass eq',
    'index entryCSN,entryUUID eq',
    'overlay memberof',
    '',
  ].join('\n');
  await writeFile(join(dir, 'slapd.conf'), config);

  let child: ChildProcess | undefined;
  let stderr = '';
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const halt = async (): Promise<void> => {
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const launch = async (url: string): Promise<boolean> => {
    stderr = '';
    child = spawn('slapd', ['-d', '0', '-h', `${url}/`, '-f', join(dir, 'slapd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return waitForLdap(url, child);
  };
  const stop = async (): Promise<void> => {
    await halt();
    process.removeListener('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
  };

  let url = '';
  let port = 0;
  try {
    // A port picked by the kernel can be taken by someone else before slapd binds it: retry a few times.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      url = `ldap://127.0.0.1:${port}`;
      if (await launch(url)) break;
      if (attempt >= 4) throw new Error(`slapd did not start: ${stderr.slice(-2000)}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const adminClient = async (): Promise<Client> => {
    const client = new Client({ url, timeout: 30_000 });
    await client.bind(adminDn, adminPassword);
    return client;
  };
  const client = await adminClient();
  try {
    const [first] = domain.split('.');
    await client.add(baseDn, { objectClass: ['dcObject', 'organization'], o: domain, dc: first as string });
    await client.add(`ou=People,${baseDn}`, { objectClass: 'organizationalUnit', ou: 'People' });
    await client.add(`ou=Groups,${baseDn}`, { objectClass: 'organizationalUnit', ou: 'Groups' });
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await client.unbind();
  }

  return {
    url,
    port,
    baseDn,
    adminDn,
    adminPassword,
    dir,
    secrets: (overrides = {}) =>
      new Map(
        Object.entries({
          Domain: JSON.stringify({ domain }),
          Server: url,
          UserName: adminDn,
          Password: adminPassword,
          AllowInsecureLdap: 'true',
          ...overrides,
        }),
      ),
    adminClient,
    restart: async () => {
      await halt();
      if (!(await launch(url))) throw new Error(`slapd did not restart on ${url}: ${stderr.slice(-2000)}`);
    },
    stop,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True once slapd answers; false when it exited (e.g. the port was taken). */
async function waitForLdap(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const client = new Client({ url, connectTimeout: 1000, timeout: 2000 });
    try {
      await client.search('', { scope: 'base', attributes: ['namingContexts'] });
      return true;
    } catch {
      // not ready yet
    } finally {
      await client.unbind().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`slapd at ${url} not ready after 30 s`);
}
