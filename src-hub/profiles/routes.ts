import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { parseInput } from '../http/validate';
import { findExperts, ProfileUpload, saveProfile } from './store';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export const ExpertQuery = z.strictObject({
  topic: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
});

/** The expert directory: each device sends its learner's company profile; trainers search them. */
export function registerProfileRoutes(
  app: FastifyInstance,
  deps: { db: HubDb; now: () => Date; device: Guard; trainer: Guard },
): void {
  const { db, now } = deps;

  app.put('/profiles/me', { preHandler: deps.device }, async (request, reply) => {
    const principal = request.principal as Principal;
    const learner = principal.learner;
    if (!learner) {
      return reply
        .code(403)
        .send({ error: 'forbidden', message: 'Only a device enrolled for a learner may send a profile.' });
    }
    const record = parseInput(ProfileUpload, request.body, 'invalid_profile');
    if (record.learnerId !== learner.id) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `learnerId: this device may only send the profile of its own learner (${learner.id}).`,
      });
    }
    const at = now();
    await saveProfile(db, record, at);
    return reply.code(200).send({ learnerId: learner.id, receivedAt: at.toISOString() });
  });

  app.get('/profiles', { preHandler: deps.trainer }, async (request) => {
    const query = parseInput(ExpertQuery, request.query);
    return { experts: await findExperts(db, query) };
  });
}
