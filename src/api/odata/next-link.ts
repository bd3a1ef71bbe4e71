/**
 * The request URL with `$skiptoken` replaced: every other parameter is kept verbatim, in order, with the
 * client's own encoding, since clients follow nextLink as is and may compare it with what they sent.
 */
export function nextLinkFor(requestUrl: string | URL, skipToken: string): string {
  const url = new URL(requestUrl);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isSkipToken(pair));
  kept.push(`$skiptoken=${encodeURIComponent(skipToken)}`);
  return `${url.origin}${url.pathname}?${kept.join('&')}`;
}

function isSkipToken(pair: string): boolean {
  const rawName = pair.split('=', 1)[0] ?? '';
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    return false;
  }
  return /^\$?skiptoken$/i.test(name);
}
