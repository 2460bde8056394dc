import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hubRoutes, type HubAnswer } from '../../src-shared/hub/contract';
import { PACK_LIMITS } from '../../src-shared/packs/limits';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { publishAndCount } from '../dashboard/course-items';
import { listLatestPacks, PackUploadError, readPackZip } from './catalogue';

/** Pack zips are small (Markdown and a few images); the zip reader's own limits apply after this. */
export const MAX_PACK_UPLOAD_BYTES = PACK_LIMITS.hubUploadBytes;

const DownloadParams = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'is not a pack id'),
  file: z.string().regex(/^[0-9A-Za-z.+-]+\.zip$/, 'must be VERSION.zip'),
});

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The pack catalogue: trainers publish zips, devices list the latest versions and download them. */
export function registerPackRoutes(
  app: FastifyInstance,
  deps: { db: HubDb; now: () => Date; trainer: Guard; anyone: Guard },
): void {
  const { db, now } = deps;
  app.addContentTypeParser(
    ['application/zip', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_PACK_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    hubRoutes.publishPack.path,
    { preHandler: deps.trainer, bodyLimit: MAX_PACK_UPLOAD_BYTES },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        return reply
          .code(415)
          .send({ error: 'unsupported_media_type', message: 'Upload the pack as application/zip.' });
      }
      const principal = request.principal as Principal;
      try {
        const published = await publishAndCount(db, request.body, principal.key, now());
        const answer: HubAnswer<'publishPack'> = {
          ...published.entry,
          created: published.created,
          warnings: published.warnings,
        };
        return reply.code(published.created ? 201 : 200).send(answer);
      } catch (error) {
        if (!(error instanceof PackUploadError)) throw error;
        return reply
          .code(error.status)
          .send({ error: error.code, message: error.message, problems: error.problems });
      }
    },
  );

  app.get(
    hubRoutes.listPacks.path,
    { preHandler: deps.anyone },
    async (): Promise<HubAnswer<'listPacks'>> => ({ packs: await listLatestPacks(db) }),
  );

  app.get('/packs/:id/:file', { preHandler: deps.anyone }, async (request, reply) => {
    const params = DownloadParams.safeParse(request.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      return reply
        .code(400)
        .send({ error: 'bad_request', message: `${issue?.path.join('.')}: ${issue?.message}` });
    }
    const version = params.data.file.slice(0, -'.zip'.length);
    const pack = await readPackZip(db, params.data.id, version);
    if (!pack) {
      return reply.code(404).send({ error: 'not_found', message: `No pack ${params.data.id} ${version}.` });
    }
    const etag = `"${pack.sha256}"`;
    // A published version never changes, so its digest is a strong validator (RFC 9110 §8.8.3).
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${params.data.id}-${version}.zip"`)
      .send(pack.zip);
  });
}
