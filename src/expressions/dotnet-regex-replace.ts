import { groupIndex } from './dotnet-regex.js';
import type { DotNetRegex } from './dotnet-regex.js';

/** `` $` ``, `$'`, `$_` and `$+`: text before the match, after it, the whole input, the last group. */
interface Special {
  readonly special: 'before' | 'after' | 'input' | 'last';
}

/** One piece of a .NET replacement pattern: literal text, a JavaScript group index, or a special. */
type Piece = string | number | Special;

const SPECIALS: Readonly<Record<string, Special>> = {
  '`': { special: 'before' },
  "'": { special: 'after' },
  _: { special: 'input' },
  '+': { special: 'last' },
};

const cache = new WeakMap<DotNetRegex, Map<string, readonly Piece[]>>();

/**
 * Parses .NET substitutions: `$$`, `$n`/`${n}`, `${name}`, `$&`, `` $` ``, `$'`, `$+`, `$_`. References to groups
 * that do not exist stay literal, as in .NET.
 */
function parseReplacement(regex: DotNetRegex, replacement: string): readonly Piece[] {
  let perRegex = cache.get(regex);
  if (!perRegex) cache.set(regex, (perRegex = new Map()));
  const cached = perRegex.get(replacement);
  if (cached) return cached;
  const pieces: Piece[] = [];
  let text = '';
  const flush = () => {
    if (text) pieces.push(text);
    text = '';
  };
  let i = 0;
  while (i < replacement.length) {
    const c = replacement.charAt(i);
    if (c !== '$' || i + 1 >= replacement.length) {
      text += c;
      i++;
      continue;
    }
    const n = replacement.charAt(i + 1);
    if (n === '$') {
      text += '$';
      i += 2;
    } else if (n === '{') {
      const end = replacement.indexOf('}', i + 2);
      const index = end < 0 ? undefined : groupIndex(regex, replacement.slice(i + 2, end));
      if (index === undefined) {
        text += c;
        i++;
      } else {
        flush();
        pieces.push(index);
        i = end + 1;
      }
    } else if (n >= '0' && n <= '9') {
      // .NET takes the longest run of digits that still names a group.
      let end = i + 2;
      let index = regex.jsIndexOfNumber.get(Number(n));
      if (index === undefined) {
        text += c;
        i++;
        continue;
      }
      while (end < replacement.length && /[0-9]/.test(replacement.charAt(end))) {
        const longer = regex.jsIndexOfNumber.get(Number(replacement.slice(i + 1, end + 1)));
        if (longer === undefined) break;
        index = longer;
        end++;
      }
      flush();
      pieces.push(index);
      i = end;
    } else if (n === '&' || SPECIALS[n] !== undefined) {
      flush();
      pieces.push(n === '&' ? 0 : SPECIALS[n]!);
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
  flush();
  const frozen = Object.freeze(pieces);
  perRegex.set(replacement, frozen);
  return frozen;
}

/** Regex.Replace(input, pattern, replacement) with .NET substitution rules. */
export function dotNetReplace(regex: DotNetRegex, input: string, replacement: string): string {
  const pieces = parseReplacement(regex, replacement);
  if (pieces.length === 1 && typeof pieces[0] === 'string') return input.replace(regex.global, () => pieces[0] as string);
  if (pieces.length === 0) return input.replace(regex.global, '');
  const lastGroup = regex.jsIndexOfNumber.get(regex.groupCount) ?? 0;
  return input.replace(regex.global, (...args: unknown[]) => {
    const match = args[0] as string;
    // The emitted regex has no named groups, so the callback gets (match, g1..gN, offset, input).
    const offset = args[args.length - 2] as number;
    let out = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') out += piece;
      else if (typeof piece === 'number') out += (args[piece] as string | undefined) ?? '';
      else if (piece.special === 'before') out += input.slice(0, offset);
      else if (piece.special === 'after') out += input.slice(offset + match.length);
      else if (piece.special === 'input') out += input;
      else out += (args[lastGroup] as string | undefined) ?? '';
    }
    return out;
  });
}

/**
 * Replaces, in every match, only the text captured by one group (Replace with regexPattern + regexGroupName +
 * replacementValue). Matches where the group did not take part are left alone.
 */
export function replaceGroupSpans(regex: DotNetRegex, jsGroup: number, input: string, replacement: string): string {
  const re = regex.withIndices;
  re.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let match = re.exec(input); match !== null; match = re.exec(input)) {
    const span = match.indices?.[jsGroup];
    if (span && span[0] >= copied) {
      out += input.slice(copied, span[0]) + replacement;
      copied = span[1];
    }
    if (match[0] === '') re.lastIndex = match.index + 1;
  }
  re.lastIndex = 0;
  return out + input.slice(copied);
}

/** The text of one group in the first match, or undefined when nothing matches or the group did not take part. */
export function firstGroupText(regex: DotNetRegex, jsGroup: number, input: string): string | undefined {
  const match = regex.test.exec(input);
  return (match?.[jsGroup] as string | undefined) ?? undefined;
}
