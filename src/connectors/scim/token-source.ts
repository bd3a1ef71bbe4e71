/** Where the bearer token for the target comes from. */
export interface TokenSource {
  /** The token to send; `refresh` asks for a new one instead of a cached one. */
  token(options?: { readonly refresh?: boolean }): Promise<string>;
  /** Whether asking again can yield a different token (worth one retry after a 401). */
  readonly refreshable: boolean;
}

/** The admin-pasted "Secret Token" (engine-behavior §2.1). */
export function staticTokenSource(token: string): TokenSource {
  return Object.freeze({ refreshable: false, token: () => Promise.resolve(token) });
}
