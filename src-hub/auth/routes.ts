import type { FastifyInstance } from 'fastify';
import { hubRoutes, type HubAnswer } from '../../src-shared/hub/contract';
import type { HubDb } from '../db/open';
import { EnrolmentError, redeemEnrolmentCode } from './enrolment';
import type { SignInLimits } from './rate-limit';

/** The key enrolment failures count under: enrolments carry no credential key. */
const ENROLMENT = '(enrolment)';

/** POST /enrol: a device trades a one-time code and its learner's name and email for its own credentials. */
export function registerEnrolRoute(
  app: FastifyInstance,
  deps: { db: HubDb; now: () => Date; limits: SignInLimits },
): void {
  app.post(hubRoutes.enrol.path, async (request, reply) => {
    const wait = deps.limits.retryAfter(request.ip, ENROLMENT);
    if (wait > 0) {
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send({
          error: 'too_many_failures',
          message: `Too many failed attempts from this address; try again in ${wait} s.`,
        });
    }
    const parsed = hubRoutes.enrol.body.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply.code(400).send({
        error: 'invalid_enrolment',
        message: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`,
      });
    }
    try {
      const enrolled: HubAnswer<'enrol'> = await redeemEnrolmentCode(deps.db, parsed.data, deps.now());
      return reply.code(201).send(enrolled);
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      // Every refusal counts: guessing codes, or probing which emails and learner ids have accounts.
      deps.limits.fail(request.ip, ENROLMENT);
      return reply
        .code(error.code === 'enrolment_code_invalid' ? 400 : 409)
        .send({ error: error.code, message: error.message });
    }
  });
}
