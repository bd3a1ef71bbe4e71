/**
 * Distinguished names (RFC 4514): parsing with escapes, formatting, comparison and containment. Scoping
 * by OU and recognising moves depend on comparing DNs that servers spell differently (`CN=` vs `cn=`,
 * `\2C` vs `\,`), so comparisons go through a normal form.
 */
export interface RdnPart {
  readonly attribute: string;
  readonly value: string;
}

/** One relative name: usually one part, several for multi-valued RDNs (`cn=a+uid=b`). */
export type Rdn = readonly RdnPart[];

export class DnSyntaxError extends Error {
  readonly code = 'InvalidDnSyntax';

  constructor(dn: string, reason: string) {
    super(`Invalid distinguished name '${dn}': ${reason}`);
    this.name = 'DnSyntaxError';
  }
}

export function parseDn(dn: string): readonly Rdn[] {
  const rdns: Rdn[] = [];
  if (dn.trim() === '') return rdns;
  let parts: RdnPart[] = [];
  let i = 0;
  while (i <= dn.length) {
    const eq = dn.indexOf('=', i);
    if (eq < 0) throw new DnSyntaxError(dn, `no '=' after position ${i}`);
    const attribute = dn.slice(i, eq).trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(attribute)) throw new DnSyntaxError(dn, `bad attribute type '${attribute}'`);
    const { value, end } = readValue(dn, eq + 1);
    parts.push(Object.freeze({ attribute, value }));
    if (end >= dn.length) {
      rdns.push(Object.freeze(parts));
      break;
    }
    if (dn[end] === ',' || dn[end] === ';') {
      rdns.push(Object.freeze(parts));
      parts = [];
    }
    i = end + 1;
  }
  return Object.freeze(rdns);
}

function readValue(dn: string, start: number): { value: string; end: number } {
  let i = start;
  while (dn[i] === ' ') i++;
  const bytes: number[] = [];
  let lastSignificant = 0;
  const pushText = (text: string): void => {
    bytes.push(...Buffer.from(text, 'utf8'));
  };
  if (dn[i] === '#') {
    // BER-encoded value: kept as written, it is only compared, never decoded here.
    const match = /^#[0-9A-Fa-f]*/.exec(dn.slice(i));
    const text = match?.[0] ?? '#';
    let end = i + text.length;
    while (dn[end] === ' ') end++;
    return { value: text, end };
  }
  // Most values have no escapes: sliced, not decoded byte by byte (DNs are parsed for every reference read).
  let plainEnd = i;
  while (plainEnd < dn.length) {
    const ch = dn[plainEnd];
    if (ch === ',' || ch === '+' || ch === ';' || ch === '\\' || ch === '"') break;
    plainEnd++;
  }
  if (plainEnd >= dn.length || (dn[plainEnd] !== '\\' && dn[plainEnd] !== '"')) {
    let last = plainEnd;
    while (last > i && dn[last - 1] === ' ') last--;
    return { value: dn.slice(i, last), end: plainEnd };
  }
  while (i < dn.length) {
    const ch = dn[i] as string;
    if (ch === ',' || ch === '+' || ch === ';') break;
    if (ch === '\\') {
      const next = dn[i + 1];
      if (next === undefined) throw new DnSyntaxError(dn, 'dangling escape');
      if (/^[0-9A-Fa-f]{2}$/.test(dn.slice(i + 1, i + 3))) {
        bytes.push(Number.parseInt(dn.slice(i + 1, i + 3), 16));
        i += 3;
      } else {
        pushText(next);
        i += 2;
      }
      lastSignificant = bytes.length;
      continue;
    }
    if (ch === '"') throw new DnSyntaxError(dn, 'quoted values are not supported');
    const codePoint = dn.codePointAt(i) as number;
    const text = String.fromCodePoint(codePoint);
    pushText(text);
    if (ch !== ' ') lastSignificant = bytes.length;
    i += text.length;
  }
  // Unescaped trailing spaces are not part of the value.
  return { value: Buffer.from(bytes.slice(0, lastSignificant)).toString('utf8'), end: i };
}

/** Escapes an attribute value for use in a DN (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (',+"\\<>;='.includes(ch)) out += `\\${ch}`;
    else if (ch === '\0') out += '\\00';
    else if (ch === '\n') out += '\\0A';
    else if (ch === '\r') out += '\\0D';
    else if ((i === 0 && (ch === ' ' || ch === '#')) || (i === value.length - 1 && ch === ' ')) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

export function formatRdn(rdn: Rdn): string {
  return rdn.map((part) => `${part.attribute}=${escapeDnValue(part.value)}`).join('+');
}

export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(formatRdn).join(',');
}

/** Lower-cased, uniformly escaped, parts of multi-valued RDNs sorted: equal DNs have equal normal forms. */
export function normalizeDn(dn: string): string {
  return parseDn(dn)
    .map((rdn) =>
      rdn
        .map((part) => `${part.attribute.toLowerCase()}=${escapeDnValue(part.value.toLowerCase())}`)
        .sort()
        .join('+'),
    )
    .join(',');
}

export function dnEquals(a: string, b: string): boolean {
  return normalizeDn(a) === normalizeDn(b);
}

/** True when `dn` is `container` itself or anywhere below it. */
export function isDnWithin(dn: string, container: string): boolean {
  const inner = normalizeDn(dn);
  const outer = normalizeDn(container);
  return outer === '' || inner === outer || inner.endsWith(`,${outer}`);
}

/** The DN one level up; '' for a single RDN. */
export function parentDn(dn: string): string {
  return formatDn(parseDn(dn).slice(1));
}

/** The first RDN, e.g. `CN=Alice Anders` (as formatted here, not as the server spelled it). */
export function firstRdn(dn: string): Rdn | undefined {
  return parseDn(dn)[0];
}

/** `contoso.com` → `DC=contoso,DC=com`. */
export function baseDnFromDomain(domain: string): string {
  const labels = domain.trim().replace(/\.$/, '').split('.');
  if (labels.some((label) => !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label))) {
    throw new DnSyntaxError(domain, 'not a DNS domain name');
  }
  return labels.map((label) => `DC=${label}`).join(',');
}

/** Drops AD's extended-DN prefixes: `<GUID=...>;<SID=...>;CN=Users,DC=x` → `CN=Users,DC=x`. */
export function stripExtendedDn(dn: string): string {
  return dn.replace(/^(<[^>]*>;)+/, '');
}

/**
 * Where a deleted AD object lived: its tombstone RDN is `CN=name\0ADEL:<guid>` under CN=Deleted Objects,
 * and `lastKnownParent` names the container it was deleted from.
 */
export function dnBeforeDeletion(tombstoneDn: string, lastKnownParent: string | undefined): string | undefined {
  const rdn = firstRdn(tombstoneDn)?.[0];
  if (rdn === undefined || lastKnownParent === undefined || lastKnownParent === '') return undefined;
  const name = rdn.value.split('\n')[0] ?? rdn.value;
  return `${rdn.attribute}=${escapeDnValue(name)},${stripExtendedDn(lastKnownParent)}`;
}
