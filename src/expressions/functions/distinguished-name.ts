/**
 * The value of the n-th RDN (1-based, from the left) of a distinguished name: "cn=Joe,ou=x,dc=y" and 1 give
 * "Joe". RFC 4514 escapes (`\,`, `\2C`) and quoted values are honoured and removed.
 */
export function distinguishedNameComponent(dn: string, n: number): string | undefined {
  if (n < 1) return undefined;
  const components: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < dn.length; i++) {
    const ch = dn.charAt(i);
    if (ch === '\\' && i + 1 < dn.length) {
      current += ch + dn.charAt(i + 1);
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if ((ch === ',' || ch === ';') && !quoted) {
      components.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  components.push(current);
  const rdn = components[n - 1];
  if (rdn === undefined) return undefined;
  const equals = rdn.indexOf('=');
  const raw = (equals < 0 ? rdn : rdn.slice(equals + 1)).trim();
  return unescapeValue(raw);
}

function unescapeValue(raw: string): string {
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < unquoted.length; i++) {
    const ch = unquoted.charAt(i);
    if (ch === '\\' && /^[0-9A-Fa-f]{2}$/.test(unquoted.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unquoted.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    if (ch === '\\' && i + 1 < unquoted.length) {
      out += unquoted.charAt(i + 1);
      i++;
    } else {
      out += ch;
    }
  }
  flush();
  return out;
}
