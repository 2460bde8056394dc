import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toDateTimeStamp } from '../../src-shared/certificates/data-integrity';
import { achievementCredentialSchema } from '../../src-shared/certificates/open-badges';
import { hubRoutes, type HubAnswer } from '../../src-shared/hub/contract';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { parseInput } from '../http/validate';
import { currentIssuer, issuerDidDocument, signAsIssuer, verifyAsIssuer } from './issuer';
import { requestOrigin } from './origin';
import { CREDENTIAL_PAGE_CSP, credentialPage, type CredentialPageFacts } from './page';
import { statusListCredential } from './status-list';
import {
  credentialPageUrl,
  learnerCredentials,
  publicCredential,
  revokedBits,
  setCredentialPublic,
} from './store';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const IdParam = z.strictObject({ id: z.uuid() });
const ListParam = z.strictObject({ list: z.coerce.number().int().min(1).max(1_000_000) });

/**
 * The company as an issuer, in public: its did:web document, its revocation status lists, and the verification
 * page of each credential a learner made public; for devices, their learner's credentials and that choice.
 */
export function registerCredentialRoutes(
  app: FastifyInstance,
  deps: { db: HubDb; now: () => Date; device: Guard; publicUrl: string | null },
): void {
  const { db, now } = deps;
  const base = (request: FastifyRequest) => deps.publicUrl ?? requestOrigin(request);

  // did:web §3.2 Read: /.well-known/did.json for a DID without a path, <path>/did.json with one (the proxy's prefix
  // removed before it reaches the hub).
  for (const path of ['/.well-known/did.json', '/did.json']) {
    app.get(path, async (request, reply) => {
      return reply.type('application/did+json').send(await issuerDidDocument(db, base(request)));
    });
  }

  app.get('/credentials/status/:list', async (request, reply) => {
    const { list } = parseInput(ListParam, request.params);
    const publicUrl = base(request);
    const issuer = await currentIssuer(db, publicUrl);
    if (!issuer)
      return reply.code(404).send({ error: 'not_found', message: 'This hub issues no credentials yet.' });
    const at = now();
    const unsigned = statusListCredential(
      publicUrl,
      list,
      issuer.did,
      await revokedBits(db, list),
      toDateTimeStamp(at),
    );
    // Verifiers may cache it, but not for long: a revocation should show within minutes.
    return reply
      .header('cache-control', 'public, max-age=300')
      .type('application/json')
      .send(signAsIssuer(unsigned, issuer, at));
  });

  app.get(hubRoutes.myCredentials.path, { preHandler: deps.device }, async (request, reply) => {
    const learner = (request.principal as Principal).learner;
    if (!learner)
      return reply
        .code(403)
        .send({ error: 'forbidden', message: 'Only a device enrolled for a learner has credentials.' });
    const publicUrl = base(request);
    const answer: HubAnswer<'myCredentials'> = {
      credentials: await learnerCredentials(db, learner.id, publicUrl),
      didDocument: await issuerDidDocument(db, publicUrl),
    };
    return reply.send(answer);
  });

  app.put(hubRoutes.setCredentialVisibility.path, { preHandler: deps.device }, async (request, reply) => {
    const learner = (request.principal as Principal).learner;
    const input = parseInput(hubRoutes.setCredentialVisibility.body, request.body);
    if (!learner || !(await setCredentialPublic(db, learner.id, input.id, input.public))) {
      return reply
        .code(404)
        .send({ error: 'not_found', message: `id: this learner has no credential ${input.id}.` });
    }
    const answer: HubAnswer<'setCredentialVisibility'> = input;
    return reply.send(answer);
  });

  const notPublic = (reply: FastifyReply) =>
    reply.code(404).send({ error: 'not_found', message: 'There is no public credential at this address.' });

  app.get('/credentials/:id/credential.json', async (request, reply) => {
    const params = IdParam.safeParse(request.params);
    const row = params.success ? await publicCredential(db, params.data.id) : null;
    if (!row) return notPublic(reply);
    return reply.type('application/json').header('access-control-allow-origin', '*').send(row.credential);
  });

  app.get('/credentials/:id', async (request, reply) => {
    const params = IdParam.safeParse(request.params);
    const row = params.success ? await publicCredential(db, params.data.id) : null;
    if (!row) return notPublic(reply);
    const publicUrl = base(request);
    const verified = verifyAsIssuer(row.credential, await issuerDidDocument(db, publicUrl));
    const parsed = achievementCredentialSchema.safeParse(row.credential);
    if (!parsed.success) return notPublic(reply);
    const credential = parsed.data;
    const achievement = credential.credentialSubject.achievement;
    const issuer = credential.issuer as { id: string; name?: string; url?: string };
    const facts: CredentialPageFacts = {
      learnerName: credential.credentialSubject.identifier?.[0]?.identityHash ?? '',
      courseTitle: achievement.name,
      courseDescription: achievement.description,
      criteria: achievement.criteria.narrative ?? '',
      issuedAt: credential.validFrom,
      issuerName: issuer.name ?? issuer.id,
      issuerUrl: issuer.url ?? null,
      issuerDid: issuer.id,
      image: (achievement['image'] as { id?: string } | undefined)?.id ?? null,
      status: !verified.ok
        ? { kind: 'invalid', reason: verified.reason }
        : row.revokedAt
          ? { kind: 'revoked', at: row.revokedAt.toISOString() }
          : { kind: 'valid' },
      jsonUrl: `${credentialPageUrl(publicUrl, row.id)}/credential.json`,
    };
    return reply
      .header('content-security-policy', CREDENTIAL_PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(credentialPage(facts));
  });
}
