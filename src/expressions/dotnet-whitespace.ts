/** char.IsWhiteSpace: U+0085 counts (JavaScript's trim() ignores it) and U+FEFF does not (trim() removes it). */
export function isDotNetWhiteSpace(ch: string): boolean {
  return ch === '\u0085' || (ch !== '\ufeff' && /\s/u.test(ch));
}

/** String.Trim() with .NET's notion of white space. */
export function dotNetTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDotNetWhiteSpace(text.charAt(start))) start++;
  while (end > start && isDotNetWhiteSpace(text.charAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
