import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What a browser xAPI client sends and reads beyond the CORS-safelisted headers (xAPI Communication 1.2). */
const ALLOWED_HEADERS =
  'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language';
const EXPOSED_HEADERS = 'ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through';
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, DELETE';

/**
 * Cross-origin access to /xapi/ for browser-based xAPI clients (the Fetch standard's CORS protocol), from the
 * listed origins only; with none listed (the default) browsers on other origins are refused, as before. Basic
 * credentials travel in the Authorization header the page sets, so no cookie is ever allowed across origins.
 */
export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  const isAllowed = (request: FastifyRequest): boolean => allowed.has(request.headers.origin ?? '');

  // Every /xapi/ answer, refusals included, so the page can read why it was refused.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/') || request.headers.origin === undefined) return;
    reply.header('vary', 'Origin');
    if (!isAllowed(request)) return;
    reply.header('access-control-allow-origin', request.headers.origin);
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
  });

  app.options('/xapi/*', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isAllowed(request)) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `Origin ${request.headers.origin ?? '(none)'} is not one this hub allows (--cors-origins).`,
      });
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', ALLOWED_METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });
}
