/**
 * The last bytes a helper wrote to stderr, for error diagnostics. Samba's client library writes there
 * on its own (e.g. "Failed to bind to uuid ... NT_STATUS_LOGON_FAILURE"); the helper itself never writes
 * secrets, but anything hash-shaped and the given secrets are removed anyway before the text is shown.
 */
export class StderrTail {
  readonly #limit: number;
  #chunks: Buffer[] = [];
  #length = 0;

  constructor(limit = 4096) {
    this.#limit = limit;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(Buffer.from(chunk));
    this.#length += chunk.length;
    while (this.#length - (this.#chunks[0]?.length ?? 0) >= this.#limit) {
      const dropped = this.#chunks.shift();
      this.#length -= dropped?.length ?? 0;
      dropped?.fill(0);
    }
  }

  /** The tail as text with `secrets` and every run of 32 or more hex digits replaced; undefined when empty. */
  text(secrets: readonly string[] = []): string | undefined {
    let value = Buffer.concat(this.#chunks).subarray(-this.#limit).toString('utf8');
    for (const secret of secrets) if (secret !== '') value = value.split(secret).join('[redacted]');
    value = value.replace(/[0-9a-f]{32,}/gi, '[redacted]').trim();
    return value === '' ? undefined : value;
  }

  wipe(): void {
    for (const chunk of this.#chunks) chunk.fill(0);
    this.#chunks = [];
    this.#length = 0;
  }
}
