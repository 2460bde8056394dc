import type { LinkKind } from './schemas';

/**
 * The WHATWG URL parser exists in Node and in every browser, but shared code is compiled without the DOM or
 * Node's types, so only the part used here is declared.
 */
declare const URL: new (input: string) => {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
};

/** Where each kind of link must point, when it must point somewhere in particular. */
const requiredHosts: Partial<Record<LinkKind, { host: string; label: string }>> = {
  linkedin: { host: 'linkedin.com', label: 'A LinkedIn link' },
  github: { host: 'github.com', label: 'A GitHub link' },
};

/**
 * An address typed without its scheme ("linkedin.com/in/ada", "www.example.com") with https:// put in front,
 * as a browser's address bar does; anything else is returned as it was, for the checks to judge.
 */
export function completeWebAddress(value: string): string {
  return /^[a-z0-9][\w-]*(\.[\w-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(value) ? `https://${value}` : value;
}

/**
 * Why an address is not acceptable as a profile link, in words a person can act on; null when it is.
 * Only https: the exported page and the company's hub show these links to other people.
 */
export function httpsUrlProblem(value: string, kind?: LinkKind): string | null {
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value);
  } catch {
    return /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(value)
      ? `add https:// at the start: https://${value}`
      : 'this is not a web address; it should look like https://example.com/you';
  }
  if (url.protocol === 'http:') return 'use the https:// address; http:// is not accepted';
  if (url.protocol !== 'https:') return 'only https:// addresses are accepted';
  if (url.username || url.password) return 'remove the user name or password from the address';
  if (!url.hostname.includes('.')) return 'the address needs a full domain name, like example.com';
  const required = kind ? requiredHosts[kind] : undefined;
  if (required && url.hostname !== required.host && !url.hostname.endsWith(`.${required.host}`))
    return `${required.label} should be an address on ${required.host}`;
  return null;
}

/** Why an address may not be shown to others as a link (only https, no embedded credentials); null when it may. */
export function webAddressProblem(value: string): string | null {
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value);
  } catch {
    return 'is not a web address';
  }
  if (url.protocol !== 'https:') return 'only https:// addresses are accepted';
  if (url.username || url.password) return 'must not carry a user name or password';
  return null;
}
