import { spawn } from 'node:child_process';
import { encodeHelperRequest, parseHelperLine } from './helper-protocol.js';
import type { HelperMessage, HelperRequest } from './helper-protocol.js';
import { LineSplitter } from './line-splitter.js';
import {
  DomainControllerUnreachableError,
  errorFromHelper,
  HelperUnavailableError,
  PasswordHashProtocolError,
} from './password-hash-errors.js';
import { StderrTail } from './stderr-tail.js';

export interface HelperProcessOptions {
  /** The helper's argv: interpreter first, e.g. `['/usr/bin/python3', '-I', '.../drsr-helper.py']`. */
  readonly command: readonly [string, ...string[]];
  /** How long to wait for the next output line before the DC is taken as unreachable and the helper killed. */
  readonly idleTimeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

const exitGraceMs = 10_000;

/**
 * Runs the helper for one request and yields its messages as they arrive. Supervision: the request
 * (with the password) goes over stdin, never argv; no output within `idleTimeoutMs` or an abort kills
 * the process; an `error` line becomes the matching typed error; a crash, a non-zero exit without an
 * error line or anything outside the protocol becomes a PasswordHashProtocolError carrying the end of
 * stderr with secrets removed. The process is killed whenever the consumer stops early.
 */
export async function* runHelper(request: HelperRequest, options: HelperProcessOptions): AsyncGenerator<HelperMessage, void, undefined> {
  options.signal?.throwIfAborted();
  const [file, ...args] = options.command;
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: helperEnvironment() });
  const stderr = new StderrTail();
  const redactions = [request.password];
  const splitter = new LineSplitter();
  const queue: HelperMessage[] = [];
  const stdout = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let server: string | undefined;
  let finished = false;
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined); // EPIPE when the helper dies early: its exit tells why
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const details = () => ({ server, diagnostics: stderr.text(redactions) });

  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    }).catch((error: NodeJS.ErrnoException) => {
      throw new HelperUnavailableError(`Cannot start the password hash helper with ${file}: ${error.code ?? error.message}`, { cause: error });
    });
    child.on('error', () => undefined);
    const input = encodeHelperRequest(request);
    child.stdin.end(input, () => input.fill(0));

    for (;;) {
      const next = await nextWithin(stdout, options.idleTimeoutMs, options.signal);
      if (next === 'timeout') {
        throw new DomainControllerUnreachableError(
          `The domain controller did not answer within ${Math.round(options.idleTimeoutMs / 1000)} s`,
          { status: 'Timeout', ...details() },
        );
      }
      if (next.done) break;
      queue.push(...parseLines(splitter.push(next.value)));
      while (queue.length > 0) {
        options.signal?.throwIfAborted();
        const message = queue.shift() as HelperMessage;
        if (message.type === 'error') throw errorFromHelper(message.code, message.message, { status: message.status, ...details() });
        if (message.type === 'connected') server = message.server;
        if (message.type === 'end') finished = true;
        yield message;
      }
    }
    const rest = splitter.rest();
    if (rest !== undefined) {
      rest.fill(0);
      throw new PasswordHashProtocolError('The helper output ends in the middle of a line', details());
    }
    const exit = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), exitGraceMs).unref())]);
    const how = exit === undefined ? 'did not exit' : exit.signal !== null ? `was killed by ${exit.signal}` : `exited with status ${exit.code}`;
    if (!finished) {
      const diagnostics = stderr.text(redactions) ?? '';
      if (/No module named '?(samba|ldb)/.test(diagnostics)) {
        throw new HelperUnavailableError("Samba's Python bindings are missing: install python3-samba", details());
      }
      throw new PasswordHashProtocolError(`The password hash helper stopped before finishing: it ${how}`, details());
    }
    if (exit === undefined || exit.code !== 0) throw new PasswordHashProtocolError(`The password hash helper ${how} after finishing`, details());
  } finally {
    for (const message of queue) if (message.type === 'object') message.change.ntHash?.fill(0);
    splitter.wipe();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stdout.return?.();
    stderr.wipe();
  }
}

/** Parses every line (wiping each, whatever happens); on a bad line, wipes the hashes already parsed. */
function parseLines(lines: readonly Buffer[]): HelperMessage[] {
  const messages: HelperMessage[] = [];
  let failure: unknown;
  for (const line of lines) {
    try {
      if (failure === undefined) messages.push(parseHelperLine(line));
    } catch (error) {
      failure = error;
    } finally {
      line.fill(0);
    }
  }
  if (failure !== undefined) {
    for (const message of messages) if (message.type === 'object') message.change.ntHash?.fill(0);
    throw failure;
  }
  return messages;
}

/** The next stdout chunk, 'timeout', or the abort reason thrown. A chunk that arrives too late is wiped. */
function nextWithin(stdout: AsyncIterator<Buffer>, ms: number, signal: AbortSignal | undefined): Promise<IteratorResult<Buffer> | 'timeout'> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = (): void => settle(() => reject(signal?.reason));
    const timer = setTimeout(() => settle(() => resolve('timeout')), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    stdout.next().then(
      (result) => {
        if (settled) result.value?.fill(0);
        settle(() => resolve(result));
      },
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** Only what Python needs: Samba's client reads USER, PASSWD and similar from the environment otherwise. */
function helperEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
}
