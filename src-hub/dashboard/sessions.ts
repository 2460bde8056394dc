import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { HubDb } from '../db/open';
import { credentials, dashboardSessions } from '../db/schema/index';
import { randomToken, sha256 } from '../auth/secrets';

export const SESSION_COOKIE = 'hub_session';
/** A working day; a trainer signs in again after it. */
export const SESSION_TTL_MS = 8 * 3_600_000;

export interface DashboardSession {
  credentialKey: string;
  name: string;
  expiresAt: Date;
}

/**
 * Starts a session for a trainer credential. The cookie carries 256 random bits; the database keeps only their
 * SHA-256, so a leaked table opens no sessions. Looking a session up by that hash needs no constant-time compare.
 */
export async function createSession(
  db: HubDb,
  credentialKey: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.transaction(async (tx) => {
    // Expired sessions are swept as new ones start: the table stays the size of the live ones.
    await tx.delete(dashboardSessions).where(lt(dashboardSessions.expiresAt, now));
    await tx
      .insert(dashboardSessions)
      .values({ idHash: sha256(token), credentialKey, createdAt: now, expiresAt });
  });
  return { token, expiresAt };
}

/** The live session for a cookie value: unexpired, and its trainer credential not revoked since. */
export async function findSession(db: HubDb, token: string, now: Date): Promise<DashboardSession | null> {
  const [row] = await db
    .select({
      credentialKey: dashboardSessions.credentialKey,
      name: credentials.name,
      expiresAt: dashboardSessions.expiresAt,
    })
    .from(dashboardSessions)
    .innerJoin(credentials, eq(credentials.key, dashboardSessions.credentialKey))
    .where(
      and(
        eq(dashboardSessions.idHash, sha256(token)),
        gt(dashboardSessions.expiresAt, now),
        isNull(credentials.revokedAt),
        eq(credentials.role, 'trainer'),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function endSession(db: HubDb, token: string): Promise<void> {
  await db.delete(dashboardSessions).where(eq(dashboardSessions.idHash, sha256(token)));
}

/** One cookie's value from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), scoped to the dashboard. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/dashboard',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
