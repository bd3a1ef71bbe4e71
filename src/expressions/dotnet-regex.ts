/*
 * Translates .NET regular expressions into JavaScript RegExp objects (flag `v`, so Unicode categories and nested
 * classes are available) while keeping .NET semantics where they differ:
 *  - group numbering: .NET numbers unnamed groups first, then named ones; every capture is emitted unnamed and
 *    mapped back, so `$1`, `${name}` and `\k<name>` resolve like .NET;
 *  - `\d`, `\w`, `\b` are Unicode-aware in .NET; `.` excludes only `\n`; `$` also matches before a final `\n`;
 *  - inline options `(?imnsx-imnsx)` and `(?i:...)`, which JavaScript (Node 20) lacks, are applied while translating;
 *  - atomic groups `(?>...)` become `(?=(...))\N`;
 *  - character-class subtraction `[a-z-[aeiou]]` becomes `[[a-z]--[aeiou]]`.
 * Constructs JavaScript cannot express (conditionals, balancing groups, \G, named blocks, numeric group names,
 * duplicate names, right-to-left) raise RegexTranslationError('UnsupportedRegex').
 */

export class RegexTranslationError extends Error {
  readonly code: 'InvalidRegex' | 'UnsupportedRegex';

  constructor(code: 'InvalidRegex' | 'UnsupportedRegex', message: string) {
    super(message);
    this.name = 'RegexTranslationError';
    this.code = code;
  }
}

interface Options {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  n: boolean;
}

type Part = string | { readonly backref: number } | { readonly namedBackref: string };

const WORD_CLASS_ITEMS = String.raw`\p{L}\p{Mn}\p{Nd}\p{Pc}`;
const WORD = `[${WORD_CLASS_ITEMS}]`;
const WORD_BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NOT_WORD_BOUNDARY = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
const CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'.split(' '),
);

function escapeCodePoint(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** A literal outside a class: letters and digits as they are, everything else escaped (always valid under `v`). */
function literal(cp: number): string {
  const isAsciiAlnum = (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return isAsciiAlnum ? String.fromCodePoint(cp) : escapeCodePoint(cp);
}

/** The other-case forms of a character with a one-to-one case mapping. */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const variants = new Set<number>([cp]);
  for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
    const codePoints = [...other];
    if (codePoints.length === 1) variants.add(codePoints[0]!.codePointAt(0)!);
  }
  return [...variants];
}

class Translator {
  private pos = 0;
  private readonly parts: Part[] = [];
  private jsGroupCount = 0;
  private readonly unnamed: number[] = [];
  private readonly named = new Map<string, number>();
  sawCaseSensitive = false;
  sawCaseInsensitive = false;

  constructor(
    private readonly pattern: string,
    /** When true the whole pattern is case-insensitive and the JS `i` flag does the work. */
    private readonly caseFlag: boolean,
  ) {}

  translate(): { source: string; numberToJs: Map<number, number>; nameToJs: Map<string, number>; groupCount: number } {
    this.sequence({ i: false, m: false, s: false, x: false, n: false }, 0);
    if (this.pos < this.pattern.length) throw this.invalid("too many ')'");
    const numberToJs = new Map<number, number>([[0, 0]]);
    this.unnamed.forEach((js, index) => numberToJs.set(index + 1, js));
    let next = this.unnamed.length + 1;
    for (const js of this.named.values()) numberToJs.set(next++, js);
    const source = this.parts
      .map((part) => {
        if (typeof part === 'string') return part;
        const js = 'backref' in part ? numberToJs.get(part.backref) : this.named.get(part.namedBackref);
        if (js === undefined) {
          throw this.invalid(`reference to undefined group ${'backref' in part ? `number ${part.backref}` : `name '${part.namedBackref}'`}`);
        }
        return `(?:\\${js})`;
      })
      .join('');
    return { source, numberToJs, nameToJs: this.named, groupCount: next - 1 };
  }

  private invalid(message: string): RegexTranslationError {
    return new RegexTranslationError('InvalidRegex', `${message} in regular expression ${JSON.stringify(this.pattern)}`);
  }

  private unsupported(construct: string): RegexTranslationError {
    return new RegexTranslationError('UnsupportedRegex', `${construct} cannot be expressed in this implementation (regular expression ${JSON.stringify(this.pattern)})`);
  }

  private peek(offset = 0): string {
    return this.pattern.charAt(this.pos + offset);
  }

  private emit(text: string): void {
    this.parts.push(text);
  }

  private noteCase(options: Options): void {
    if (options.i) this.sawCaseInsensitive = true;
    else this.sawCaseSensitive = true;
  }

  private emitLiteral(cp: number, options: Options): void {
    const variants = caseVariants(cp);
    if (variants.length > 1) this.noteCase(options);
    if (options.i && !this.caseFlag && variants.length > 1) this.emit(`[${variants.map(escapeCodePoint).join('')}]`);
    else this.emit(literal(cp));
  }

  /** Alternatives up to the closing ')' of the current group (or the end at depth 0). */
  private sequence(inherited: Options, depth: number): void {
    const options = { ...inherited };
    while (this.pos < this.pattern.length) {
      const c = this.peek();
      if (options.x && /\s/.test(c)) {
        this.pos++;
        continue;
      }
      if (options.x && c === '#') {
        while (this.pos < this.pattern.length && this.peek() !== '\n') this.pos++;
        continue;
      }
      switch (c) {
        case ')':
          if (depth === 0) throw this.invalid("too many ')'");
          return;
        case '(':
          this.group(options, depth);
          break;
        case '[':
          this.pos++;
          this.emit(this.characterClass(options));
          break;
        case '\\':
          this.escape(options);
          break;
        case '.':
          this.pos++;
          this.emit(options.s ? String.raw`[\s\S]` : String.raw`[^\n]`);
          break;
        case '^':
          this.pos++;
          this.emit(options.m ? String.raw`(?:^|(?<=\n))` : '^');
          break;
        case '$':
          this.pos++;
          this.emit(options.m ? String.raw`(?=\n|$)` : String.raw`(?=\n?$)`);
          break;
        case '|':
          this.pos++;
          this.emit('|');
          break;
        case '*':
        case '+':
        case '?':
          this.pos++;
          this.emit(c);
          this.lazySuffix();
          break;
        case '{': {
          const quantifier = /^\{\d+(,\d*)?\}/.exec(this.pattern.slice(this.pos));
          if (quantifier) {
            this.pos += quantifier[0].length;
            this.emit(quantifier[0]);
            this.lazySuffix();
          } else {
            this.pos++;
            this.emit(literal(0x7b));
          }
          break;
        }
        default: {
          const cp = this.pattern.codePointAt(this.pos)!;
          this.pos += cp > 0xffff ? 2 : 1;
          this.emitLiteral(cp, options);
        }
      }
    }
    if (depth > 0) throw this.invalid("not enough ')'");
  }

  private lazySuffix(): void {
    if (this.peek() === '?') {
      this.pos++;
      this.emit('?');
    }
  }

  private group(options: Options, depth: number): void {
    this.pos++; // '('
    if (this.peek() !== '?') {
      if (options.n) this.body('(?:', options, depth);
      else {
        this.unnamed.push(++this.jsGroupCount);
        this.body('(', options, depth);
      }
      return;
    }
    this.pos++; // '?'
    const rest = this.pattern.slice(this.pos);
    if (rest.startsWith(':')) {
      this.pos++;
      this.body('(?:', options, depth);
    } else if (rest.startsWith('=') || rest.startsWith('!')) {
      this.pos++;
      this.body(`(?${rest.charAt(0)}`, options, depth);
    } else if (rest.startsWith('<=') || rest.startsWith('<!')) {
      this.pos += 2;
      this.body(`(?${rest.slice(0, 2)}`, options, depth);
    } else if (rest.startsWith('>')) {
      this.pos++;
      const hidden = ++this.jsGroupCount;
      this.body('(?=(', options, depth);
      this.emit(`)(?:\\${hidden})`);
    } else if (rest.startsWith('#')) {
      const end = this.pattern.indexOf(')', this.pos);
      if (end < 0) throw this.invalid('unterminated (?#...) comment');
      this.pos = end + 1;
    } else if (rest.startsWith('(')) {
      throw this.unsupported('a conditional group (?(...)...)');
    } else if (/^[<'][^>']*-/.test(rest)) {
      throw this.unsupported('a balancing group (?<name-other>...)');
    } else if (rest.startsWith('<') || rest.startsWith("'")) {
      const close = rest.startsWith('<') ? '>' : "'";
      const end = this.pattern.indexOf(close, this.pos + 1);
      if (end < 0) throw this.invalid('unterminated group name');
      const name = this.pattern.slice(this.pos + 1, end);
      if (!/^[\p{L}\p{Mn}\p{Nd}\p{Pc}]+$/u.test(name)) throw this.invalid(`invalid group name '${name}'`);
      if (/^\d+$/.test(name)) throw this.unsupported(`a numbered group name (?<${name}>...)`);
      if (this.named.has(name)) throw this.unsupported(`the group name '${name}' used twice`);
      this.pos = end + 1;
      this.named.set(name, ++this.jsGroupCount);
      this.body('(', options, depth);
    } else {
      const match = /^([imnsx]*)(?:-([imnsx]*))?([:)])/.exec(rest);
      if (!match) throw this.invalid('unrecognized grouping construct');
      const changed = { ...options };
      for (const flag of match[1] ?? '') changed[flag as keyof Options] = true;
      for (const flag of match[2] ?? '') changed[flag as keyof Options] = false;
      this.pos += match[0].length;
      if (match[3] === ')') {
        // (?i) changes the options for the rest of the enclosing group.
        Object.assign(options, changed);
      } else {
        this.body('(?:', changed, depth);
      }
    }
  }

  private body(open: string, options: Options, depth: number): void {
    this.emit(open);
    this.sequence(options, depth + 1);
    this.pos++; // ')'
    this.emit(')');
  }

  private escape(options: Options): void {
    this.pos++; // '\'
    const c = this.peek();
    if (c === '') throw this.invalid('illegal \\ at end of pattern');
    this.pos++;
    switch (c) {
      case 'd':
        this.emit(String.raw`\p{Nd}`);
        return;
      case 'D':
        this.emit(String.raw`\P{Nd}`);
        return;
      case 'w':
        this.emit(WORD);
        return;
      case 'W':
        this.emit(`[^${WORD_CLASS_ITEMS}]`);
        return;
      case 's':
        this.emit(String.raw`\s`);
        return;
      case 'S':
        this.emit(String.raw`\S`);
        return;
      case 'b':
        this.emit(WORD_BOUNDARY);
        return;
      case 'B':
        this.emit(NOT_WORD_BOUNDARY);
        return;
      case 'A':
        this.emit('^');
        return;
      case 'z':
        this.emit('$');
        return;
      case 'Z':
        this.emit(String.raw`(?=\n?$)`);
        return;
      case 'G':
        throw this.unsupported('\\G');
      case 'p':
      case 'P':
        this.emit(this.category(c));
        return;
      case 'k': {
        const open = this.peek();
        const close = open === '<' ? '>' : open === "'" ? "'" : '';
        const end = close ? this.pattern.indexOf(close, this.pos + 1) : -1;
        if (end < 0) throw this.invalid('malformed \\k<...> backreference');
        const name = this.pattern.slice(this.pos + 1, end);
        this.pos = end + 1;
        this.parts.push(/^\d+$/.test(name) ? { backref: Number(name) } : { namedBackref: name });
        return;
      }
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      let end = this.pos;
      while (/[0-9]/.test(this.pattern.charAt(end))) end++;
      this.parts.push({ backref: Number(this.pattern.slice(this.pos - 1, end)) });
      this.pos = end;
      return;
    }
    this.pos--;
    this.emitLiteral(this.characterEscape(), options);
  }

  /** `\p{Lu}`; .NET block names (\p{IsGreek}) have no JavaScript equivalent. */
  private category(letter: 'p' | 'P'): string {
    const match = /^\{([A-Za-z]+)\}/.exec(this.pattern.slice(this.pos));
    if (!match) throw this.invalid(`malformed \\${letter} escape`);
    this.pos += match[0].length;
    const name = match[1]!;
    if (!CATEGORIES.has(name)) {
      if (name.startsWith('Is')) throw this.unsupported(`the Unicode block \\${letter}{${name}}`);
      throw this.invalid(`unknown Unicode category '${name}'`);
    }
    return `\\${letter}{${name}}`;
  }

  /** Escapes that stand for one character (after the backslash); returns the code point. */
  private characterEscape(): number {
    const c = this.peek();
    this.pos++;
    const simple: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, e: 27, a: 7 };
    if (simple[c] !== undefined) return simple[c];
    if (c === '0') {
      const octal = /^[0-7]{0,2}/.exec(this.pattern.slice(this.pos))![0];
      this.pos += octal.length;
      return parseInt(`0${octal}`, 8);
    }
    if (c === 'x' || c === 'u') {
      const length = c === 'x' ? 2 : 4;
      const hex = this.pattern.slice(this.pos, this.pos + length);
      if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(hex)) throw this.invalid(`insufficient hexadecimal digits after \\${c}`);
      this.pos += length;
      return parseInt(hex, 16);
    }
    if (c === 'c') {
      const control = this.peek().toUpperCase();
      if (!/^[A-Z@[\\\]^_]$/.test(control)) throw this.invalid('missing control character after \\c');
      this.pos++;
      return control.charCodeAt(0) - 64;
    }
    if (/[A-Za-z0-9_]/.test(c)) throw this.invalid(`unrecognized escape sequence \\${c}`);
    this.pos--;
    const cp = this.pattern.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** After '[': returns a `v`-mode class. */
  private characterClass(options: Options): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const items: string[] = [];
    let subtraction: string | undefined;
    let first = true;
    for (;;) {
      if (this.pos >= this.pattern.length) throw this.invalid('unterminated [] set');
      const c = this.peek();
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '-' && this.peek(1) === '[') {
        this.pos += 2;
        subtraction = this.characterClass(options);
        if (this.peek() !== ']') throw this.invalid('a subtraction must be the last element of a character class');
        this.pos++;
        break;
      }
      const start = this.classAtom();
      if (typeof start === 'string') {
        items.push(start);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '[' && this.pos + 1 < this.pattern.length) {
        this.pos++;
        const end = this.classAtom();
        if (typeof end === 'string') throw this.invalid('a range cannot end with a character class');
        if (end < start) throw this.invalid('[x-y] range in reverse order');
        items.push(...this.range(start, end, options));
      } else {
        items.push(...this.range(start, start, options));
      }
    }
    const body = items.join('');
    if (subtraction !== undefined) return `[${negated ? `[^${body}]` : `[${body}]`}--${subtraction}]`;
    return negated ? `[^${body}]` : `[${body}]`;
  }

  private range(start: number, end: number, options: Options): string[] {
    const items = [start === end ? escapeCodePoint(start) : `${escapeCodePoint(start)}-${escapeCodePoint(end)}`];
    const letters = (lo: number, hi: number, shift: number) => {
      const a = Math.max(start, lo);
      const b = Math.min(end, hi);
      if (a <= b) {
        this.noteCase(options);
        if (options.i && !this.caseFlag) items.push(`${escapeCodePoint(a + shift)}-${escapeCodePoint(b + shift)}`);
      }
    };
    if (start === end && caseVariants(start).length > 1) {
      this.noteCase(options);
      if (options.i && !this.caseFlag) return caseVariants(start).map(escapeCodePoint);
      return items;
    }
    letters(65, 90, 32);
    letters(97, 122, -32);
    return items;
  }

  /** One element inside a class: a code point, or a string for shorthand classes. */
  private classAtom(): number | string {
    const c = this.peek();
    if (c !== '\\') {
      const cp = this.pattern.codePointAt(this.pos)!;
      this.pos += cp > 0xffff ? 2 : 1;
      return cp;
    }
    this.pos++;
    const e = this.peek();
    switch (e) {
      case 'd':
        this.pos++;
        return String.raw`\p{Nd}`;
      case 'D':
        this.pos++;
        return String.raw`\P{Nd}`;
      case 'w':
        this.pos++;
        return WORD_CLASS_ITEMS;
      case 'W':
        this.pos++;
        return `[^${WORD_CLASS_ITEMS}]`;
      case 's':
        this.pos++;
        return String.raw`\s`;
      case 'S':
        this.pos++;
        return String.raw`\S`;
      case 'p':
      case 'P':
        this.pos++;
        return this.category(e);
      case 'b':
        this.pos++;
        return 8;
      default:
        if (e === '') throw this.invalid('illegal \\ at end of pattern');
        return this.characterEscape();
    }
  }
}

/** A translated .NET regex plus the maps that resolve .NET group numbers and names to JavaScript indices. */
export interface DotNetRegex {
  readonly pattern: string;
  /** Global, for replacing. */
  readonly global: RegExp;
  /** Non-global, for testing (no lastIndex state). */
  readonly test: RegExp;
  /** Global with match indices, for replacing only a group's span. */
  readonly withIndices: RegExp;
  /** Highest .NET group number. */
  readonly groupCount: number;
  /** JavaScript group index for a .NET group number (0 = whole match). */
  readonly jsIndexOfNumber: ReadonlyMap<number, number>;
  readonly jsIndexOfName: ReadonlyMap<string, number>;
}

/** The JavaScript group index of a .NET group reference as `${...}` or a regexGroupName uses it: name or number. */
export function groupIndex(regex: DotNetRegex, reference: string): number | undefined {
  return regex.jsIndexOfName.get(reference) ?? (/^\d+$/.test(reference) ? regex.jsIndexOfNumber.get(Number(reference)) : undefined);
}

const cache = new Map<string, DotNetRegex>();
const CACHE_LIMIT = 512;

/** Translates (and caches) a .NET pattern. Throws RegexTranslationError. */
export function translateDotNetRegex(pattern: string): DotNetRegex {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let translator = new Translator(pattern, false);
  let result = translator.translate();
  let flags = 'v';
  if (translator.sawCaseInsensitive && !translator.sawCaseSensitive) {
    // Case-insensitive throughout: let the engine fold case instead of expanding every letter.
    translator = new Translator(pattern, true);
    result = translator.translate();
    flags = 'iv';
  }
  let test: RegExp;
  try {
    test = new RegExp(result.source, flags);
  } catch (error) {
    throw new RegexTranslationError('InvalidRegex', `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
  const translated: DotNetRegex = Object.freeze({
    pattern,
    global: new RegExp(result.source, `g${flags}`),
    test,
    withIndices: new RegExp(result.source, `dg${flags}`),
    groupCount: result.groupCount,
    jsIndexOfNumber: result.numberToJs,
    jsIndexOfName: result.nameToJs,
  });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, translated);
  return translated;
}

/** Regex.IsMatch: unanchored. */
export function isDotNetMatch(regex: DotNetRegex, input: string): boolean {
  return regex.test.test(input);
}
