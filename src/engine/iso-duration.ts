const pattern = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const units = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];

/**
 * A schedule interval (ISO 8601 duration, e.g. `PT40M`, or .NET's TimeSpan.MaxValue
 * `P10675199DT2H48M5.4775807S`) in milliseconds; years and months count 365 and 30 days. Undefined when the
 * text is not a duration.
 */
export function isoDurationMs(text: string): number | undefined {
  const match = pattern.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  let total = 0;
  units.forEach((unit, index) => {
    const part = match[index + 1];
    if (part !== undefined) total += Number(part) * unit;
  });
  return total;
}
