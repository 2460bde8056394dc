/**
 * Company-issued Open Badges: when the hub stores a course's `completed` statement from a device enrolled for
 * a learner, it issues that learner an OB 3.0 AchievementCredential signed with the company's key, in the same
 * transaction (so a retried batch never issues twice: one per learner and course).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { buildAchievementCredential } from '../../src-shared/certificates/open-badges';
import { LEARNER_ACCOUNT_HOME, verbs } from '../../src-shared/xapi/statements';
import type { HubTx } from '../db/open';
import { issuedCredentials } from '../db/schema/index';
import { currentIssuer, signAsIssuer } from './issuer';
import { statusEntry } from './status-list';

type Json = Record<string, unknown>;

const COURSE_ACTIVITY = /^https:\/\/advocate\.studio\/xapi\/activities\/packs\/([^/]+)\/courses\/([^/]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CompletedStatement {
  id: string;
  statement: Json;
  activityId: string | null;
  verbId: string;
}

/**
 * Issues the credentials the new statements earn. Nothing is issued before `issuer set` has named the company.
 * Returns the ids of the credentials issued.
 */
export async function issueForCompletions(
  tx: HubTx,
  added: readonly CompletedStatement[],
  learner: { id: string; name: string },
  publicUrl: string,
  now: Date,
): Promise<string[]> {
  const completions = added.filter(
    (p) => p.verbId === verbs.completed.id && p.activityId !== null && COURSE_ACTIVITY.test(p.activityId),
  );
  if (completions.length === 0) return [];
  const issuer = await currentIssuer(tx, publicUrl);
  if (!issuer) return [];
  const issued: string[] = [];
  for (const completion of completions) {
    const achievementId = completion.activityId as string;
    const id = randomUUID();
    const [row] = await tx
      .insert(issuedCredentials)
      .values({
        id,
        learnerId: learner.id,
        achievementId,
        statementId: completion.id,
        credential: {},
        issuedAt: now,
      })
      .onConflictDoNothing()
      .returning({ statusIndex: issuedCredentials.statusIndex });
    if (!row) continue; // already issued for this course
    const [, packId = '', courseId = ''] = COURSE_ACTIVITY.exec(achievementId) ?? [];
    const title = courseTitle(completion.statement) ?? decodeURIComponent(courseId);
    const score = scaledScore(completion.statement);
    const credential = signAsIssuer(
      buildAchievementCredential({
        certificateId: id,
        issuer: {
          id: issuer.did,
          name: issuer.name,
          ...(issuer.url ? { url: issuer.url } : {}),
          ...(issuer.image ? { image: issuer.image } : {}),
        },
        learner: {
          id: UUID.test(learner.id)
            ? learner.id
            : `${LEARNER_ACCOUNT_HOME}/${encodeURIComponent(learner.id)}`,
          name: learner.name,
        },
        course: {
          packId: decodeURIComponent(packId),
          courseId: decodeURIComponent(courseId),
          title,
          version: String(
            ((completion.statement['context'] as Json | undefined)?.['revision'] as string) ?? '1',
          ),
          description: `The Advocate Studio course “${title}”, completed as ${issuer.name} recorded it.`,
        },
        criteriaNarrative: `Completed every item of the course “${title}” in Advocate Studio, as the learner’s enrolled device reported to ${issuer.name}’s hub (xAPI statement ${completion.id}).`,
        issuedAt: now,
        credentialStatus: statusEntry(publicUrl, row.statusIndex),
        ...(score === undefined ? {} : { score }),
      }),
      issuer,
      now,
    );
    await tx
      .update(issuedCredentials)
      .set({ credential: credential as unknown as Json })
      .where(and(eq(issuedCredentials.id, id), eq(issuedCredentials.learnerId, learner.id)));
    issued.push(id);
  }
  return issued;
}

function courseTitle(statement: Json): string | null {
  const name = ((statement['object'] as Json | undefined)?.['definition'] as Json | undefined)?.['name'] as
    Record<string, string> | undefined;
  if (!name) return null;
  const title = name['en-US'] ?? name['en'] ?? Object.values(name)[0];
  return title && title.trim() !== '' ? title.trim() : null;
}

function scaledScore(statement: Json): number | undefined {
  const scaled = ((statement['result'] as Json | undefined)?.['score'] as Json | undefined)?.['scaled'];
  return typeof scaled === 'number' && scaled >= 0 && scaled <= 1 ? scaled : undefined;
}
