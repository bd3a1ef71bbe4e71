import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrsrPasswordHashSource } from './drsr-password-hash-source.js';
import type { DrsrSourceOptions } from './drsr-password-hash-source.js';
import type { HashBatch } from './password-hash-source.js';
import type { ReplicationSettings } from './replication-settings.js';

/*
 * Supervision of the helper process, with a stand-in helper (a Node script speaking the protocol) so
 * crashes, garbage, silence and early exits can be produced at will. The real helper is exercised
 * against Samba in ad-password-hashes.samba.test.ts.
 */
const password = 'Secret!Pass1';
const settings: ReplicationSettings = {
  servers: ['dc1.example.test', 'dc2.example.test'],
  account: 'svc@example.test',
  password,
  namingContext: 'DC=example,DC=test',
  scope: 'OU=Staff,DC=example,DC=test',
};
const hashA = 'd2367575b80a5eaa567f0dc4e7e8e17e';
const hashB = '353ffe7ab5840d588af247f2bbcbd1a2';

const fakeHelper = String.raw`
const scenario = process.argv[2];
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const request = JSON.parse(input);
  const out = (line) => process.stdout.write(line + '\n');
  const object = (hash, name, guid) => out('{"ntHash":' + (hash ? '"' + hash + '"' : 'null') + ',"type":"object","guid":"' + guid +
    '","sid":"S-1-5-21-1-2-3-1105","dn":"CN=' + name + ',OU=Staff,DC=example,DC=test","samAccountName":"' + name + '","pwdLastSet":"134399155045643150"}');
  const echo = [process.pid, request.protocol, request.operation, request.servers.join(','), request.account,
    request.password === '${password}' ? 'password-ok' : 'password-wrong', request.namingContext, request.scope,
    request.watermark ?? '-', request.object ?? '-', request.chunkSize, request.timeoutSeconds].join('|');
  switch (scenario) {
    case 'ok':
      out(JSON.stringify({ type: 'connected', server: echo }));
      object('${hashA}', 'alice', '9a5c40f3-725e-4067-8c5f-7973c4dcd3f4');
      object(null, 'guest', '38fb332d-99eb-4ef3-877c-5fc05e8761b5');
      out('{"type":"batch","objects":2,"watermark":null}');
      object('${hashB}', 'bob', '72749803-6e2b-4c7b-b03f-d878f13df20e');
      out('{"type":"deleted","guid":"24F8F6E9-DA05-433E-8ABA-7AA3902E0518"}');
      out('{"type":"batch","objects":1,"watermark":"drs1.next"}');
      out('{"type":"end"}');
      return;
    case 'crash':
      out(JSON.stringify({ type: 'connected', server: 'dc1' }));
      object('${hashA}', 'alice', '9a5c40f3-725e-4067-8c5f-7973c4dcd3f4');
      process.stderr.write('Traceback: request had password ${password} and hash ${hashB}\nSegmentation fault\n');
      process.exit(3);
    case 'garbage':
      out(JSON.stringify({ type: 'connected', server: 'dc1' }));
      out('Traceback (most recent call last):');
      return;
    case 'no-end':
      out(JSON.stringify({ type: 'connected', server: 'dc1' }));
      out('{"type":"batch","objects":0,"watermark":"drs1.x"}');
      return;
    case 'count-mismatch':
      object('${hashA}', 'alice', '9a5c40f3-725e-4067-8c5f-7973c4dcd3f4');
      out('{"type":"batch","objects":2,"watermark":null}');
      out('{"type":"end"}');
      return;
    case 'deletion-after-last-batch':
      out('{"type":"batch","objects":0,"watermark":"drs1.x"}');
      out('{"type":"deleted","guid":"24f8f6e9-da05-433e-8aba-7aa3902e0518"}');
      out('{"type":"end"}');
      return;
    case 'partial-line':
      process.stdout.write('{"type":"end"');
      return;
    case 'silent':
      out(JSON.stringify({ type: 'connected', server: 'dc1' }));
      setInterval(() => {}, 1000);
      return;
    case 'endless':
      out(JSON.stringify({ type: 'connected', server: String(process.pid) }));
      for (let i = 0; ; i++) {
        object('${hashA}', 'alice', '9a5c40f3-725e-4067-8c5f-7973c4dcd3f4');
        if (!process.stdout.write('{"type":"batch","objects":1,"watermark":null}\n')) await new Promise((r) => process.stdout.once('drain', r));
      }
    default:
      out(JSON.stringify({ type: 'error', code: scenario, message: 'reported by the helper', status: 'WERR_DS_DRA_ACCESS_DENIED' }));
      process.exit(1);
  }
});
`;

let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provisio-fake-drsr-'));
  script = join(dir, 'fake-helper.mjs');
  await writeFile(script, fakeHelper);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function source(scenario: string, options: DrsrSourceOptions = {}): DrsrPasswordHashSource {
  return new DrsrPasswordHashSource(settings, { command: [process.execPath, script, scenario], chunkSize: 250, rpcTimeoutSeconds: 7, ...options });
}

async function failure(batches: AsyncIterable<HashBatch>): Promise<Record<string, unknown>> {
  try {
    for await (const _ of batches) {
      // drain
    }
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the read to fail');
}

describe('DrsrPasswordHashSource with a stand-in helper', () => {
  it('sends the request over stdin and yields the batches, the watermark on the last one', async () => {
    const batches: { names: string[]; hashes: (string | null)[]; deleted: readonly string[]; watermark: string | undefined; server: string }[] = [];
    for await (const batch of source('ok').readChanges('drs1.saved')) {
      batches.push({
        names: batch.changes.map((c) => c.samAccountName),
        hashes: batch.changes.map((c) => c.ntHash?.toString('hex') ?? null),
        deleted: batch.deletedObjectGuids,
        watermark: batch.watermark,
        server: batch.server,
      });
    }
    expect(batches.map(({ server: _, ...rest }) => rest)).toEqual([
      { names: ['alice', 'guest'], hashes: [hashA, null], deleted: [], watermark: undefined },
      { names: ['bob'], hashes: [hashB], deleted: ['24f8f6e9-da05-433e-8aba-7aa3902e0518'], watermark: 'drs1.next' },
    ]);
    const [pid, ...fields] = batches[0]?.server.split('|') ?? [];
    expect(Number(pid)).toBeGreaterThan(0);
    expect(fields).toEqual([
      '2', 'changes', 'dc1.example.test,dc2.example.test', 'svc@example.test', 'password-ok',
      'DC=example,DC=test', 'OU=Staff,DC=example,DC=test', 'drs1.saved', '-', '250', '7',
    ]);
  });

  it('asks for a full read without a watermark and for one object by GUID or DN', async () => {
    const server = async (batches: AsyncIterable<HashBatch>) => {
      for await (const batch of batches) return batch.server.split('|');
      return [];
    };
    expect((await server(source('ok').readChanges(undefined)))[8]).toBe('-');
    const single = await server(source('ok').readObject('CN=alice,OU=Staff,DC=example,DC=test'));
    expect([single[2], single[9]]).toEqual(['object', 'CN=alice,OU=Staff,DC=example,DC=test']);
  });

  it('zeroes the hashes of a batch as soon as the next one is requested, and when the consumer stops', async () => {
    const seen: Buffer[] = [];
    for await (const batch of source('ok').readChanges(undefined)) {
      for (const change of batch.changes) if (change.ntHash) {
        expect(change.ntHash.some((byte) => byte !== 0)).toBe(true);
        seen.push(change.ntHash);
      }
    }
    expect(seen).toHaveLength(2);
    for (const hash of seen) expect(hash.every((byte) => byte === 0)).toBe(true);

    let kept: Buffer | undefined;
    for await (const batch of source('ok').readChanges(undefined)) {
      kept = batch.changes[0]?.ntHash ?? undefined;
      break;
    }
    expect(kept?.every((byte) => byte === 0)).toBe(true);
  });

  it.each([
    ['MissingReplicationRights', 'MissingReplicationRightsError', false],
    ['InvalidCredentials', 'InvalidReplicationCredentialsError', false],
    ['DomainControllerUnreachable', 'DomainControllerUnreachableError', true],
    ['HelperUnavailable', 'HelperUnavailableError', false],
    ['InvalidWatermark', 'PasswordHashWatermarkError', false],
    ['ProtocolError', 'PasswordHashProtocolError', true],
  ])('turns the helper error %s into %s', async (code, name, retryable) => {
    const error = await failure(source(code).readChanges(undefined));
    expect(error).toMatchObject({ code, name, retryable, status: 'WERR_DS_DRA_ACCESS_DENIED', message: 'reported by the helper' });
  });

  it('reports an unknown helper error code as a protocol error', async () => {
    expect(await failure(source('Bogus').readChanges(undefined))).toMatchObject({ code: 'ProtocolError' });
  });

  it('reports a crash as a protocol error with stderr, minus the password and anything hash-shaped', async () => {
    const error = await failure(source('crash').readChanges(undefined));
    expect(error).toMatchObject({ code: 'ProtocolError', server: 'dc1' });
    expect(String(error.message)).toContain('exited with status 3');
    const diagnostics = String(error.diagnostics);
    expect(diagnostics).toContain('Segmentation fault');
    expect(diagnostics).not.toContain(password);
    expect(diagnostics).not.toContain(hashB);
  });

  it.each([
    ['a line that is not JSON', 'garbage', /not JSON/],
    ['output that ends mid-line', 'partial-line', /middle of a line/],
    ['a clean exit without the end line', 'no-end', /before finishing/],
    ['a batch count that does not match', 'count-mismatch', /announced 2 objects/],
    ['a deletion after the last batch', 'deletion-after-last-batch', /after its last batch/],
  ])('reports %s as a protocol error', async (_name, scenario, message) => {
    const error = await failure(source(scenario).readChanges(undefined));
    expect(error).toMatchObject({ code: 'ProtocolError' });
    expect(String(error.message)).toMatch(message);
  });

  it('kills a helper that goes silent and reports the DC as unreachable', async () => {
    const started = Date.now();
    // The wait for the first line includes the stand-in's start: long enough for a loaded machine to get it to
    // its `connected` line, far shorter than the default.
    const error = await failure(source('silent', { idleTimeoutMs: 2_000 }).readChanges(undefined));
    expect(error).toMatchObject({ code: 'DomainControllerUnreachable', status: 'Timeout', server: 'dc1' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops the helper when the consumer stops early or aborts', async () => {
    let pid = 0;
    for await (const batch of source('endless').readChanges(undefined)) {
      pid = Number(batch.server);
      break;
    }
    await expect.poll(() => processAlive(pid), { timeout: 5_000 }).toBe(false);

    const controller = new AbortController();
    let count = 0;
    const read = (async () => {
      for await (const batch of source('endless').readChanges(undefined, { signal: controller.signal })) {
        pid = Number(batch.server);
        if (++count === 3) controller.abort(new Error('cycle cancelled'));
      }
    })();
    await expect(read).rejects.toThrow('cycle cancelled');
    await expect.poll(() => processAlive(pid), { timeout: 5_000 }).toBe(false);
  });

  it('reports a missing interpreter as HelperUnavailable', async () => {
    const missing = new DrsrPasswordHashSource(settings, { python: join(dir, 'no-such-python') });
    expect(await failure(missing.readChanges(undefined))).toMatchObject({ code: 'HelperUnavailable', retryable: false });
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
