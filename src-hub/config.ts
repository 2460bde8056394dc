import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CREDENTIAL_ROLES } from './db/schema/index';
import type { DatabaseTarget } from './db/open';
import { parseExpiry } from '../src-shared/hub/schemas';
import { ServerUrl } from '../src-shared/sync/schemas';
import type { TrustProxy } from './server';

export const USAGE = `Usage:
  npm run hub -- [--port N] [--host ADDRESS] [--data-dir DIR] [--trust-proxy PROXIES] [--public-url URL]
                 [--cors-origins ORIGINS]                        start the hub
  npm run hub -- credentials create --name NAME [--role trainer|device|lrs-client]
  npm run hub -- credentials revoke KEY
  npm run hub -- credentials list
  npm run hub -- enrolment create [--expires 7d] [--email PERSON@COMPANY] [--team TEAM]
  npm run hub -- issuer set --name COMPANY [--url https://company.example] [--image LOGO-URL]
  npm run hub -- issuer show
  npm run hub -- issuer rotate-key
  npm run hub -- badges list
  npm run hub -- badges revoke ID

The database is PGlite in the data folder (default ~/.advocate-hub, or HUB_DATA_DIR),
or PostgreSQL when DATABASE_URL is set. Add --json for machine-readable output.
--trust-proxy (or HUB_TRUST_PROXY) names the reverse proxy in front of the hub, so rate limits and the
dashboard cookie's Secure flag follow each client's own address and protocol: the proxy's addresses or
CIDR ranges, comma-separated (127.0.0.1, 10.0.0.0/8, loopback), a hop count (1), or true for any.
--public-url (or HUB_PUBLIC_URL) is the address learners reach the hub at (https://hub.example.com), used in
invitations and the start line, and in the company's Open Badges (its did:web, status lists and
verification pages); it defaults to the address the hub listens on (and, for badges, the one a request reached).
The hub issues badges only after "issuer set" has named the company; "issuer rotate-key" signs from now on
with a new key (the old stays published so its badges still verify); "badges revoke" revokes one.
--cors-origins (or HUB_CORS_ORIGINS) lets browser pages from these origins call /xapi/, comma-separated
(https://lms.example.com); none by default.`;

const Options = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8_420),
  host: z.string().min(1).default('127.0.0.1'),
  'data-dir': z.string().min(1).optional(),
  'trust-proxy': z.string().trim().min(1).optional(),
  'public-url': ServerUrl.optional(),
  'cors-origins': z.string().trim().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(CREDENTIAL_ROLES).default('lrs-client'),
  expires: z.string().default('7d'),
  email: z.email().optional(),
  team: z.string().trim().min(1).max(200).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  image: z
    .string()
    .trim()
    .max(500_000)
    .refine(
      (value) => /^(https:\/\/|data:image\/(png|svg\+xml|jpeg|webp)[;,])/.test(value),
      'must be an https address or a data:image URI',
    )
    .optional(),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type HubCommand =
  | { kind: 'serve' }
  | { kind: 'credentials-create'; name: string }
  | { kind: 'credentials-revoke'; key: string }
  | { kind: 'credentials-list' }
  | { kind: 'enrolment-create' }
  | { kind: 'issuer-set'; name: string }
  | { kind: 'issuer-show' }
  | { kind: 'issuer-rotate-key' }
  | { kind: 'badges-list' }
  | { kind: 'badges-revoke'; id: string }
  | { kind: 'help' };

export interface HubConfig {
  command: HubCommand;
  port: number;
  host: string;
  /** Which reverse proxies to believe about clients' addresses and protocol (see HubOptions.trustProxy). */
  trustProxy: TrustProxy;
  /** Where learners reach the hub, for invitations and the start line; null: the address it listens on. */
  publicUrl: string | null;
  /** Origins whose browser pages may call /xapi/ (CORS); empty for none. */
  corsOrigins: string[];
  database: DatabaseTarget;
  role: (typeof CREDENTIAL_ROLES)[number];
  /** How long a new enrolment code stays valid. */
  expiresInMs: number;
  /** For enrolment codes: the only email that may redeem it. */
  email: string | null;
  /** For enrolment codes: the team whoever redeems it joins. */
  team: string | null;
  /** For `issuer set`: the company's site and logo. */
  issuerUrl: string | null;
  issuerImage: string | null;
  json: boolean;
}

export class UsageError extends Error {}

export function parseHubArgs(argv: string[], env: NodeJS.ProcessEnv): HubConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'trust-proxy': { type: 'string' },
        'public-url': { type: 'string' },
        'cors-origins': { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        expires: { type: 'string' },
        email: { type: 'string' },
        team: { type: 'string' },
        url: { type: 'string' },
        image: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options = Options.safeParse(parsed.values);
  if (!options.success) {
    const issue = options.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const o = options.data;
  const expiresInMs = parseExpiry(o.expires);
  if (expiresInMs === null) {
    throw new UsageError(
      `--expires takes a duration such as 7d, 12h or 30m (at most 365d), not ${o.expires}`,
    );
  }
  const dataDir = resolve(o['data-dir'] ?? env['HUB_DATA_DIR'] ?? resolve(homedir(), '.advocate-hub'));
  const url = env['DATABASE_URL'];
  return {
    command: o.help ? { kind: 'help' } : command(parsed.positionals, o.name),
    port: o.port,
    host: o.host,
    trustProxy: parseTrustProxy(o['trust-proxy'] ?? env['HUB_TRUST_PROXY']),
    publicUrl: o['public-url'] ?? publicUrlFrom(env['HUB_PUBLIC_URL']),
    corsOrigins: parseCorsOrigins(o['cors-origins'] ?? env['HUB_CORS_ORIGINS']),
    database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir },
    role: o.role,
    expiresInMs,
    email: o.email ?? null,
    team: o.team ?? null,
    issuerUrl: o.url ?? null,
    issuerImage: o.image ?? null,
    json: o.json,
  };
}

function command(positionals: string[], name: string | undefined): HubCommand {
  const [noun, verb, arg, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
  if (noun === undefined) return { kind: 'serve' };
  if (noun === 'credentials' && verb === 'create' && arg === undefined) {
    if (!name) throw new UsageError('credentials create needs --name NAME');
    return { kind: 'credentials-create', name };
  }
  if (noun === 'credentials' && verb === 'revoke' && arg) return { kind: 'credentials-revoke', key: arg };
  if (noun === 'credentials' && verb === 'list' && arg === undefined) return { kind: 'credentials-list' };
  if (noun === 'enrolment' && verb === 'create' && arg === undefined) return { kind: 'enrolment-create' };
  if (noun === 'issuer' && verb === 'set' && arg === undefined) {
    if (!name) throw new UsageError('issuer set needs --name COMPANY');
    return { kind: 'issuer-set', name };
  }
  if (noun === 'issuer' && verb === 'show' && arg === undefined) return { kind: 'issuer-show' };
  if (noun === 'issuer' && verb === 'rotate-key' && arg === undefined) return { kind: 'issuer-rotate-key' };
  if (noun === 'badges' && verb === 'list' && arg === undefined) return { kind: 'badges-list' };
  if (noun === 'badges' && verb === 'revoke' && arg) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(arg))
      throw new UsageError(`badges revoke takes a badge id (a UUID, as badges list shows), not ${arg}`);
    return { kind: 'badges-revoke', id: arg.toLowerCase() };
  }
  throw new UsageError(`unknown command: ${positionals.join(' ')}`);
}

/** `true`, a hop count, or proxy addresses and CIDR ranges; absent or `false` trusts no proxy. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.split(',').map((part) => part.trim());
  const address = /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i;
  const bad = parts.find((part) => !address.test(part));
  if (bad !== undefined) {
    throw new UsageError(
      `--trust-proxy takes true, a hop count, or addresses and CIDR ranges separated by commas, not "${bad}"`,
    );
  }
  return parts.join(',');
}

function publicUrlFrom(value: string | undefined): string | null {
  if (!value) return null;
  const parsed = ServerUrl.safeParse(value);
  if (!parsed.success)
    throw new UsageError(`HUB_PUBLIC_URL ${parsed.error.issues[0]?.message ?? 'is not an address'}`);
  return parsed.data;
}

/** `https://lms.example.com,http://localhost:8080`: origins exactly as browsers send them (scheme, host, port). */
export function parseCorsOrigins(value: string | undefined): string[] {
  const parts = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const bad = parts.find((part) => !/^https?:\/\/[^/\s?#@]+$/i.test(part));
  if (bad !== undefined) {
    throw new UsageError(
      `--cors-origins takes origins such as https://lms.example.com (scheme and host, no path), separated by commas, not "${bad}"`,
    );
  }
  return [...new Set(parts.map((part) => part.toLowerCase()))];
}
