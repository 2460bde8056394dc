import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Draft } from '../../src-shared/writing/drafts';
import { countWords } from '../../src-shared/writing/text-metrics';
import type { AppDatabase, DatabaseHandle } from '../db/open';
import { drafts, draftVersions } from '../db/schema';
import { findDraftRow, toDraft, type DraftRow } from './draft-rows';
import type { Guidelines } from './guidelines';
import { createReadiness } from './readiness';
import { updateSearchIndex } from './search-index';

export interface DraftVersionsDeps {
  database: DatabaseHandle;
  now: () => Date;
  guidelines: Guidelines;
}

type VersionReason = (typeof draftVersions.$inferSelect)['reason'];

/** A version is kept automatically when the writer pauses this long after the last one. */
const VERSION_PAUSE_MS = 2 * 60 * 1000;

/**
 * Keeps the text as it was before a save when the writer comes back after a pause and it changed since
 * the last version; called in the save's transaction. True when it kept one.
 */
export function keepVersionAfterPause(db: AppDatabase, current: DraftRow, at: Date): boolean {
  const last = db
    .select()
    .from(draftVersions)
    .where(eq(draftVersions.draftId, current.id))
    .orderBy(desc(draftVersions.createdAt))
    .get();
  const changedSinceVersion = !last || last.body !== current.body || last.title !== current.title;
  const paused = !last || at.getTime() - last.createdAt.getTime() >= VERSION_PAUSE_MS;
  const kept = paused && changedSinceVersion && (current.body !== '' || current.title !== '');
  if (kept) insertVersion(db, current, 'pause', at);
  return kept;
}

function insertVersion(db: AppDatabase, current: DraftRow, reason: VersionReason, at: Date): void {
  db.insert(draftVersions)
    .values({
      id: randomUUID(),
      draftId: current.id,
      title: current.title,
      body: current.body,
      reason,
      createdAt: at,
    })
    .run();
}

/** A draft's version history: kept on pauses, on demand and before each restore. */
export function createDraftVersions(deps: DraftVersionsDeps) {
  const { db, sqlite } = deps.database;
  const readiness = createReadiness({ db, guidelines: deps.guidelines });

  function keep(draftId: string, reason: 'manual' | 'before-restore' = 'manual'): void {
    insertVersion(db, findDraftRow(db, draftId), reason, deps.now());
  }

  function list(draftId: string) {
    findDraftRow(db, draftId);
    return db
      .select()
      .from(draftVersions)
      .where(eq(draftVersions.draftId, draftId))
      .orderBy(desc(draftVersions.createdAt))
      .all()
      .map((version) => ({
        id: version.id,
        reason: version.reason,
        createdAt: version.createdAt.toISOString(),
        words: countWords(version.body),
      }));
  }

  function get(versionId: string) {
    const found = db.select().from(draftVersions).where(eq(draftVersions.id, versionId)).get();
    if (!found) throw new AppError('NOT_FOUND', 'There is no such version.');
    return {
      id: found.id,
      reason: found.reason,
      createdAt: found.createdAt.toISOString(),
      words: countWords(found.body),
      title: found.title,
      body: found.body,
    };
  }

  /** Restoring keeps the current text as a version first, so a restore can itself be undone. */
  function restore(draftId: string, versionId: string): Draft {
    const target = get(versionId);
    db.transaction((tx) => {
      const current = findDraftRow(db, draftId);
      if (current.deletedAt)
        throw new AppError('CONFLICT', 'This draft is in the trash; restore it to change it.');
      const owner = tx
        .select({ draftId: draftVersions.draftId })
        .from(draftVersions)
        .where(eq(draftVersions.id, versionId))
        .get();
      if (owner?.draftId !== draftId)
        throw new AppError('NOT_FOUND', 'That version belongs to another draft.');
      keep(draftId, 'before-restore');
      // A ready draft restored to text that no longer qualifies goes back to drafting, as a save would.
      const restored = { ...current, title: target.title, body: target.body };
      const stillReady = current.status !== 'ready' || readiness.whyNoLongerReady(restored) === null;
      tx.update(drafts)
        .set({
          title: target.title,
          body: target.body,
          status: stillReady ? current.status : 'drafting',
          words: countWords(target.body),
          revision: current.revision + 1,
          updatedAt: deps.now(),
        })
        .where(eq(drafts.id, draftId))
        .run();
      updateSearchIndex(sqlite, current.searchRowid, target.title, target.body);
    });
    return toDraft(findDraftRow(db, draftId), deps.guidelines);
  }

  return { keep, list, get, restore };
}
