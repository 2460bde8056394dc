import { z } from 'zod';

/** scheme://host[:port][/path], without credentials; the query and fragment are dropped. */
const ADDRESS = /^(https?):\/\/([^\s/?#@]+)(\/[^\s?#]*)?(?:[?#].*)?$/i;

/** An http(s) address, normalised to end in `/` (statements, enrol and packs resolve against it). */
export const ServerUrl = z
  .string()
  .trim()
  .min(1, 'enter the address')
  .max(2000)
  .transform((value, context) => {
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    const match = ADDRESS.exec(withScheme);
    if (!match) {
      context.addIssue({
        code: 'custom',
        message: /^https?:/i.test(withScheme)
          ? 'is not a web address, such as https://hub.example.com (no spaces, no user name)'
          : 'must start with https:// (or http://)',
      });
      return z.NEVER;
    }
    const scheme = (match[1] ?? 'https').toLowerCase();
    const host = (match[2] ?? '').toLowerCase();
    if (scheme === 'http' && !isLoopback(host)) {
      context.addIssue({
        code: 'custom',
        message:
          'must start with https://: over plain http:// the device’s key and secret would cross the network readable by anyone on the way (http:// is only for this computer: localhost or 127.0.0.1)',
      });
      return z.NEVER;
    }
    const path = match[3] ?? '/';
    return `${scheme}://${host}${path.endsWith('/') ? path : `${path}/`}`;
  });

/** `localhost`, `127.x.y.z` or `[::1]`, with or without a port: traffic that never leaves this computer. */
function isLoopback(hostAndPort: string): boolean {
  const host = hostAndPort.startsWith('[')
    ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1)
    : hostAndPort.split(':')[0];
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host ?? '');
}

export const ConnectInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('hub'),
    url: ServerUrl,
    code: z.string().trim().min(1, 'enter the enrolment code').max(200),
    email: z.email('is not an email address').max(320),
  }),
  z.strictObject({
    kind: z.literal('lrs'),
    url: ServerUrl,
    key: z.string().trim().min(1, 'enter the key').max(500),
    secret: z.string().min(1, 'enter the secret').max(2000),
  }),
]);
export type ConnectInput = z.input<typeof ConnectInput>;

/** What to do with unsent records made for a different company than the one now connected. */
export const OtherRecordsDecision = z.strictObject({ decision: z.enum(['send', 'keep']) });

export const SyncProblemCode = z.enum([
  'unauthorized',
  'forbidden',
  'unreachable',
  'busy',
  'server',
  'bad-response',
  'pack-failed',
]);
export type SyncProblemCode = z.infer<typeof SyncProblemCode>;

export const SyncConflict = z.object({
  statementId: z.string(),
  /** What the record is about, in words ("completed Why credibility"). */
  summary: z.string(),
  status: z.number().int(),
  message: z.string(),
  at: z.iso.datetime(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const PackPull = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  phase: z.enum(['downloading', 'extracting', 'checking', 'installing']),
  done: z.number(),
  total: z.number(),
});

export const SyncStatus = z.object({
  connection: z
    .object({
      kind: z.enum(['hub', 'lrs']),
      url: z.string(),
      email: z.string().nullable(),
      connectedAt: z.iso.datetime(),
    })
    .nullable(),
  /** Records waiting to be sent to the connected company (or, when not connected, to the first one). */
  pending: z.number().int(),
  /** Unsent records made for a different company than the connected one: the learner decides. */
  otherCompany: z.object({ count: z.number().int(), url: z.string() }).nullable(),
  /** Records the learner chose to keep on this device. */
  keptLocal: z.number().int(),
  conflicts: z.array(SyncConflict),
  running: z.boolean(),
  /** Statements sent so far in the current run, out of those queued when it started. */
  progress: z.object({ sent: z.number().int(), total: z.number().int() }).nullable(),
  packPull: PackPull.nullable(),
  /** Hub packs that downloaded but did not install, with the reason (each version is tried once). */
  packFailures: z.array(z.object({ id: z.string(), version: z.string(), error: z.string() })),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  stopped: z.boolean(),
  problem: z.object({ code: SyncProblemCode, detail: z.string().nullable() }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

// What an xAPI server answers (validated: it is a network peer like any other). The hub's own routes: src-shared/hub.

/** POST /statements answers the stored ids (xAPI 2.0 Part Three §4.1.6.1). */
export const StoredIds = z.array(z.string());

/** A server's error body, when it has one we can quote. */
export const ServerError = z.object({ message: z.string() });
