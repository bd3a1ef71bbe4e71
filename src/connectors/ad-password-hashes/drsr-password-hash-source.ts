import { fileURLToPath } from 'node:url';
import { runHelper } from './helper-process.js';
import type { HelperRequest } from './helper-protocol.js';
import { PasswordHashProtocolError } from './password-hash-errors.js';
import type { HashBatch, PasswordHashChange, PasswordHashSource, ReadOptions } from './password-hash-source.js';
import { readReplicationSettings } from './replication-settings.js';
import type { ReplicationSettings } from './replication-settings.js';

export interface DrsrSourceOptions {
  /** The Python that has Samba's bindings; Debian's python3-samba installs them for /usr/bin/python3. */
  readonly python?: string;
  /** The helper script; by default drsr-helper.py beside this module. */
  readonly helperPath?: string;
  /** The whole helper argv, replacing python and helperPath (other implementations of the protocol, tests). */
  readonly command?: readonly [string, ...string[]];
  /** Longest wait for the helper's next line before the DC counts as unreachable; default 90 s. */
  readonly idleTimeoutMs?: number;
  /** Timeout of each RPC call inside the helper; default 60 s. */
  readonly rpcTimeoutSeconds?: number;
  /** Objects per GetNCChanges reply chunk (and so at most per batch); default 1000. */
  readonly chunkSize?: number;
}

const defaultHelper = fileURLToPath(new URL('./drsr-helper.py', import.meta.url));

/**
 * PasswordHashSource over MS-DRSR: each read spawns drsr-helper.py (Samba's DRSUAPI client), which
 * binds with the job's account over a sealed RPC connection and runs GetNCChanges. Batches follow the
 * DC's reply chunks; the NT hashes in a batch are zeroed as soon as the consumer asks for the next one
 * (or stops), so derive the stored credential inside the loop body and keep nothing else.
 */
export class DrsrPasswordHashSource implements PasswordHashSource {
  readonly #settings: ReplicationSettings;
  readonly #command: readonly [string, ...string[]];
  readonly #idleTimeoutMs: number;
  readonly #rpcTimeoutSeconds: number;
  readonly #chunkSize: number;

  constructor(settings: ReplicationSettings, options: DrsrSourceOptions = {}) {
    this.#settings = settings;
    this.#command = options.command ?? [options.python ?? '/usr/bin/python3', '-I', options.helperPath ?? defaultHelper];
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 90_000;
    this.#rpcTimeoutSeconds = options.rpcTimeoutSeconds ?? 60;
    this.#chunkSize = options.chunkSize ?? 1000;
  }

  /** From the job's secrets (readReplicationSettings); throws PasswordHashConfigurationError when incomplete. */
  static fromSecrets(secrets: ReadonlyMap<string, string>, options: DrsrSourceOptions = {}): DrsrPasswordHashSource {
    return new DrsrPasswordHashSource(readReplicationSettings(secrets), options);
  }

  readChanges(watermark: string | undefined, options: ReadOptions = {}): AsyncIterable<HashBatch> {
    return this.#read({ ...this.#request('changes'), watermark: watermark ?? null }, options);
  }

  readObject(objectGuidOrDn: string, options: ReadOptions = {}): AsyncIterable<HashBatch> {
    return this.#read({ ...this.#request('object'), object: objectGuidOrDn }, options);
  }

  #request(operation: HelperRequest['operation']): HelperRequest {
    const { servers, account, password, namingContext, scope } = this.#settings;
    return { operation, servers, account, password, namingContext, scope, chunkSize: this.#chunkSize, timeoutSeconds: this.#rpcTimeoutSeconds };
  }

  async *#read(request: HelperRequest, options: ReadOptions): AsyncGenerator<HashBatch, void, undefined> {
    let server = '';
    let pending: PasswordHashChange[] = [];
    let deleted: string[] = [];
    let finished = false;
    try {
      for await (const message of runHelper(request, { command: this.#command, idleTimeoutMs: this.#idleTimeoutMs, signal: options.signal })) {
        if (message.type === 'connected') server = message.server;
        else if (message.type === 'object') pending.push(message.change);
        else if (message.type === 'deleted') deleted.push(message.objectGuid);
        else if (message.type === 'end') finished = true;
        else if (message.type === 'batch') {
          if (message.objects !== pending.length) {
            throw new PasswordHashProtocolError(`The helper announced ${message.objects} objects in a batch but sent ${pending.length}`, { server });
          }
          const batch: HashBatch = Object.freeze({ changes: Object.freeze(pending), watermark: message.watermark, deletedObjectGuids: Object.freeze(deleted), server });
          pending = [];
          deleted = [];
          try {
            yield batch;
          } finally {
            wipe(batch.changes);
          }
        }
      }
      if (!finished) throw new PasswordHashProtocolError('The helper finished without its end line', { server });
      if (pending.length > 0 || deleted.length > 0) throw new PasswordHashProtocolError('The helper sent objects after its last batch', { server });
    } finally {
      wipe(pending);
    }
  }
}

function wipe(changes: readonly PasswordHashChange[]): void {
  for (const change of changes) change.ntHash?.fill(0);
}
