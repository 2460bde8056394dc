import { eq, inArray } from 'drizzle-orm';
import type { HubDb, HubTx } from '../db/open';
import { statementAttachments, xapiAttachments } from '../db/schema/index';
import type { AttachmentPart } from './upload';

/**
 * Keeps the bytes new statements brought, once per hash, and which statement brought which. A statement already
 * stored changes nothing when sent again (Communication 2.1.2), so only new ones count.
 */
export async function storeAttachmentBytes(
  tx: HubTx,
  fresh: { id: string; attachmentHashes: string[] }[],
  parts: Map<string, AttachmentPart> | null,
  credentialKey: string,
  now: Date,
): Promise<void> {
  if (!parts || parts.size === 0) return;
  const links = fresh.flatMap((p) =>
    [...new Set(p.attachmentHashes)].map((sha2) => ({ statementId: p.id, sha2 })),
  );
  if (links.length === 0) return;
  for (const sha2 of new Set(links.map((link) => link.sha2))) {
    const part = parts.get(sha2) as AttachmentPart;
    await tx
      .insert(xapiAttachments)
      .values({
        sha2,
        contentType: part.contentType ?? 'application/octet-stream',
        length: part.content.length,
        content: part.content,
        storedAt: now,
        credentialKey,
      })
      .onConflictDoNothing();
  }
  for (let i = 0; i < links.length; i += 500) {
    await tx
      .insert(statementAttachments)
      .values(links.slice(i, i + 500))
      .onConflictDoNothing();
  }
}

/** The bytes that came with these statements, by lower-case hash. */
export async function loadAttachmentBytes(db: HubDb, statementIds: string[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  for (let i = 0; i < statementIds.length; i += 500) {
    const rows = await db
      .selectDistinct({ sha2: xapiAttachments.sha2, content: xapiAttachments.content })
      .from(statementAttachments)
      .innerJoin(xapiAttachments, eq(xapiAttachments.sha2, statementAttachments.sha2))
      .where(inArray(statementAttachments.statementId, statementIds.slice(i, i + 500)));
    for (const row of rows) found.set(row.sha2, row.content);
  }
  return found;
}
