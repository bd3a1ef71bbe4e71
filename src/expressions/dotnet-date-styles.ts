import { DateFormatError } from './dotnet-date-pattern.js';

/** The System.Globalization.DateTimeStyles flags that change how ParseExact reads text. */
export interface DateTimeStyles {
  readonly allowLeadingWhite: boolean;
  readonly allowTrailingWhite: boolean;
  readonly allowInnerWhite: boolean;
  readonly noCurrentDateDefault: boolean;
  /** AssumeUniversal / AdjustToUniversal: text without an offset is UTC (it is treated as UTC anyway). */
  readonly assumeUniversal: boolean;
}

const NONE: DateTimeStyles = Object.freeze({
  allowLeadingWhite: false,
  allowTrailingWhite: false,
  allowInnerWhite: false,
  noCurrentDateDefault: false,
  assumeUniversal: false,
});

/** FormatDateTime's documented default: RoundtripKind, AllowLeadingWhite, AllowTrailingWhite. */
export const DEFAULT_FORMAT_DATE_TIME_STYLES: DateTimeStyles = Object.freeze({ ...NONE, allowLeadingWhite: true, allowTrailingWhite: true });

const FLAGS: Readonly<Record<string, Partial<DateTimeStyles>>> = {
  none: {},
  allowleadingwhite: { allowLeadingWhite: true },
  allowtrailingwhite: { allowTrailingWhite: true },
  allowinnerwhite: { allowInnerWhite: true },
  allowwhitespaces: { allowLeadingWhite: true, allowTrailingWhite: true, allowInnerWhite: true },
  nocurrentdatedefault: { noCurrentDateDefault: true },
  adjusttouniversal: { assumeUniversal: true },
  assumeuniversal: { assumeUniversal: true },
  // The service's clock is UTC, so local means universal here (expressions-spec §4.4).
  assumelocal: { assumeUniversal: true },
  roundtripkind: {},
};

const cache = new Map<string, DateTimeStyles>();

/**
 * Parses a DateTimeStyles argument such as "AssumeUniversal, AllowWhiteSpaces" (names as in .NET, separated by
 * commas or '|', case-insensitive, optional "DateTimeStyles." prefix). Throws DateFormatError on unknown names.
 */
export function parseDateTimeStyles(text: string): DateTimeStyles {
  const cached = cache.get(text);
  if (cached) return cached;
  let styles: DateTimeStyles = NONE;
  for (const raw of text.split(/[,|]/)) {
    const name = raw.trim().replace(/^DateTimeStyles\./i, '').toLowerCase();
    if (name === '') continue;
    const flags = FLAGS[name];
    if (flags === undefined) throw new DateFormatError(`'${raw.trim()}' is not a DateTimeStyles value`);
    styles = { ...styles, ...flags };
  }
  const frozen = Object.freeze(styles);
  if (cache.size < 256) cache.set(text, frozen);
  return frozen;
}
