import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { z } from 'zod';
import { AppError, hubFailure } from '../../src-shared/api/errors';
import { PACK_LIMITS } from '../../src-shared/packs/limits';
import { formatBytes } from '../../src-packs/zip/errors';
import { parseRetryAfter } from '../../src-shared/sync/backoff';
import type { SendOutcome } from '../../src-shared/sync/deliver';
import { hubRoutes, type HubReply, type HubRoute } from '../../src-shared/hub/contract';
import type { PackEntry } from '../../src-shared/hub/schemas';
import { ServerError, StoredIds } from '../../src-shared/sync/schemas';
import { negotiateVersion, toXapi103, type XapiVersion } from '../../src-shared/xapi/versions';

export type Fetch = typeof fetch;

/** Where and how one connection sends statements. */
export interface XapiEndpoint {
  /** Ends in `/`: `statements` is resolved against it. */
  xapiUrl: string;
  authorization: string;
  /** What the record store speaks: 1.0.3 gets the statements converted (toXapi103). */
  xapiVersion: XapiVersion;
}

/** Long enough for a batch of 100 on a slow link; a hung server must not hold the queue forever. */
const REQUEST_TIMEOUT_MS = 30_000;

export function basicAuthorization(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

function withTimeout(signal: AbortSignal | undefined, ms = REQUEST_TIMEOUT_MS): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/**
 * POST /statements with a batch (xAPI 2.0 Part Three §4.1.6.1), classified for the engine: only a 200 with the
 * ids, or a 204, counts as stored; 400, 409 and 413 point at the batch's content; 401/403 stop; the rest retry.
 */
export async function postStatements(
  fetchFn: Fetch,
  endpoint: XapiEndpoint,
  statements: unknown[],
  now: Date,
  signal?: AbortSignal,
): Promise<SendOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(new URL('statements', endpoint.xapiUrl), {
      method: 'POST',
      headers: {
        authorization: endpoint.authorization,
        'content-type': 'application/json',
        'x-experience-api-version': endpoint.xapiVersion,
      },
      body: JSON.stringify(
        endpoint.xapiVersion === '1.0.3'
          ? statements.map((statement) => toXapi103(statement as Record<string, unknown>))
          : statements,
      ),
      signal: withTimeout(signal),
    });
    // Reading the body is part of the acknowledgement: a connection cut mid-response is no acknowledgement.
    text = await response.text();
  } catch (error) {
    return { kind: 'retry', reason: networkReason(error), status: null, retryAfterMs: null };
  }
  const status = response.status;
  if (status === 204) return { kind: 'stored' };
  if (status === 200) {
    const ids = StoredIds.safeParse(safeJson(text));
    return ids.success && ids.data.length === statements.length
      ? { kind: 'stored' }
      : { kind: 'retry', reason: 'the answer did not list the stored ids', status, retryAfterMs: null };
  }
  const message = serverMessage(text, status);
  if (status === 400 || status === 409 || status === 413) return { kind: 'refused', status, message };
  if (status === 401 || status === 403) return { kind: 'stop', status, message };
  return {
    kind: 'retry',
    reason: message,
    status,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
  };
}

/** POST /enrol on a hub: the device's own credentials and the actor its statements must carry. */
export async function enrolDevice(
  fetchFn: Fetch,
  hubUrl: string,
  body: { code: string; name: string; email: string; learnerId: string },
): Promise<HubReply<'enrol'>> {
  const response = await hubRequest(fetchFn, hubUrlFor(hubRoutes.enrol, hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status === 201 || response.status === 200)
    return parseOrThrow(hubRoutes.enrol.response, text, hubUrl);
  if (response.status === 404) {
    throw new AppError(
      'NOT_FOUND',
      `There is no company hub at ${hubUrl} (it answered 404). Check the address.`,
    );
  }
  if (response.status === 429 || response.status >= 500) {
    throw new AppError(
      'UNREACHABLE',
      `The company hub could not enrol this device just now: ${serverMessage(text, response.status)}`,
      hubFailure,
    );
  }
  if (response.status === 409) {
    // An email with an account needs a code made for it; a learner id already there means another email.
    const emailTaken = (safeJson(text) as { error?: unknown } | null)?.error === 'email_taken';
    throw new AppError(
      'CONFLICT',
      emailTaken
        ? serverMessage(text, response.status)
        : 'This device is already enrolled at this hub under another email: connect with that email, or ask your trainer.',
    );
  }
  throw new AppError('INVALID_INPUT', serverMessage(text, response.status));
}

/**
 * GET /xapi/about with the credentials: the record store is there and speaks xAPI, in a version the app can send
 * (2.0, else 1.0.3). Answers the version agreed. (/about takes no version header: it is how a client learns them.)
 */
export async function checkRecordStore(
  fetchFn: Fetch,
  endpoint: Omit<XapiEndpoint, 'xapiVersion'>,
): Promise<XapiVersion> {
  const response = await hubRequest(fetchFn, new URL('about', endpoint.xapiUrl), {
    headers: { authorization: endpoint.authorization },
  });
  const text = await response.text();
  const about = safeJson(text) as { version?: unknown } | null;
  if (!response.ok || !Array.isArray(about?.version)) {
    throw new AppError(
      'NOT_FOUND',
      `${endpoint.xapiUrl} does not answer as an xAPI record store (GET about gave ${response.status}). Check the address: it usually ends in /xapi/.`,
    );
  }
  const offered: unknown[] = about.version;
  const version = negotiateVersion(offered);
  if (!version) {
    const spoken = offered.filter((v) => typeof v === 'string').join(', ') || 'no version it names';
    throw new AppError(
      'INVALID_INPUT',
      `This record store speaks xAPI ${spoken} only; Advocate Studio needs 1.0.3 or 2.0.`,
    );
  }
  return version;
}

export async function listHubPacks(
  fetchFn: Fetch,
  hubUrl: string,
  authorization: string,
  signal?: AbortSignal,
): Promise<PackEntry[]> {
  const response = await fetchFn(hubUrlFor(hubRoutes.listPacks, hubUrl), {
    headers: { authorization },
    signal: withTimeout(signal),
  });
  const text = await response.text();
  if (!response.ok) throw new HubHttpError(response.status, serverMessage(text, response.status));
  return parseOrThrow(hubRoutes.listPacks.response, text, hubUrl).packs;
}

/** A pack the hub offers is larger than the app takes; retrying will not help, so it is recorded as not installed. */
export class PackDownloadTooLarge extends Error {}

/**
 * Downloads a pack zip to `file`, unless the hub says the copy we have (`etag`) is current. Stops past
 * `maxBytes`: the size the hub declares is checked first, and the bytes are counted whatever it declares.
 */
export async function downloadPack(
  fetchFn: Fetch,
  url: URL,
  authorization: string,
  etag: string | null,
  file: string,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
  maxBytes: number = PACK_LIMITS.zipBytes,
): Promise<{ notModified: true } | { notModified: false; etag: string | null }> {
  const response = await fetchFn(url, {
    headers: { authorization, ...(etag ? { 'if-none-match': etag } : {}) },
    signal: withTimeout(signal, 10 * 60_000),
  });
  if (response.status === 304) return { notModified: true };
  if (!response.ok || !response.body) {
    throw new HubHttpError(response.status, serverMessage(await response.text(), response.status));
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const most = formatBytes(maxBytes);
  if (total > maxBytes) {
    await response.body.cancel();
    throw new PackDownloadTooLarge(
      `The pack is ${formatBytes(total)}; the app takes packs of at most ${most}.`,
    );
  }
  let done = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (done > maxBytes) {
        return callback(new PackDownloadTooLarge(`The pack is larger than ${most}, the most the app takes.`));
      }
      onProgress(done, total);
      callback(null, chunk);
    },
  });
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  await pipeline(body, counted, createWriteStream(file));
  return { notModified: false, etag: response.headers.get('etag') };
}

/** A hub route's address under the hub's own (which may have a path of its own, behind a proxy). */
export function hubUrlFor(route: HubRoute, hubUrl: string): URL {
  return new URL(route.path.slice(1), hubUrl);
}

export class HubHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function hubRequest(fetchFn: Fetch, url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, { ...init, signal: withTimeout(undefined) });
  } catch (error) {
    throw new AppError(
      'UNREACHABLE',
      `Can't reach ${url.origin}: ${networkReason(error)}. Check the address and that you are online.`,
      hubFailure,
    );
  }
}

function parseOrThrow<T extends z.ZodType>(schema: T, text: string, from: string): z.infer<T> {
  const parsed = schema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new AppError(
      'UNREACHABLE',
      `${from} gave an answer the app doesn't understand: is it an Advocate company hub?`,
      hubFailure,
    );
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The server's own words when it sent some (`{ message }`), else the status. Kept short for the screen. */
export function serverMessage(text: string, status: number): string {
  const parsed = ServerError.safeParse(safeJson(text));
  const words = parsed.success ? parsed.data.message : text.trim();
  return (words || `HTTP ${status}`).slice(0, 500);
}

/** The network failures people meet most, in words that say what to check. */
const networkWords: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address and port',
  ENOTFOUND: 'no computer has that name',
  EAI_AGAIN: 'the name could not be looked up just now',
  ECONNRESET: 'the connection was cut off',
  ETIMEDOUT: 'no answer in time',
};

export function networkReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'no answer in time';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const words = cause?.code ? networkWords[cause.code] : undefined;
    if (words && cause?.code) return `${words} (${cause.code})`;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
