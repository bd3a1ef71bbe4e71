import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './cli-error.js';
import type { CliOutput } from './output.js';
import { runCli } from './run-cli.js';

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe('provisio CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'provisio-cli-'));
  const env = { PROVISIO_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, then reports the store up to date', async () => {
    const first = capture();
    await runCli(['migrate'], env, first);
    expect(first.stdout.join('\n')).toMatch(/applied: 0001-foundation/);
    const second = capture();
    await runCli(['migrate'], env, second);
    expect(second.stdout.join('\n')).toMatch(/up to date/);
  });

  it('creates a client, grants and revokes permissions, and lists it', async () => {
    const created = capture();
    await runCli(['clients', 'create', '--name', 'ci bot', '--grant', 'User.Read.All', '--json'], env, created);
    // The first administrative command on a new store announces the generated admin secret on stderr.
    expect(created.stderr.join('\n')).toMatch(/client secret: .{40}/);
    const client = JSON.parse(created.stdout.join('\n'));
    expect(client.clientSecret).toHaveLength(40);
    expect(client.permissions).toEqual(['User.Read.All']);

    await runCli(['clients', 'grant', client.appId, 'Synchronization.ReadWrite.All'], env, capture());
    await runCli(['clients', 'revoke', client.appId, 'User.Read.All'], env, capture());
    const listed = capture();
    await runCli(['clients', 'list', '--json'], env, listed);
    const entry = JSON.parse(listed.stdout.join('\n')).find((c: { appId: string }) => c.appId === client.appId);
    expect(entry.permissions).toEqual(['Synchronization.ReadWrite.All']);
    expect(listed.stderr).toEqual([]);
  });

  it('rotates signing keys', async () => {
    const out = capture();
    await runCli(['keys', 'rotate'], env, out);
    expect(out.stdout[0]).toMatch(/^new signing key: [0-9a-f]{32}$/);
    expect(out.stdout.filter((line) => line.includes('superseded'))).toHaveLength(1);
  });

  it('rejects unknown commands and permissions as usage errors', async () => {
    await expect(runCli(['frobnicate'], env, capture())).rejects.toBeInstanceOf(UsageError);
    await expect(runCli(['clients', 'create', '--name', 'x', '--grant', 'Mail.Send'], env, capture())).rejects.toThrow(/Unknown permission Mail.Send/);
    await expect(runCli(['serve', '--port', 'abc'], env, capture())).rejects.toThrow(/--port/);
  });
});
