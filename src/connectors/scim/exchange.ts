/** One HTTP request to the target and what came back, reported to `onExchange` observers. */
export interface ScimExchange {
  readonly method: string;
  readonly url: string;
  /** Headers as sent; the Authorization value is redacted. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** The exact body sent, if any. */
  readonly requestBody: string | undefined;
  /** Undefined when no response arrived (network failure or timeout; see `error`). */
  readonly status: number | undefined;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: string | undefined;
  readonly durationMs: number;
  /** Why no response arrived. */
  readonly error?: string;
}

export type ExchangeObserver = (exchange: ScimExchange) => void;

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name.toLowerCase() === 'authorization' ? value.replace(/^(\S+\s+).*$/, '$1[redacted]') : value,
    ]),
  );
}
