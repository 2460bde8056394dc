import { and, asc, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hubRoutes, type HubAnswer } from '../../src-shared/hub/contract';
import { parseExpiry } from '../../src-shared/hub/schemas';
import type { CredentialVerifier } from '../auth/credentials';
import { createEnrolmentCode } from '../auth/enrolment';
import type { SignInLimits } from '../auth/rate-limit';
import type { HubDb } from '../db/open';
import { enrolmentCodes } from '../db/schema/index';
import { parseInput } from '../http/validate';
import { listLatestPacks, PackUploadError, previewPack } from '../packs/catalogue';
import { publishAndCount } from './course-items';
import { MAX_PACK_UPLOAD_BYTES } from '../packs/routes';
import { sendExpertPhoto } from '../profiles/routes';
import { findExperts } from '../profiles/store';
import { allCompletions, completionReport } from './completions';
import { CSV_PAGE_SIZE, mapPages, pagesOf, sendCsv } from './csv';
import { listDevices } from './devices';
import { personProgress } from './person';
import { ReportGate } from './report-gate';
import { courseParticipants, progressOverview, questionAnalysis } from './progress';
import { browseStatements } from './statement-browser';
import {
  createSession,
  endSession,
  findSession,
  readCookie,
  sessionCookie,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type DashboardSession,
} from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    dashboardSession: DashboardSession | null;
  }
}

export interface DashboardDeps {
  db: HubDb;
  now: () => Date;
  verifier: CredentialVerifier;
  limits: SignInLimits;
}

/**
 * Reports that run at once. Measured at 3 million statements on two cores (`npm run bench -- hub-scale`): with two
 * at once, a device's sync while four trainers loaded reports took 2.1–2.5× its idle time; with one, 1.3–1.7×, and
 * four trainers waited 0.9–1.7× one trainer's time (identical reports share a run, others are quick).
 */
export const REPORTS_AT_ONCE = 1;

/** The trainer dashboard's JSON API under /dashboard/api/, behind a session cookie from /dashboard/api/login. */
export function registerDashboardApi(app: FastifyInstance, deps: DashboardDeps): void {
  const { db, now, verifier, limits } = deps;
  const reports = new ReportGate(REPORTS_AT_ONCE);
  /** A report through the gate, shared with an identical one already running. */
  const report = <T>(name: string, input: unknown, query: () => Promise<T>) =>
    reports.run(`${name} ${JSON.stringify(input)}`, query);
  app.decorateRequest('dashboardSession', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/dashboard/api/') || request.method === 'GET') return;
    // SameSite=Strict keeps other sites' requests cookie-less; a foreign Origin is refused outright as well.
    const origin = request.headers.origin;
    if (origin !== undefined && safeHost(origin) !== request.headers.host) {
      return reply.code(403).send({ error: 'forbidden', message: 'Cross-origin requests are not accepted.' });
    }
  });

  const signedIn = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = token ? await findSession(db, token, now()) : null;
    if (!session) {
      return reply
        .code(401)
        .send({ error: 'signed_out', message: 'Sign in with your trainer key and secret.' });
    }
    request.dashboardSession = session;
  };

  app.post(hubRoutes.signIn.path, async (request, reply) => {
    const input = parseInput(hubRoutes.signIn.body, request.body, 'invalid_login');
    const wait = limits.retryAfter(request.ip, input.key);
    const principal = await verifier.verify(input.key, input.secret, { knownOnly: wait > 0 });
    if (!principal && wait > 0) {
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send({ error: 'too_many_failures', message: `Too many failed sign-ins; try again in ${wait} s.` });
    }
    if (!principal || principal.role !== 'trainer') {
      limits.fail(request.ip, input.key);
      return reply.code(401).send({
        error: 'unauthorized',
        message: 'Unknown key, wrong secret, or not a live trainer credential.',
      });
    }
    const session = await createSession(db, principal.key, now());
    const answer: HubAnswer<'signIn'> = { name: principal.name, expiresAt: session.expiresAt.toISOString() };
    return reply
      .header('set-cookie', sessionCookie(session.token, SESSION_TTL_MS / 1000, request.protocol === 'https'))
      .send(answer);
  });

  app.post(hubRoutes.signOut.path, async (request, reply) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) await endSession(db, token);
    const answer: HubAnswer<'signOut'> = { ok: true };
    return reply.header('set-cookie', sessionCookie('', 0, request.protocol === 'https')).send(answer);
  });

  app.get(
    hubRoutes.session.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'session'>> => {
      const session = request.dashboardSession as DashboardSession;
      return { name: session.name, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.get(
    hubRoutes.completions.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'completions'>> => {
      const filter = parseInput(hubRoutes.completions.query, request.query);
      return report('completions', filter, () => completionReport(db, filter));
    },
  );

  app.get('/dashboard/api/completions.csv', { preHandler: signedIn }, async (request, reply) => {
    const filter = parseInput(hubRoutes.completions.query, request.query);
    return sendCsv(
      reply,
      `completions-${now().toISOString().slice(0, 10)}.csv`,
      ['completed_at', 'person', 'email', 'team', 'course', 'course_id'],
      mapPages(allCompletions(db, filter), (c) => [c.at, c.person, c.email, c.team, c.course, c.courseId]),
    );
  });

  app.get(hubRoutes.devices.path, { preHandler: signedIn }, async (request): Promise<HubAnswer<'devices'>> =>
    listDevices(db, parseInput(hubRoutes.devices.query, request.query)),
  );

  app.get(
    hubRoutes.enrolmentCodes.path,
    { preHandler: signedIn },
    async (): Promise<HubAnswer<'enrolmentCodes'>> => {
      const rows = await db
        .select({
          id: enrolmentCodes.id,
          createdAt: enrolmentCodes.createdAt,
          expiresAt: enrolmentCodes.expiresAt,
          email: enrolmentCodes.email,
          team: enrolmentCodes.team,
        })
        .from(enrolmentCodes)
        .where(and(isNull(enrolmentCodes.redeemedAt), gt(enrolmentCodes.expiresAt, now())))
        .orderBy(asc(enrolmentCodes.expiresAt));
      return {
        codes: rows.map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
        })),
      };
    },
  );

  app.post(hubRoutes.createEnrolmentCode.path, { preHandler: signedIn }, async (request, reply) => {
    const input = parseInput(hubRoutes.createEnrolmentCode.body, request.body, 'invalid_enrolment_code');
    const session = request.dashboardSession as DashboardSession;
    const created = await createEnrolmentCode(
      db,
      parseExpiry(input.expires) as number,
      session.credentialKey,
      now(),
      input.email ?? null,
      input.team ?? null,
    );
    const answer: HubAnswer<'createEnrolmentCode'> = {
      code: created.code,
      expiresAt: created.expiresAt.toISOString(),
    };
    return reply.code(201).send(answer);
  });

  /** A pack zip in the body, its refusals as `{ error, message, problems }`. */
  const packUpload =
    (run: (zip: Buffer, session: DashboardSession) => Promise<{ status: number; body: unknown }>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (!Buffer.isBuffer(request.body)) {
        return reply
          .code(415)
          .send({ error: 'unsupported_media_type', message: 'Upload the pack as application/zip.' });
      }
      try {
        const { status, body } = await run(request.body, request.dashboardSession as DashboardSession);
        return reply.code(status).send(body);
      } catch (error) {
        if (!(error instanceof PackUploadError)) throw error;
        return reply
          .code(error.status)
          .send({ error: error.code, message: error.message, problems: error.problems });
      }
    };

  app.post(
    hubRoutes.dashboardCheckPack.path,
    { preHandler: signedIn, bodyLimit: MAX_PACK_UPLOAD_BYTES },
    packUpload(async (zip) => {
      const body: HubAnswer<'dashboardCheckPack'> = await previewPack(db, zip);
      return { status: 200, body };
    }),
  );

  app.post(
    hubRoutes.dashboardPublishPack.path,
    { preHandler: signedIn, bodyLimit: MAX_PACK_UPLOAD_BYTES },
    packUpload(async (zip, session) => {
      const published = await publishAndCount(db, zip, session.credentialKey, now());
      const body: HubAnswer<'dashboardPublishPack'> = {
        ...published.entry,
        created: published.created,
        warnings: published.warnings,
      };
      return { status: published.created ? 201 : 200, body };
    }),
  );

  app.get(
    hubRoutes.dashboardPacks.path,
    { preHandler: signedIn },
    async (): Promise<HubAnswer<'dashboardPacks'>> => ({
      packs: await listLatestPacks(db),
    }),
  );

  app.get(
    hubRoutes.progress.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'progress'>> => {
      const filter = parseInput(hubRoutes.progress.query, request.query);
      return report('progress', filter, () => progressOverview(db, filter));
    },
  );

  app.get(
    hubRoutes.participants.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'participants'>> => {
      const filter = parseInput(hubRoutes.participants.query, request.query);
      return report('participants', filter, () => courseParticipants(db, filter));
    },
  );

  app.get('/dashboard/api/participants.csv', { preHandler: signedIn }, async (request, reply) => {
    const filter = parseInput(hubRoutes.participants.query, request.query);
    const people = pagesOf(
      async (page, size) => (await courseParticipants(db, { ...filter, page }, size)).people,
      CSV_PAGE_SIZE,
    );
    return sendCsv(
      reply,
      `participants-${now().toISOString().slice(0, 10)}.csv`,
      [
        'person',
        'email',
        'team',
        'status',
        'items_done',
        'items',
        'modules_done',
        'modules',
        'enrolled_at',
        'started_at',
        'completed_at',
      ],
      mapPages(people, (p) => [
        p.name,
        p.email,
        p.team,
        p.status,
        p.done,
        p.items,
        p.modulesDone,
        p.modules,
        p.enrolledAt,
        p.startedAt,
        p.completedAt,
      ]),
    );
  });

  app.get(hubRoutes.person.path, { preHandler: signedIn }, async (request, reply) => {
    const { id } = parseInput(hubRoutes.person.query, request.query);
    const person: HubAnswer<'person'> | null = await report('person', id, () => personProgress(db, id));
    if (!person)
      return reply.code(404).send({ error: 'not_found', message: 'No one enrolled here has that id.' });
    return person;
  });

  app.get(
    hubRoutes.questions.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'questions'>> => {
      const { course } = parseInput(hubRoutes.questions.query, request.query);
      return report('questions', course, () => questionAnalysis(db, course));
    },
  );

  app.get(
    hubRoutes.browseStatements.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'browseStatements'>> =>
      browseStatements(db, parseInput(hubRoutes.browseStatements.query, request.query)),
  );

  app.get(
    hubRoutes.dashboardExperts.path,
    { preHandler: signedIn },
    async (request): Promise<HubAnswer<'dashboardExperts'>> =>
      findExperts(db, parseInput(hubRoutes.dashboardExperts.query, request.query), '/dashboard/api/experts'),
  );

  app.get('/dashboard/api/experts/:learnerId/photo', { preHandler: signedIn }, async (request, reply) =>
    sendExpertPhoto(db, request, reply),
  );
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
