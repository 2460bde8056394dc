import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { CredentialVerifier } from './auth/credentials';
import { SignInLimits } from './auth/rate-limit';
import { registerEnrolRoute } from './auth/routes';
import { databaseAnswers, type OpenedHubDb } from './db/open';
import { requireCredential } from './http/basic-auth';
import { registerCors } from './http/cors';
import { BodyError, registerJsonParser, registerQueryTextCheck } from './http/json-body';
import { StatementError } from './xapi/store';
import { registerXapiRoutes } from './xapi/routes';
import { ActivityCache } from './xapi/activity-store';
import { registerDocumentRoutes } from './xapi/documents';
import { registerPackRoutes } from './packs/routes';
import { registerProfileRoutes } from './profiles/routes';
import { registerCredentialRoutes } from './credentials/routes';
import { ReportsBusyError } from './dashboard/report-gate';
import { registerDashboardApi } from './dashboard/routes';
import { registerDashboardPage } from './dashboard/static';

export interface HubOptions {
  database: OpenedHubDb;
  /** pino options, or false for no logs (tests). */
  logger: FastifyServerOptions['logger'];
  now?: () => Date;
  /** Largest JSON body accepted; larger ones get 413. */
  maxBodyBytes?: number;
  /** Largest multipart/mixed statement request (statements and attachments); larger ones get 413. */
  maxMultipartBytes?: number;
  /** Failed authentications per client address and key per minute before 429 (see SignInLimits). */
  maxAuthFailures?: number;
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-For, -Proto): false (none,
   * the default), true (any: only when the hub is reachable through the proxy alone), a hop count, or addresses
   * and CIDR ranges, comma-separated (`127.0.0.1`, `10.0.0.0/8`, `loopback`).
   */
  trustProxy?: TrustProxy;
  /** Web origins (`https://lms.example.com`) whose pages may call /xapi/ from a browser; none by default. */
  corsOrigins?: readonly string[];
  /** The built dashboard (default out/hub-dashboard). */
  dashboardDir?: string;
  /**
   * The hub's public address (https://hub.example.com/): its did:web, status lists and credential pages. Without
   * it, the address each request reached the hub at.
   */
  publicUrl?: string | null;
}

export type TrustProxy = boolean | number | string;

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Attachments (certificates, recordings) are larger than statements: room for a few files per request. */
export const DEFAULT_MAX_MULTIPART_BYTES = 32 * 1024 * 1024;

/** The hub's HTTP application, over an already migrated database. Holds no state a second instance would need. */
export function buildHub(options: HubOptions): FastifyInstance {
  const db = options.database.db;
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = Fastify({
    logger: options.logger,
    bodyLimit: maxBodyBytes,
    requestTimeout: 60_000,
    // Devices behind one proxy are many clients: with the proxy trusted, rate limits and the dashboard cookie's
    // Secure flag follow the client's own address and protocol; without, the socket is the client.
    trustProxy: (options.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
  });
  app.decorateRequest('principal', null);
  registerJsonParser(app);
  registerQueryTextCheck(app);

  const verifier = new CredentialVerifier(db, now);
  const limits = new SignInLimits(options.maxAuthFailures ?? 20, 60_000);
  const anyCredential = requireCredential(verifier, limits, ['device', 'lrs-client', 'trainer']);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StatementError) {
      return reply.code(error.status).send({
        error: error.status === 409 ? 'conflict' : error.status === 403 ? 'forbidden' : 'invalid_statement',
        message: error.message,
      });
    }
    if (error instanceof BodyError)
      return reply.code(error.statusCode).send({ error: error.code, message: error.message });
    if (error instanceof ReportsBusyError) {
      return reply
        .code(error.statusCode)
        .header('retry-after', String(error.retryAfterSeconds))
        .send({ error: 'busy', message: error.message });
    }
    // Communication 3.2: a statement request in another content type (multipart/form-data, say) is a 400.
    if (
      (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' &&
      request.url.startsWith('/xapi/statements')
    ) {
      return reply.code(400).send({
        error: 'bad_content_type',
        message: 'Content-Type: statements are sent as application/json, or multipart/mixed with attachments',
      });
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(500)
        .send({ error: 'internal', message: 'The hub failed to handle this request; it has been logged.' });
    }
    return reply
      .code(status)
      .send({ error: (error as { code?: string }).code ?? 'bad_request', message: (error as Error).message });
  });

  app.get('/healthz', async (_request, reply) => {
    const ok = await databaseAnswers(db);
    return reply.code(ok ? 200 : 503).send({ ok, database: options.database.kind });
  });
  registerEnrolRoute(app, { db, now, limits });
  registerCors(app, options.corsOrigins ?? []);
  registerXapiRoutes(app, {
    db,
    now,
    guard: anyCredential,
    activities: new ActivityCache(),
    maxJsonBytes: maxBodyBytes,
    maxMultipartBytes: options.maxMultipartBytes ?? DEFAULT_MAX_MULTIPART_BYTES,
    publicUrl: options.publicUrl ?? null,
  });
  registerDocumentRoutes(app, { db, now, guard: anyCredential });
  const trainer = requireCredential(verifier, limits, ['trainer']);
  registerPackRoutes(app, { db, now, anyone: anyCredential, trainer });
  const device = requireCredential(verifier, limits, ['device']);
  registerProfileRoutes(app, { db, now, trainer, device });
  registerCredentialRoutes(app, { db, now, device, publicUrl: options.publicUrl ?? null });
  registerDashboardApi(app, { db, now, verifier, limits });
  registerDashboardPage(app, options.dashboardDir);
  return app;
}
