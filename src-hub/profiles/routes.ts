import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hubRoutes, type HubAnswer } from '../../src-shared/hub/contract';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { parseInput } from '../http/validate';
import { findExperts, saveProfile } from './store';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The expert directory: each device sends its learner's company profile; trainers search them. */
export function registerProfileRoutes(
  app: FastifyInstance,
  deps: { db: HubDb; now: () => Date; device: Guard; trainer: Guard },
): void {
  const { db, now } = deps;

  app.put(hubRoutes.putProfile.path, { preHandler: deps.device }, async (request, reply) => {
    const principal = request.principal as Principal;
    const learner = principal.learner;
    if (!learner) {
      return reply
        .code(403)
        .send({ error: 'forbidden', message: 'Only a device enrolled for a learner may send a profile.' });
    }
    const record = parseInput(hubRoutes.putProfile.body, request.body, 'invalid_profile');
    if (record.learnerId !== learner.id) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `learnerId: this device may only send the profile of its own learner (${learner.id}).`,
      });
    }
    const at = now();
    await saveProfile(db, record, at);
    const receipt: HubAnswer<'putProfile'> = { learnerId: learner.id, receivedAt: at.toISOString() };
    return reply.code(200).send(receipt);
  });

  app.get(
    hubRoutes.findExperts.path,
    { preHandler: deps.trainer },
    async (request): Promise<HubAnswer<'findExperts'>> => {
      const query = parseInput(hubRoutes.findExperts.query, request.query);
      return { experts: await findExperts(db, query) };
    },
  );
}
