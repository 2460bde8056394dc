import { eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Draft } from '../../src-shared/writing/drafts';
import type { AppDatabase } from '../db/open';
import { drafts } from '../db/schema';
import type { Guidelines } from './guidelines';

export type DraftRow = typeof drafts.$inferSelect;

/** The draft's row, or NOT_FOUND. */
export function findDraftRow(db: AppDatabase, id: string): DraftRow {
  const found = db.select().from(drafts).where(eq(drafts.id, id)).get();
  if (!found) throw new AppError('NOT_FOUND', 'There is no such draft on this device.');
  return found;
}

/** A draft as the API shows it: the row and the guideline findings its writer acknowledged. */
export function toDraft(found: DraftRow, guidelines: Pick<Guidelines, 'acknowledged'>): Draft {
  return { ...withoutBody(found), body: found.body, acknowledged: guidelines.acknowledged(found.id) };
}

/** A draft's fields as the API shows them, from a full row or from the library's body-less one. */
export function withoutBody(
  row: Pick<
    DraftRow,
    | 'id'
    | 'title'
    | 'channel'
    | 'status'
    | 'tags'
    | 'audience'
    | 'publishedUrl'
    | 'exercisePackId'
    | 'exerciseItemId'
    | 'revision'
    | 'createdAt'
    | 'updatedAt'
    | 'deletedAt'
  >,
): Omit<Draft, 'body' | 'acknowledged'> {
  return {
    id: row.id,
    title: row.title,
    channel: row.channel,
    status: row.status,
    tags: row.tags,
    audience: row.audience,
    publishedUrl: row.publishedUrl,
    exercise:
      row.exercisePackId && row.exerciseItemId
        ? { packId: row.exercisePackId, itemId: row.exerciseItemId }
        : null,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    inTrash: row.deletedAt !== null,
  };
}
