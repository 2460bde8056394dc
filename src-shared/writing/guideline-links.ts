/**
 * The internal-links guideline check: links and bare addresses in a draft, and which of them point inside the
 * company (its listed hosts, and private addresses that reveal something about its network).
 */
import type { z } from 'zod';
import type { InternalLinksCheck } from './guideline-rules';
import type { Span } from './text-metrics';

/** `[text](target "title")`: the whole link is marked. */
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\(\s*<?([^\s()<>]+)>?(?:\s+"[^"\n]*")?\s*\)/g;
/** `<https://…>`: the whole autolink is marked. */
const AUTOLINK = /<((?:https?|ftp):\/\/[^\s<>]+)>/gi;
/** A URL with a scheme, or a bare host name (with an optional port and path) that is not part of an e-mail. */
const BARE_LINK = new RegExp(
  String.raw`(?:https?|ftp):\/\/[^\s<>"'\x60]+` +
    '|' +
    String.raw`(?<![\p{L}\p{N}_@.\-/:])` +
    String.raw`(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?|localhost(?=:\d))` +
    String.raw`(?::\d{1,5})?(?:[/?#][^\s<>"'\x60]*)?(?![\p{L}\p{N}_.\-]*@)`,
  'giu',
);

/** Words before a dotted number that make it a version rather than an address. */
const VERSION_BEFORE = /\b(?:version|release|build|v)\s*$/i;

/** Drops punctuation that ends the sentence rather than the URL, and a `)` that closes prose. */
function trimUrl(url: string): string {
  let result = url;
  for (;;) {
    const last = result.charAt(result.length - 1);
    if ('.,;:!?\'"*_'.includes(last) && result.length > 1) {
      result = result.slice(0, -1);
    } else if (last === ')' && result.split('(').length < result.split(')').length) {
      result = result.slice(0, -1);
    } else {
      return result;
    }
  }
}

/** The lower-case host of a URL or bare host, or undefined for a relative link. */
export function urlHost(url: string): string | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^/?#@\s]*@)?(\[[^\]]*\]|[^/?#:\s]+)/i.exec(url);
  const host = match?.[1];
  if (host === undefined || url.startsWith('/') || url.startsWith('#') || url.startsWith('.'))
    return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !host.includes('.') && host.toLowerCase() !== 'localhost') {
    return undefined;
  }
  return host.toLowerCase().replace(/\.$/, '');
}

function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** Whether `host` is a loopback, private (RFC 1918), link-local or local-only name or address. */
export function isPrivateHost(host: string): boolean {
  if (host === 'localhost' || /\.(?:localhost|local|internal)$/.test(host)) return true;
  const octets = ipv4(host);
  if (octets !== undefined) {
    const [a = 0, b = 0] = octets;
    return (
      a === 10 ||
      a === 127 ||
      (a === 192 && b === 168) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 169 && b === 254)
    );
  }
  if (host.startsWith('[')) {
    const address = host.slice(1, -1);
    return address === '::1' || /^f[cd][0-9a-f]{2}:/.test(address) || /^fe[89ab][0-9a-f]:/.test(address);
  }
  return false;
}

/** Names every machine or platform has: they say nothing about the company's network. */
const GENERIC_HOSTS = new Set([
  'host.docker.internal',
  'gateway.docker.internal',
  'kubernetes.docker.internal',
  'metadata.google.internal',
  'kubernetes.default.svc.cluster.local',
  'kubernetes.default.svc',
]);
/** Default addresses of home routers, Docker, emulators and VirtualBox: in every tutorial, revealing nothing. */
const DEFAULT_ADDRESSES = new Set([
  '192.168.0.1',
  '192.168.1.1',
  '192.168.1.254',
  '10.0.0.1',
  '10.0.2.2',
  '10.0.2.15',
  '172.17.0.1',
  '172.17.0.2',
]);
/** Whether `octets` with `/prefix` is a block's network address (its host bits zero), below /32. */
function isNetworkAddress(octets: readonly number[], prefix: number): boolean {
  if (prefix >= 32) return false;
  const value = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  return value % 2 ** (32 - prefix) === 0;
}

/**
 * Whether a private address says something about the company's network: a private IP, or a name under
 * .local, .internal, .lan, .corp, .intranet or .home.arpa, that is not loopback, link-local, a well-known
 * name, a default address or a generic block (an address ending in .0 or .255, or a block written in CIDR
 * such as 10.20.0.0/16). `url` is the whole match, so a `/prefix` after the address counts.
 */
export function revealsPrivateAddress(host: string, url: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || GENERIC_HOSTS.has(host)) return false;
  const octets = ipv4(host);
  if (octets !== undefined) {
    const [a = 0, b = 0, , d = 0] = octets;
    if (a === 127 || (a === 169 && b === 254) || !isPrivateHost(host)) return false;
    if (DEFAULT_ADDRESSES.has(host) || d === 0 || d === 255) return false;
    // A block in CIDR (10.20.0.0/16) names a range, not a machine; a single host (/32) still does.
    const prefix = /^\/(\d{1,2})(?![\d.])/.exec(url.slice(url.toLowerCase().indexOf(host) + host.length));
    if (prefix?.[1] !== undefined && isNetworkAddress(octets, Number(prefix[1]))) return false;
    return true;
  }
  if (host.startsWith('[')) {
    const address = host.slice(1, -1);
    return /^f[cd][0-9a-f]{2}:/.test(address);
  }
  return isPrivateHost(host) || /\.(?:lan|corp|intranet|home\.arpa)$/.test(host);
}

/** Whether `host` is one of `patterns`: `example.com` covers itself and its subdomains, `*.example.com` only subdomains. */
function hostMatches(host: string, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase().replace(/\.$/, '');
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return host === pattern || host.endsWith(`.${pattern}`);
  });
}

export function linkMatcher(check: z.infer<typeof InternalLinksCheck>): (text: string) => Span[] {
  const flagged = (url: string): boolean => {
    const host = urlHost(url);
    if (host === undefined) return false;
    return (
      hostMatches(host, check.hosts) || (check.privateAddresses === true && revealsPrivateAddress(host, url))
    );
  };
  return (text) => {
    const covered: Span[] = [];
    const spans: Span[] = [];
    const overlaps = (start: number, end: number): boolean =>
      covered.some((span) => start < span.end && end > span.start);
    for (const regex of [MARKDOWN_LINK, AUTOLINK]) {
      for (const match of text.matchAll(regex)) {
        const span = { start: match.index, end: match.index + match[0].length };
        if (overlaps(span.start, span.end)) continue;
        covered.push(span);
        if (flagged(match[1] ?? '')) spans.push(span);
      }
    }
    if (!text.includes('.') && !text.includes(':')) return spans;
    for (const match of text.matchAll(BARE_LINK)) {
      const url = trimUrl(match[0]);
      const span = { start: match.index, end: match.index + url.length };
      if (overlaps(span.start, span.end)) continue;
      // "version 10.4.2.1" is a version number, not an address.
      if (VERSION_BEFORE.test(text.slice(Math.max(0, span.start - 12), span.start))) continue;
      if (flagged(url)) spans.push(span);
    }
    return spans;
  };
}
