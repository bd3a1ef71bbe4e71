import { InvalidSkipTokenError, type SkipTokenCodec } from '../../api/odata/index.js';

/**
 * Where a delta round stands, carried opaquely in `$skiptoken` (inside a round) and `$deltatoken` (between
 * rounds). Tokens are signed with the paging-token key, so a client cannot move its own watermark.
 *
 * - `initial`: the first round, paging every live object by id; changes from `watermark` on come in the
 *   next round. For groups, `memberAfter` resumes a group whose members did not fit in one page.
 * - `changes`: a later round, paging the change feed in (`from`, `to`] after seq `after`.
 * - `next`: a deltaLink: the next round starts from `watermark`.
 * `select` is the client's `$select` of the first request, kept for the whole series as Graph keeps it.
 */
export type DeltaState =
  | {
      readonly phase: 'initial';
      readonly watermark: number;
      readonly after: string | null;
      readonly resume: { readonly groupId: string; readonly memberAfter: string | null } | null;
      readonly select: readonly string[] | null;
    }
  | { readonly phase: 'changes'; readonly from: number; readonly to: number; readonly after: number; readonly select: readonly string[] | null }
  | { readonly phase: 'next'; readonly watermark: number; readonly select: readonly string[] | null };

/** Token scopes: a users token is not a groups token. */
export type DeltaScope = 'users.delta' | 'groups.delta';

export function encodeDeltaToken(codec: SkipTokenCodec, scope: DeltaScope, state: DeltaState): string {
  return codec.encode({ keys: [], id: JSON.stringify(state) }, scope);
}

/** The state a token carries; anything this service did not issue for `scope` is Graph's "Invalid Skip Token". */
export function decodeDeltaToken(codec: SkipTokenCodec, scope: DeltaScope, token: string): DeltaState {
  const position = codec.decode(token, scope);
  try {
    const state = JSON.parse(position.id) as DeltaState;
    if (state.phase === 'initial' || state.phase === 'changes' || state.phase === 'next') return state;
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidSkipTokenError();
}
