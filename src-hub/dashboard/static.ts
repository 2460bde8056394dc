import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the dashboard (src-hub/dashboard/vite.config.ts). */
export const DASHBOARD_DIR = join(import.meta.dirname, '..', '..', 'out', 'hub-dashboard');

/**
 * Only the dashboard's own built files may run or style the page: no inline script or style, no other origin,
 * no framing, forms post only here.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** GET /dashboard (the page) and /dashboard/assets/* (its hashed, immutable files), with the CSP on everything. */
export function registerDashboardPage(app: FastifyInstance, dir: string = DASHBOARD_DIR): void {
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/dashboard')) return;
    reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY');
    // A route that chose its own caching (an expert's photo, at a versioned URL) keeps it.
    if (request.url.startsWith('/dashboard/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });

  const page = async (_request: unknown, reply: FastifyReply) => {
    try {
      const html = await readFile(join(dir, 'index.html'));
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    } catch {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The dashboard is not built: run `npm run build`.');
    }
  };
  app.get('/dashboard', page);
  app.get('/dashboard/', page);

  app.get<{ Params: { file: string } }>('/dashboard/assets/:file', async (request, reply) => {
    const file = request.params.file;
    const type = TYPES[file.slice(file.lastIndexOf('.'))];
    if (!/^[A-Za-z0-9._-]+$/.test(file) || !type || normalize(file) !== file) {
      return reply.code(404).send({ error: 'not_found', message: 'No such dashboard file.' });
    }
    try {
      const body = await readFile(join(dir, 'assets', file));
      return reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body);
    } catch {
      return reply.code(404).send({ error: 'not_found', message: 'No such dashboard file.' });
    }
  });
}
