import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hubRoutes, type HubAnswer } from '../../src-shared/hub/contract';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { parseInput } from '../http/validate';
import { findExpertPhoto, findExperts, saveProfile } from './store';

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
      return findExperts(db, query, '/profiles');
    },
  );

  app.get('/profiles/:learnerId/photo', { preHandler: deps.trainer }, async (request, reply) =>
    sendExpertPhoto(db, request, reply),
  );
}

/**
 * One expert's photo at its own URL: with the `v` the directory gave (the profile's version) it may be kept
 * privately for a year, since a new profile gets a new URL; without it, revalidated each time.
 */
export async function sendExpertPhoto(
  db: HubDb,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { learnerId } = request.params as { learnerId: string };
  const photo = await findExpertPhoto(db, learnerId);
  if (!photo) return reply.code(404).send({ error: 'not_found', message: 'This person has no photo here.' });
  const etag = `"${photo.version}"`;
  const current = (request.query as Record<string, unknown>)['v'] === photo.version;
  reply
    .header('etag', etag)
    .header('cache-control', current ? 'private, max-age=31536000, immutable' : 'private, no-cache')
    .header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(photo.contentType).send(photo.bytes);
}
