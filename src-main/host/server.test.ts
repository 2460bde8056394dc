import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import { startBrowserHost, type BrowserHost } from './server';

const tempDir = useTempDirs();
const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

const registered: { file: string; name: string }[] = [];

async function startHost(
  options: { withRenderer?: boolean; maxBodyBytes?: number } = {},
): Promise<BrowserHost> {
  const dataDir = tempDir();
  const rendererDir = join(dataDir, 'renderer');
  if (options.withRenderer !== false) {
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Advocate Studio</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  }
  writeFileSync(join(dataDir, 'secret.txt'), 'do not serve');
  const core = await startTestCore(dataDir);
  running.push(core);
  const host = await startBrowserHost({
    dispatch: core.dispatch,
    rendererDir,
    logger: core.logger,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    uploads: {
      dir: join(dataDir, 'uploads'),
      maxBytes: 4096,
      register: (file, name) => {
        registered.push({ file, name });
        return `upload-${registered.length}`;
      },
    },
  });
  running.push(host);
  return host;
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can send what a browser never would (forged Host, no auth, junk). */
function send(
  host: BrowserHost,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method,
        path,
        headers: { Host: `127.0.0.1:${host.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };
const auth = (host: BrowserHost) => ({ ...json, Authorization: `Bearer ${host.secret}` });

describe('browser host', () => {
  it('binds 127.0.0.1 and prints an address with a fresh secret each launch', async () => {
    const a = await startHost();
    const b = await startHost();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
  });

  it('answers a call with the secret, and 401 without it or with a wrong one', async () => {
    const host = await startHost();
    const ok = await send(host, 'POST', '/api/getPreferences', auth(host), '{}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { theme: 'system', lastScreen: '#/learn' } });

    for (const headers of [
      json,
      { ...json, Authorization: 'Bearer wrong' },
      { ...json, Authorization: host.secret },
    ]) {
      const refused = await send(host, 'POST', '/api/getPreferences', headers, '{}');
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('says 400 with a readable message for bad input and for a body that is not JSON', async () => {
    const host = await startHost();
    const bad = await send(host, 'POST', '/api/updatePreferences', auth(host), '{"theme":"purple"}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toContain('theme');

    const junk = await send(host, 'POST', '/api/updatePreferences', auth(host), '{theme: dark');
    expect(junk.status).toBe(400);
    expect(JSON.parse(junk.body).error.message).toContain('not valid JSON');
  });

  it('says 404 for an unknown call, 405 for GET, 415 for a non-JSON body and 413 for a large one', async () => {
    const host = await startHost({ maxBodyBytes: 1000 });
    expect((await send(host, 'POST', '/api/noSuchCall', auth(host), '{}')).status).toBe(404);
    expect((await send(host, 'POST', '/api/../getPreferences', auth(host), '{}')).status).not.toBe(200);
    expect((await send(host, 'GET', '/api/getPreferences', auth(host))).status).toBe(405);
    const form = await send(
      host,
      'POST',
      '/api/getPreferences',
      { Authorization: `Bearer ${host.secret}`, 'Content-Type': 'text/plain' },
      '{}',
    );
    expect(form.status).toBe(415);
    const big = await send(
      host,
      'POST',
      '/api/updatePreferences',
      auth(host),
      JSON.stringify({ theme: 'x'.repeat(5000) }),
    );
    expect(big.status).toBe(413);
  });

  it('refuses other host names and origins (DNS rebinding)', async () => {
    const host = await startHost();
    const rebound = await send(
      host,
      'POST',
      '/api/getPreferences',
      { ...auth(host), Host: `evil.example:${host.port}` },
      '{}',
    );
    expect(rebound.status).toBe(403);
    const page = await send(host, 'GET', '/', { Host: 'evil.example' });
    expect(page.status).toBe(403);
    const crossSite = await send(
      host,
      'POST',
      '/api/getPreferences',
      { ...auth(host), Origin: 'http://evil.example' },
      '{}',
    );
    expect(crossSite.status).toBe(403);
    const sameSite = await send(
      host,
      'POST',
      '/api/getPreferences',
      { ...auth(host), Origin: `http://localhost:${host.port}` },
      '{}',
    );
    expect(sameSite.status).toBe(200);
  });

  it('serves the built page with a strict CSP, and nothing outside it', async () => {
    const host = await startHost();
    const page = await send(host, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Advocate Studio');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await send(host, 'GET', '/assets/app.js')).headers['content-type']).toContain('javascript');
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/%ZZ',
    ]) {
      expect((await send(host, 'GET', path)).status, path).toBe(404);
    }
  });

  it('explains that the page is not built yet instead of failing silently', async () => {
    const host = await startHost({ withRenderer: false });
    const page = await send(host, 'GET', '/');
    expect(page.status).toBe(503);
    expect(page.body).toContain('npm run build');
  });

  it('stores an upload with the secret, and refuses one without it or over the limit', async () => {
    const host = await startHost();
    const zip = { Authorization: `Bearer ${host.secret}`, 'Content-Type': 'application/zip' };
    const stored = await send(
      host,
      'POST',
      '/upload?name=my%20pack.zip',
      zip,
      Buffer.from('PK\u0003\u0004 pretend'),
    );
    expect(stored.status).toBe(200);
    const value = JSON.parse(stored.body).value as { uploadId: string; name: string };
    expect(value.name).toBe('my pack.zip');
    const entry = registered.at(-1);
    expect(entry && readFileSync(entry.file, 'utf8')).toContain('pretend');

    expect((await send(host, 'POST', '/upload', { 'Content-Type': 'application/zip' }, 'x')).status).toBe(
      401,
    );
    expect((await send(host, 'POST', '/upload', { ...zip, 'Content-Type': 'text/html' }, 'x')).status).toBe(
      415,
    );
    const before = readdirSync(dirname(entry?.file ?? '')).length;
    expect((await send(host, 'POST', '/upload', zip, Buffer.alloc(5000))).status).toBe(413);
    expect(readdirSync(dirname(entry?.file ?? ''))).toHaveLength(before);
  });
});
