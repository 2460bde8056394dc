import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { CALL_NAME_PATTERN } from '../../src-shared/api/contract';
import type { ApiError, CallResult } from '../../src-shared/api/errors';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/security/csp';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../core/logger';
import { statusForError } from './http-status';
import { resolveStaticFile, sendStaticFile } from './static-files';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  logger: Logger;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to a fresh random secret for this launch. */
  secret?: string;
  maxBodyBytes?: number;
  /** `POST /upload?name=…`: a file streamed to disk and registered, for pages that cannot open a dialog. */
  uploads?: UploadTarget;
}

export interface UploadTarget {
  dir: string;
  maxBytes: number;
  /** Registers the stored file and returns the id a later call refers to it by. */
  register(file: string, name: string): string;
}

export interface BrowserHost {
  port: number;
  secret: string;
  /** The address to open, with the secret in the fragment so it never reaches a server log. */
  url: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
const DEFAULT_MAX_BODY = 1024 * 1024;

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export function createHostSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Serves the built renderer and the API contract over HTTP on 127.0.0.1 only. Each API call needs the
 * per-launch secret; requests naming another Host or Origin are refused, so a web page that rebinds
 * its DNS name to 127.0.0.1 cannot reach the API.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = options.secret ?? createHostSecret();
  const secretDigest = digest(secret);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let allowedHosts: ReadonlySet<string> = new Set();

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      options.logger.error(`browser host: ${req.method ?? '?'} ${req.url ?? '?'} failed`, error);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'The browser host failed to answer.'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendText(res, 403, 'This host name is not allowed; open the address the app printed.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return sendText(res, 403, 'Requests from other sites are not allowed.');
    }
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const path = url.pathname;
    if (path.startsWith(API_PREFIX)) return handleApi(req, res, path.slice(API_PREFIX.length));
    if (path === '/upload' && options.uploads)
      return handleUpload(req, res, options.uploads, url.searchParams.get('name'));
    return handleStatic(req, res, path);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, failure('INVALID_INPUT', 'API calls are made with POST.'));
    }
    if (!hasSecret(req.headers.authorization, secretDigest)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(
        res,
        401,
        failure('UNAUTHORIZED', 'This request lacks the access key printed when the app started.'),
      );
    }
    if (!CALL_NAME_PATTERN.test(name)) {
      return sendJson(res, 404, failure('UNKNOWN_CALL', 'There is no call by that name.'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, failure('INVALID_INPUT', 'Send the input as application/json.'));
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, failure('TOO_LARGE', `The request is larger than ${maxBody} bytes.`));
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      return sendJson(
        res,
        400,
        failure('INVALID_INPUT', `The request body is not valid JSON: ${String(error)}`),
      );
    }
    const result = await options.dispatch(name, input);
    sendJson(res, result.ok ? 200 : statusForError[result.error.code], result);
  }

  async function handleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    target: UploadTarget,
    name: string | null,
  ): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, failure('INVALID_INPUT', 'Uploads are made with POST.'));
    }
    if (!hasSecret(req.headers.authorization, secretDigest)) {
      return sendJson(
        res,
        401,
        failure('UNAUTHORIZED', 'This request lacks the access key printed when the app started.'),
      );
    }
    const type = req.headers['content-type'] ?? '';
    if (!['application/zip', 'application/x-zip-compressed', 'application/octet-stream'].includes(type)) {
      return sendJson(res, 415, failure('INVALID_INPUT', 'Upload the pack as a .zip file.'));
    }
    const stored = await storeUpload(req, target);
    if (stored === null) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, failure('TOO_LARGE', `The file is larger than ${target.maxBytes} bytes.`));
    }
    const shownName = (name ?? 'upload.zip').slice(0, 200);
    sendJson(res, 200, {
      ok: true,
      value: { uploadId: target.register(stored, shownName), name: shownName },
    });
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed.');
    }
    if (!existsSync(join(options.rendererDir, 'index.html'))) {
      return sendText(res, 503, 'The user interface has not been built yet: run `npm run build`.');
    }
    const file = resolveStaticFile(options.rendererDir, path);
    if (file === null) return sendText(res, 404, 'Not found.');
    sendStaticFile(res, file, req.method === 'HEAD');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    port,
    secret,
    url: `http://127.0.0.1:${port}/#token=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function hasSecret(header: string | undefined, secretDigest: Buffer): boolean {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  // Compare digests so the comparison is constant-time whatever the length of the guess.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), secretDigest);
}

/** Streams the body to a new file in the upload folder; null (and no file) when it exceeds the limit. */
async function storeUpload(req: IncomingMessage, target: UploadTarget): Promise<string | null> {
  mkdirSync(target.dir, { recursive: true });
  const file = join(target.dir, `${randomUUID()}.zip`);
  if (Number(req.headers['content-length'] ?? 0) > target.maxBytes) {
    req.resume();
    return null;
  }
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > target.maxBytes ? new UploadTooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(file, { flags: 'wx' }));
    return file;
  } catch (error) {
    rmSync(file, { force: true });
    if (error instanceof UploadTooLarge) {
      req.resume();
      return null;
    }
    throw error;
  }
}

class UploadTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function failure(code: ApiError['code'], message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
