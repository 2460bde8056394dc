import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { enrolmentCodes, learners } from '../db/schema/index';
import { audit } from './audit';
import { createCredential, type IssuedCredential } from './credentials';
import { randomToken, sha256 } from './secrets';

export class EnrolmentError extends Error {
  constructor(
    readonly code: 'enrolment_code_invalid' | 'learner_id_taken',
    message: string,
  ) {
    super(message);
  }
}

/** `7d`, `12h`, `30m`: how long an enrolment code stays valid. */
export function parseExpiry(text: string): number | null {
  const match = /^(\d+)([dhm])$/.exec(text.trim());
  if (!match) return null;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  const ms = Number(match[1]) * unit;
  return ms > 0 && ms <= 365 * 86_400_000 ? ms : null;
}

export async function createEnrolmentCode(
  db: HubDb,
  expiresInMs: number,
  actor: string,
  now: Date,
  /** Binds the code to one person's email. */
  email: string | null = null,
  /** Puts whoever redeems the code in this team (the dashboard's team view). */
  team: string | null = null,
): Promise<{ code: string; expiresAt: Date }> {
  const code = `enrol_${randomToken(16)}`;
  const expiresAt = new Date(now.getTime() + expiresInMs);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const bound = email?.trim().toLowerCase() ?? null;
    await tx
      .insert(enrolmentCodes)
      .values({ id, codeHash: sha256(code), createdAt: now, expiresAt, email: bound, team });
    await audit(
      tx,
      actor,
      'enrolment.create',
      { id, expiresAt: expiresAt.toISOString(), email: bound, team },
      now,
    );
  });
  return { code, expiresAt };
}

export interface Enrolled extends IssuedCredential {
  /** The actor the device must put on its statements (the app's own account form). */
  agent: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
}

/**
 * Redeems a code for device credentials bound to one learner. The claim is a single conditional UPDATE inside
 * the transaction, so of two devices racing with one code exactly one wins.
 */
export async function redeemEnrolmentCode(
  db: HubDb,
  input: { code: string; name: string; email: string; learnerId?: string | undefined },
  now: Date,
): Promise<Enrolled> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(enrolmentCodes)
      .set({ redeemedAt: now })
      .where(
        and(
          eq(enrolmentCodes.codeHash, sha256(input.code)),
          isNull(enrolmentCodes.redeemedAt),
          gt(enrolmentCodes.expiresAt, now),
          or(isNull(enrolmentCodes.email), eq(enrolmentCodes.email, email)),
        ),
      )
      .returning({ id: enrolmentCodes.id, team: enrolmentCodes.team });
    const code = claimed[0];
    if (!code) {
      throw new EnrolmentError(
        'enrolment_code_invalid',
        'This enrolment code is unknown, already used, expired, or meant for another email: ask your trainer for a new one.',
      );
    }
    const [existing] = await tx.select().from(learners).where(eq(learners.email, email)).limit(1);
    let learnerId = existing?.id;
    if (!learnerId) {
      learnerId = input.learnerId ?? randomUUID();
      const inserted = await tx
        .insert(learners)
        .values({ id: learnerId, name: input.name, email, createdAt: now, team: code.team })
        .onConflictDoNothing()
        .returning({ id: learners.id });
      if (inserted.length === 0) {
        throw new EnrolmentError('learner_id_taken', 'This learner id already belongs to someone else.');
      }
    }
    if (existing && code.team) {
      await tx.update(learners).set({ team: code.team }).where(eq(learners.id, learnerId));
    }
    const credential = await createCredential(
      tx,
      { name: `${input.name} <${email}>`, role: 'device', learnerId },
      'enrolment',
      now,
    );
    await tx.update(enrolmentCodes).set({ redeemedBy: credential.key }).where(eq(enrolmentCodes.id, code.id));
    await audit(tx, 'enrolment', 'enrolment.redeem', { id: code.id, key: credential.key, learnerId }, now);
    return {
      ...credential,
      agent: {
        objectType: 'Agent',
        name: existing?.name ?? input.name,
        account: { homePage: LEARNER_ACCOUNT_HOME, name: learnerId },
      },
    };
  });
}
