import { spawnSync } from 'node:child_process';
import { guidToBase64 } from '../../../src/connectors/ldap/index.js';
import { hasSamba, startSambaDc, type SambaDc } from '../../support/samba-ad.js';
import type { EngineTestService } from './engine-fixture.js';

/**
 * Password hash sync against a throw-away Samba AD DC: the DC with its RPC service (directory replication),
 * an account holding the two replication rights as an administrator would grant them, the secrets both cloud
 * sync jobs read, and sign-in through the token endpoint's password grant.
 */
const bindings = spawnSync('/usr/bin/python3', ['-I', '-c', 'import samba.dcerpc.drsuapi, samba.net'], { stdio: 'ignore' }).status === 0;
if (hasSamba && !bindings) {
  const what = "Samba's Python bindings not found for /usr/bin/python3 (apt-get install python3-samba)";
  if (process.env.CI === 'true') throw new Error(`${what}: required in CI`);
  console.warn(`\n[provisio] ${what}: password hash sync suites are SKIPPED.\n`);
}

/** True when the suites can run: Samba's DC and its Python bindings are installed. */
export const hasPasswordHashSync = hasSamba && bindings;

export const replicationAccount = { name: 'svc-phs', password: 'Passw0rd!Sync1' } as const;

/** A DC whose `svc-phs` account has Replicating Directory Changes (All) on the domain root. */
export async function startReplicationDc(): Promise<SambaDc> {
  const dc = await startSambaDc({ services: ['ldap', 'rpc'] });
  try {
    const account = await dc.createUser({ name: replicationAccount.name, password: replicationAccount.password });
    for (const right of ['get-changes', 'get-changes-all']) {
      await dc.tool('dsacl', 'set', `--car=${right}`, '--action=allow', `--objectdn=${dc.baseDn}`, `--trusteedn=${account.dn}`);
    }
    return dc;
  } catch (error) {
    await dc.stop();
    throw error;
  }
}

/** onPremisesImmutableId of an AD account: base64 of its objectGUID bytes, as the provisioning job writes it. */
export async function immutableIdOf(dc: SambaDc, dn: string): Promise<string> {
  const client = await dc.adminClient();
  try {
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['objectGUID'], explicitBufferAttributes: ['objectGUID'] });
    return guidToBase64(searchEntries[0]?.objectGUID as Buffer);
  } finally {
    await client.unbind();
  }
}

/** The LDAP connection's secrets for the DC (read by both jobs), plus anything else given. */
export function cloudSyncSecrets(dc: SambaDc, extra: Record<string, string> = {}): { key: string; value: string }[] {
  return Object.entries({
    Domain: JSON.stringify({ domain: dc.domain }),
    Server: dc.ldapUrl,
    UserName: `${replicationAccount.name}@${dc.domain}`,
    Password: replicationAccount.password,
    StartTls: 'false',
    AllowInsecureLdap: 'true',
    ...extra,
  }).map(([key, value]) => ({ key, value }));
}

export const passwordHashAppKey = { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' } as const;

/** `grant_type=password` at the token endpoint for an app registration of the tenant: the HTTP status and body. */
export async function signIn(t: EngineTestService, clientId: string, username: string, password: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await t.service.app.inject({
    method: 'POST',
    url: `/${t.tenantId}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'https://graph.microsoft.com/.default' }).toString(),
  });
  return { status: response.statusCode, body: response.json() };
}
