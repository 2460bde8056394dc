/**
 * The company's Open Badges for this learner: fetched from the hub after each sync (GET /credentials/mine),
 * checked against the hub's DID document before they are kept, and the learner's "show it publicly" choices
 * sent back (PUT /credentials/visibility), so the choice survives being made offline.
 */
import { eq, and, ne, isNotNull } from 'drizzle-orm';
import { resolveFromDidDocument } from '../../src-shared/certificates/did-web';
import { hubRoutes } from '../../src-shared/hub/contract';
import type { DeliveryEnd } from '../../src-shared/sync/deliver';
import { verifyCredential } from '../certificates/signing';
import type { Logger } from '../core/logger';
import type { AppDatabase } from '../db/open';
import { companyCredentials } from '../db/schema';
import { hubUrlFor, networkReason, serverMessage, type Fetch } from './http';

export interface CredentialPullDeps {
  db: AppDatabase;
  fetch: Fetch;
  hubUrl: string;
  authorization: string;
  now: () => Date;
  logger: Logger;
  signal: AbortSignal;
  /** True once the engine is closed: nothing is written after that. */
  isClosed: () => boolean;
}

const COURSE_ACTIVITY = /^https:\/\/advocate\.studio\/xapi\/activities\/packs\/([^/]+)\/courses\/([^/]+)$/;

export async function pullCompanyCredentials(deps: CredentialPullDeps): Promise<DeliveryEnd> {
  const pushed = await pushVisibility(deps);
  if (pushed.kind !== 'done') return pushed;
  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(hubUrlFor(hubRoutes.myCredentials, deps.hubUrl), {
      headers: { authorization: deps.authorization },
      signal: AbortSignal.any([deps.signal, AbortSignal.timeout(30_000)]),
    });
    text = await response.text();
  } catch (error) {
    return { kind: 'retry', reason: networkReason(error), status: null, retryAfterMs: null };
  }
  const ended = ending(response.status, text);
  if (ended) return ended;
  if (response.status === 404) return { kind: 'done' }; // a hub from before company badges
  const parsed = hubRoutes.myCredentials.response.safeParse(safeJson(text));
  if (!parsed.success) {
    deps.logger.info('sync: the hub’s list of company credentials is not in the contract’s shape; ignored');
    return { kind: 'done' };
  }
  const { credentials, didDocument } = parsed.data;
  const resolve = resolveFromDidDocument(didDocument);
  const now = deps.now();
  if (deps.isClosed()) return { kind: 'done' };
  deps.db.transaction((tx) => {
    for (const entry of credentials) {
      const course = COURSE_ACTIVITY.exec(entry.achievementId);
      const verified = verifyCredential(entry.credential, resolve);
      if (!course || !verified.ok) {
        deps.logger.info(
          `sync: company credential ${entry.id} not kept: ${verified.ok ? 'not a course' : verified.reason}`,
        );
        continue;
      }
      const packId = decodeURIComponent(course[1] ?? '');
      const courseId = decodeURIComponent(course[2] ?? '');
      // One per course: a badge from another hub (or an older one) for this course steps aside.
      tx.delete(companyCredentials)
        .where(
          and(
            eq(companyCredentials.packId, packId),
            eq(companyCredentials.courseId, courseId),
            ne(companyCredentials.id, entry.id),
          ),
        )
        .run();
      const values = {
        issuerName: entry.issuerName,
        issuedAt: new Date(entry.issuedAt),
        revokedAt: entry.revokedAt ? new Date(entry.revokedAt) : null,
        public: entry.public,
        pageUrl: entry.pageUrl,
        credential: entry.credential,
        didDocument,
        fetchedAt: now,
      };
      tx.insert(companyCredentials)
        .values({ id: entry.id, packId, courseId, ...values })
        .onConflictDoUpdate({ target: companyCredentials.id, set: values })
        .run();
    }
  });
  return { kind: 'done' };
}

/** Tells the hub each choice the learner made since; a refused one (the badge gone) is dropped. */
async function pushVisibility(deps: CredentialPullDeps): Promise<DeliveryEnd> {
  const wanted = deps.db
    .select()
    .from(companyCredentials)
    .where(isNotNull(companyCredentials.publicWanted))
    .all();
  for (const row of wanted) {
    const choice = row.publicWanted === true;
    let response: Response;
    let text: string;
    try {
      response = await deps.fetch(hubUrlFor(hubRoutes.setCredentialVisibility, deps.hubUrl), {
        method: 'PUT',
        headers: { authorization: deps.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ id: row.id, public: choice }),
        signal: AbortSignal.any([deps.signal, AbortSignal.timeout(30_000)]),
      });
      text = await response.text();
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error), status: null, retryAfterMs: null };
    }
    const ended = ending(response.status, text);
    if (ended) return ended;
    if (!response.ok)
      deps.logger.info(
        `sync: the hub did not take the choice for ${row.id}: ${serverMessage(text, response.status)}`,
      );
    deps.db
      .update(companyCredentials)
      .set({ ...(response.ok ? { public: choice } : {}), publicWanted: null })
      .where(eq(companyCredentials.id, row.id))
      .run();
  }
  return { kind: 'done' };
}

function ending(status: number, text: string): DeliveryEnd | null {
  const message = serverMessage(text, status);
  if (status === 401) return { kind: 'stop', status: 401, message };
  if (status === 429 || status >= 500) return { kind: 'retry', reason: message, status, retryAfterMs: null };
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
