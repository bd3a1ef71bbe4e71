import { scalar, toDateTime, toInteger, toText } from '../coerce.js';
import { DateTimeValue } from '../date-time-value.js';
import type { EvaluationContext } from '../context.js';
import { formatDotNetDateTime } from '../dotnet-date-format.js';
import { parseExactDotNetDateTime } from '../dotnet-date-parse-exact.js';
import { DateFormatError, datePattern } from '../dotnet-date-pattern.js';
import { DEFAULT_FORMAT_DATE_TIME_STYLES, parseDateTimeStyles } from '../dotnet-date-styles.js';
import { ExpressionEvaluationError } from '../errors.js';
import { fromFileTime, toFileTime } from '../filetime.js';
import { eager1, eager3, eagerN } from '../function-helpers.js';
import { parameter } from '../function-definition.js';
import type { BuildSite, FunctionDefinition } from '../function-definition.js';
import { DATE_INTERVAL_NAMES, dateAdd, dateDiff, parseDateInterval } from '../vb-date-math.js';
import type { DateInterval } from '../vb-date-math.js';
import type { ExpressionValue } from '../values.js';
import { APP_PROVISIONING, BOTH } from './dialects.js';

function now(context: EvaluationContext): DateTimeValue {
  return DateTimeValue.fromDate(context.now ? context.now() : new Date());
}

function checkConstant(site: BuildSite, index: number, check: (text: string) => unknown, what: string): void {
  const text = site.constantText(index);
  if (text === undefined) return;
  try {
    check(text);
  } catch (error) {
    site.fail('InvalidArgument', `invalid ${what}: ${(error as Error).message}`, index);
  }
}

function formatError(fn: string, error: unknown): never {
  if (error instanceof DateFormatError) throw new ExpressionEvaluationError('InvalidFormat', error.message, { functionName: fn, cause: error });
  throw error;
}

function interval(value: ExpressionValue | undefined, fn: string): DateInterval {
  const text = toText(value ?? null, fn) ?? '';
  const parsed = parseDateInterval(text);
  if (!parsed) throw new ExpressionEvaluationError('InvalidArgument', `interval must be one of ${DATE_INTERVAL_NAMES}, got '${text}'`, { functionName: fn });
  return parsed;
}

function checkInterval(site: BuildSite): void {
  const text = site.constantText(0);
  if (text !== undefined && !parseDateInterval(text)) site.fail('InvalidArgument', `interval must be one of ${DATE_INTERVAL_NAMES}, got '${text}'`, 0);
}

export const CDate: FunctionDefinition = {
  name: 'CDate',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('expression')] }],
  build: (site) => eager1(site, (value) => toDateTime(value, 'CDate')),
};

export const Now: FunctionDefinition = {
  name: 'Now',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [] }],
  build: () => now,
};

export const DateAdd: FunctionDefinition = {
  name: 'DateAdd',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('interval'), parameter('value', 'Integer'), parameter('dateTime', 'DateTime')] }],
  build: (site) => {
    checkInterval(site);
    return eager3(site, (intervalArg, amountArg, dateArg) => {
      const unit = interval(intervalArg, 'DateAdd');
      const amount = toInteger(amountArg ?? null, 'DateAdd', 'value');
      const date = toDateTime(dateArg ?? null, 'DateAdd');
      if (amount === null || date === null) return null;
      const result = typeof amount === 'bigint' ? undefined : dateAdd(unit, amount, date);
      if (!result) throw new ExpressionEvaluationError('DateOutOfRange', 'the result is outside 0001-01-01..9999-12-31', { functionName: 'DateAdd' });
      return result;
    });
  },
};

export const DateDiff: FunctionDefinition = {
  name: 'DateDiff',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('interval'), parameter('date1', 'DateTime'), parameter('date2', 'DateTime')] }],
  build: (site) => {
    checkInterval(site);
    return eager3(site, (intervalArg, a, b) => {
      const unit = interval(intervalArg, 'DateDiff');
      const date1 = toDateTime(a ?? null, 'DateDiff');
      const date2 = toDateTime(b ?? null, 'DateDiff');
      return date1 === null || date2 === null ? null : dateDiff(unit, date1, date2);
    });
  },
};

const source = parameter('source');
const inputFormat = parameter('inputFormat');
const outputFormat = parameter('outputFormat');

/**
 * FormatDateTime: ParseExact(source, inputFormat, styles) then ToString(outputFormat). Four arguments are the
 * app-provisioning order (source, dateTimeStyles, inputFormat, outputFormat); three are the Cloud Sync order
 * (source, inputFormat, outputFormat), whichever dialect (§4.4 DECISION). A DateTime source is formatted directly.
 */
export const FormatDateTime: FunctionDefinition = {
  name: 'FormatDateTime',
  dialects: BOTH,
  signatures: [
    { parameters: [source, parameter('dateTimeStyles', 'String', false), inputFormat, outputFormat], minArgs: 4 },
    { parameters: [source, inputFormat, outputFormat] },
  ],
  catalogSignature: { appProvisioning: 0, cloudSync: 1 },
  build: (site) => {
    const four = site.args.length === 4;
    const [stylesAt, inputAt, outputAt] = four ? [1, 2, 3] : [-1, 1, 2];
    if (four) checkConstant(site, stylesAt, parseDateTimeStyles, 'dateTimeStyles');
    checkConstant(site, inputAt, datePattern, 'inputFormat');
    checkConstant(site, outputAt, datePattern, 'outputFormat');
    return eagerN(site, (values, context) => {
      const value = scalar(values[0] ?? null, 'FormatDateTime');
      if (value === null) return null;
      const stylesText = stylesAt < 0 ? undefined : values[stylesAt];
      const input = toText(values[inputAt] ?? null, 'FormatDateTime');
      const output = toText(values[outputAt] ?? null, 'FormatDateTime');
      if (output === null) return null;
      try {
        let date: DateTimeValue | undefined;
        if (value instanceof DateTimeValue) {
          date = value;
        } else {
          if (input === null) return null;
          const styles = stylesText === undefined || stylesText === null ? DEFAULT_FORMAT_DATE_TIME_STYLES : parseDateTimeStyles(toText(stylesText, 'FormatDateTime') ?? '');
          const text = toText(value, 'FormatDateTime') ?? '';
          date = parseExactDotNetDateTime(text, input, styles, () => now(context));
          if (!date) {
            throw new ExpressionEvaluationError('InvalidDate', `${JSON.stringify(text)} does not match the format ${JSON.stringify(input)}`, { functionName: 'FormatDateTime' });
          }
        }
        return formatDotNetDateTime(date, output);
      } catch (error) {
        return formatError('FormatDateTime', error);
      }
    });
  },
};

export const NumFromDate: FunctionDefinition = {
  name: 'NumFromDate',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('value', 'DateTime')] }],
  build: (site) =>
    eager1(site, (value) => {
      const date = toDateTime(value, 'NumFromDate');
      if (date === null) return null;
      const fileTime = toFileTime(date);
      if (fileTime < 0n) throw new ExpressionEvaluationError('DateOutOfRange', 'dates before 1601-01-01 have no AD representation', { functionName: 'NumFromDate' });
      return fileTime;
    }),
};

export const DateFromNum: FunctionDefinition = {
  name: 'DateFromNum',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('value', 'Integer')] }],
  build: (site) =>
    eager1(site, (value) => {
      const number = toInteger(value, 'DateFromNum', 'value');
      if (number === null) return null;
      const date = fromFileTime(BigInt(number));
      if (!date) throw new ExpressionEvaluationError('DateOutOfRange', `${number} is not a date between 1601 and 9999`, { functionName: 'DateFromNum' });
      return date;
    }),
};
