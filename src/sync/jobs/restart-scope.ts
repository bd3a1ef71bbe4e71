import { BadRequestError } from '../../errors/graph-error.js';

/** synchronizationJobRestartScope flag values. */
export const RestartScope = {
  None: 0,
  ConnectorDataStore: 1,
  Escrows: 2,
  Watermark: 4,
  QuarantineState: 8,
  Full: 15,
  ForceDeletes: 32,
} as const;

const byName = new Map(Object.entries(RestartScope).map(([name, value]) => [name.toLowerCase(), value]));

/** What an empty or omitted resetScope means: the portal's "Restart provisioning". */
export const defaultRestartScope = RestartScope.QuarantineState | RestartScope.Watermark | RestartScope.Escrows;

/**
 * Reads `criteria.resetScope`: a comma-separated list of member names (Graph's flags form, any case), a
 * number, or empty/absent for the default. Unknown names are a 400 naming them.
 */
export function parseRestartScope(value: unknown): number {
  if (value === undefined || value === null) return defaultRestartScope;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && (value & ~(RestartScope.Full | RestartScope.ForceDeletes)) === 0) {
    return value;
  }
  if (typeof value !== 'string') throw new BadRequestError('resetScope must be a string of synchronizationJobRestartScope members.');
  const names = value.split(',').map((part) => part.trim()).filter(Boolean);
  if (names.length === 0) return defaultRestartScope;
  let flags = 0;
  const unknown: string[] = [];
  for (const name of names) {
    const flag = byName.get(name.toLowerCase());
    if (flag === undefined) unknown.push(name);
    else flags |= flag;
  }
  if (unknown.length > 0) {
    throw new BadRequestError(
      `Requested value '${unknown.join(', ')}' was not found in enum synchronizationJobRestartScope. Valid members: ${Object.keys(RestartScope).join(', ')}.`,
    );
  }
  return flags;
}
