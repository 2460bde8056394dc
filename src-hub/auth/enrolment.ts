import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import type { HubDb, HubTx } from '../db/open';
import { enrolmentCodes, learners } from '../db/schema/index';
import { audit } from './audit';
import { createCredential, type IssuedCredential } from './credentials';
import { randomToken, sha256 } from './secrets';

export class EnrolmentError extends Error {
  constructor(
    readonly code: 'enrolment_code_invalid' | 'learner_id_taken' | 'email_taken',
    message: string,
  ) {
    super(message);
  }
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
  role: 'device';
  /** The actor the device must put on its statements (the app's own account form). */
  agent: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
}

/**
 * Redeems a code for device credentials bound to one learner. The claim is a single conditional UPDATE inside
 * the transaction, so of two devices racing with one code exactly one wins.
 *
 * Who may enrol as whom: a code made for an email enrols that person, joining their existing learner when there
 * is one (a second device). A code made for no one always makes a new learner: an email or learner id that
 * already belongs to someone is refused, or anyone holding such a code could take over that person's records.
 * A refusal rolls the claim back, so the code stays usable.
 */
export async function redeemEnrolmentCode(
  db: HubDb,
  input: { code: string; name: string; email: string; learnerId?: string | undefined },
  now: Date,
): Promise<Enrolled> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const code = await claimCode(tx, input.code, email, now);
    const [existing] = await tx.select().from(learners).where(eq(learners.email, email)).limit(1);
    if (existing && code.email === null) {
      throw new EnrolmentError(
        'email_taken',
        'This email already has an account on this hub; ask your trainer for an enrolment code made for it.',
      );
    }
    const learnerId = existing?.id ?? (await createLearner(tx, input, email, code.team, now));
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
      role: 'device',
      agent: {
        objectType: 'Agent',
        name: existing?.name ?? input.name,
        account: { homePage: LEARNER_ACCOUNT_HOME, name: learnerId },
      },
    };
  });
}

async function claimCode(
  tx: HubTx,
  code: string,
  email: string,
  now: Date,
): Promise<{ id: string; team: string | null; email: string | null }> {
  const [claimed] = await tx
    .update(enrolmentCodes)
    .set({ redeemedAt: now })
    .where(
      and(
        eq(enrolmentCodes.codeHash, sha256(code)),
        isNull(enrolmentCodes.redeemedAt),
        gt(enrolmentCodes.expiresAt, now),
        or(isNull(enrolmentCodes.email), eq(enrolmentCodes.email, email)),
      ),
    )
    .returning({ id: enrolmentCodes.id, team: enrolmentCodes.team, email: enrolmentCodes.email });
  if (!claimed) {
    throw new EnrolmentError(
      'enrolment_code_invalid',
      'This enrolment code is unknown, already used, expired, or meant for another email: ask your trainer for a new one.',
    );
  }
  return claimed;
}

/** A new learner under the id the app already uses in its statements, when that id is free. */
async function createLearner(
  tx: HubTx,
  input: { name: string; learnerId?: string | undefined },
  email: string,
  team: string | null,
  now: Date,
): Promise<string> {
  const learnerId = input.learnerId ?? randomUUID();
  const inserted = await tx
    .insert(learners)
    .values({ id: learnerId, name: input.name, email, createdAt: now, team })
    .onConflictDoNothing()
    .returning({ id: learners.id });
  if (inserted.length === 0) {
    throw new EnrolmentError('learner_id_taken', 'This learner id already belongs to someone else.');
  }
  return learnerId;
}
