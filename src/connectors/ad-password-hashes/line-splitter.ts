import { PasswordHashProtocolError } from './password-hash-errors.js';

/**
 * Splits the helper's stdout into lines without ever turning bytes into strings, and overwrites every
 * buffer it is done with: the lines carry NT hashes, and a JS string could not be wiped afterwards.
 * Callers own (and wipe) the lines they get.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #pending: Buffer = Buffer.alloc(0);

  constructor(maxLineBytes = 1 << 20) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** Takes over `chunk` (it is zeroed here) and returns the lines it completes, without their `\n`. */
  push(chunk: Buffer): Buffer[] {
    const data = Buffer.concat([this.#pending, chunk]);
    this.#pending.fill(0);
    chunk.fill(0);
    const lines: Buffer[] = [];
    let start = 0;
    for (let end = data.indexOf(0x0a, start); end >= 0; end = data.indexOf(0x0a, start)) {
      lines.push(Buffer.from(data.subarray(start, end)));
      start = end + 1;
    }
    this.#pending = Buffer.from(data.subarray(start));
    data.fill(0);
    if (this.#pending.length > this.#maxLineBytes) {
      this.wipe();
      for (const line of lines) line.fill(0);
      throw new PasswordHashProtocolError(`The helper wrote a line longer than ${this.#maxLineBytes} bytes`);
    }
    return lines;
  }

  /** At the end of the stream: whatever followed the last newline (undefined when nothing did). */
  rest(): Buffer | undefined {
    if (this.#pending.length === 0) return undefined;
    const rest = this.#pending;
    this.#pending = Buffer.alloc(0);
    return rest;
  }

  wipe(): void {
    this.#pending.fill(0);
    this.#pending = Buffer.alloc(0);
  }
}
