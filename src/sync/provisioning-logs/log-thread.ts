import { Worker } from 'node:worker_threads';
import type { ProvisioningLogEntry } from './provisioning-log-entry.js';
import type { RedactionRules } from './redaction.js';

export interface LogThreadData {
  /** The store's SQLite file. */
  readonly path: string;
  readonly tenantId: string;
  readonly redaction?: RedactionRules;
  /** How long a write waits for the store's own connection to release the write lock. */
  readonly busyTimeoutMs: number;
}

export interface LogThreadRequest {
  readonly id: number;
  readonly entries: readonly ProvisioningLogEntry[];
}

export interface LogThreadReply {
  readonly id: number;
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string };
}

/** A write the thread could not make (the message names the SQLite or validation error). */
export class ProvisioningLogThreadError extends Error {
  constructor(
    message: string,
    readonly code: string = 'ProvisioningLogThreadFailed',
  ) {
    super(message);
    this.name = 'ProvisioningLogThreadError';
  }
}

/**
 * A worker thread that writes provisioning logs to the store's SQLite file over a connection of its own
 * (WAL lets it write beside the store's connection; the two take turns for the write lock). Turning entries
 * into redacted JSON records and inserting them — eight B-tree entries each — is a good part of what a cycle
 * costs per object; here it runs on another core than the engine. Started on the first write; a thread
 * that died is started anew by the next one.
 */
export class ProvisioningLogThread {
  readonly #data: LogThreadData;
  readonly #inFlight = new Set<Promise<void>>();
  #thread: { readonly worker: Worker; readonly waiting: Map<number, Waiter> } | undefined;
  #next = 0;

  constructor(data: LogThreadData) {
    this.#data = data;
  }

  /** Resolves once the entries are committed; rejects, writing none of them, when any cannot be. */
  write(entries: readonly ProvisioningLogEntry[]): Promise<void> {
    const { worker, waiting } = (this.#thread ??= this.#start());
    const id = (this.#next += 1);
    const written = new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      // Waiting writes keep the process alive; an idle thread does not.
      worker.ref();
      worker.postMessage({ id, entries } satisfies LogThreadRequest);
    });
    this.#inFlight.add(written);
    const settled = () => this.#inFlight.delete(written);
    written.then(settled, settled);
    return written;
  }

  /** Ends the thread once the writes sent so far have settled. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    const thread = this.#thread;
    this.#thread = undefined;
    await thread?.worker.terminate();
  }

  #start(): { readonly worker: Worker; readonly waiting: Map<number, Waiter> } {
    const worker = new Worker(workerEntry(), { workerData: this.#data });
    const thread = { worker, waiting: new Map<number, Waiter>() };
    worker.on('message', (reply: LogThreadReply) => {
      const waiter = thread.waiting.get(reply.id);
      if (!waiter) return;
      thread.waiting.delete(reply.id);
      if (thread.waiting.size === 0) worker.unref();
      if (reply.error) waiter.reject(new ProvisioningLogThreadError(`${reply.error.name}: ${reply.error.message}`, reply.error.code));
      else waiter.resolve();
    });
    const fail = (reason: string) => {
      if (this.#thread === thread) this.#thread = undefined;
      for (const waiter of thread.waiting.values()) waiter.reject(new ProvisioningLogThreadError(`the provisioning log thread failed: ${reason}`));
      thread.waiting.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`it exited with code ${code}`));
    return thread;
  }
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The thread's module. Run from the TypeScript sources (tsx, vitest), the thread first registers tsx's loader,
 * which a thread does not inherit.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./log-thread-worker.js', import.meta.url);
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./log-thread-worker.ts', import.meta.url).href;
  const code = `const { register } = await import(${JSON.stringify(loader)}); register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
