import { asc, eq, isNull, and, sql } from 'drizzle-orm';
import type { HubDb, HubTx } from '../db/open';
import { credentials, learners, type CredentialRole } from '../db/schema/index';
import { audit } from './audit';
import { hashSecret, randomToken, sameText, sha256, verifySecret } from './secrets';

export interface IssuedCredential {
  key: string;
  /** Shown once: only its scrypt hash is kept. */
  secret: string;
  name: string;
  role: CredentialRole;
}

export interface Principal {
  key: string;
  name: string;
  role: CredentialRole;
  /** For devices: the learner whose statements this credential may write and read. */
  learner: { id: string; name: string; email: string } | null;
}

export async function createCredential(
  db: HubDb | HubTx,
  input: { name: string; role: CredentialRole; learnerId?: string | null },
  actor: string,
  now: Date,
): Promise<IssuedCredential> {
  const key = `ak_${randomToken(12)}`;
  const secret = randomToken(24);
  await db.insert(credentials).values({
    key,
    name: input.name,
    role: input.role,
    secretHash: await hashSecret(secret),
    learnerId: input.learnerId ?? null,
    createdAt: now,
  });
  await audit(db, actor, 'credential.create', { key, name: input.name, role: input.role }, now);
  return { key, secret, name: input.name, role: input.role };
}

/** Returns false when no live credential has that key. */
export async function revokeCredential(db: HubDb, key: string, actor: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(credentials)
      .set({ revokedAt: now })
      .where(and(eq(credentials.key, key), isNull(credentials.revokedAt)))
      .returning({ key: credentials.key });
    if (revoked.length === 0) return false;
    await audit(tx, actor, 'credential.revoke', { key }, now);
    return true;
  });
}

export async function listCredentials(db: HubDb) {
  return db
    .select({
      key: credentials.key,
      name: credentials.name,
      role: credentials.role,
      learnerId: credentials.learnerId,
      createdAt: credentials.createdAt,
      revokedAt: credentials.revokedAt,
      lastSeenAt: credentials.lastSeenAt,
    })
    .from(credentials)
    .orderBy(asc(credentials.createdAt));
}

/**
 * Checks a key and secret. scrypt runs once per secret per instance: a verified secret's SHA-256 is kept in
 * memory, while revocation is read from the database on every request.
 */
export class CredentialVerifier {
  readonly #verified = new Map<string, { secretHash: string; digest: string }>();
  readonly #lastSeenWritten = new Map<string, number>();

  /** Every request runs this: prepared once (on PostgreSQL, parsed and planned once per connection). */
  readonly #lookup;

  constructor(
    private readonly db: HubDb,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#lookup = db
      .select({ credential: credentials, learner: learners })
      .from(credentials)
      .leftJoin(learners, eq(learners.id, credentials.learnerId))
      .where(eq(credentials.key, sql.placeholder('key')))
      .limit(1)
      .prepare('hub_credential_lookup');
  }

  /**
   * The principal for a live key and its right secret, or null. With `knownOnly`, only a secret this instance has
   * verified before is accepted and no scrypt runs: what a client being slowed down for failures still gets.
   */
  async verify(
    key: string,
    secret: string,
    options: { knownOnly?: boolean } = {},
  ): Promise<Principal | null> {
    const [row] = await this.#lookup.execute({ key });
    if (!row || row.credential.revokedAt) {
      // Spend the same scrypt time as a real check, so response times don't reveal which keys exist.
      if (!options.knownOnly) await verifySecret(secret, DUMMY_HASH);
      return null;
    }
    const digest = sha256(secret);
    const cached = this.#verified.get(key);
    const known = cached !== undefined && cached.secretHash === row.credential.secretHash;
    if (!known && options.knownOnly) return null;
    const ok = known
      ? sameText(cached.digest, digest)
      : await verifySecret(secret, row.credential.secretHash);
    if (!ok) return null;
    this.#verified.set(key, { secretHash: row.credential.secretHash, digest });
    await this.#markSeen(key);
    const { learner } = row;
    return {
      key,
      name: row.credential.name,
      role: row.credential.role,
      learner: learner ? { id: learner.id, name: learner.name, email: learner.email } : null,
    };
  }

  async #markSeen(key: string): Promise<void> {
    const now = this.now();
    if (now.getTime() - (this.#lastSeenWritten.get(key) ?? 0) < SEEN_PRECISION_MS) return;
    this.#lastSeenWritten.set(key, now.getTime());
    await this.db.update(credentials).set({ lastSeenAt: now }).where(eq(credentials.key, key));
  }
}

/** Last seen to the minute: enough for "devices with last-seen", without a write on every request. */
const SEEN_PRECISION_MS = 60_000;

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
