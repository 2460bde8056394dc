import { count, eq, isNotNull } from 'drizzle-orm';
import type { Draft } from '../../src-shared/writing/drafts';
import type { DatabaseHandle } from '../db/open';
import { drafts } from '../db/schema';
import { findDraftRow, toDraft } from './draft-rows';
import type { Guidelines } from './guidelines';
import { unindexTrash } from './search-index';

export interface DraftTrashDeps {
  database: DatabaseHandle;
  now: () => Date;
  guidelines: Guidelines;
}

/** The trash: drafts in it keep their text and history until it is emptied. */
export function createDraftTrash(deps: DraftTrashDeps) {
  const { db, sqlite } = deps.database;

  function setInTrash(draftId: string, inTrash: boolean): Draft {
    findDraftRow(db, draftId);
    db.update(drafts)
      .set({ deletedAt: inTrash ? deps.now() : null })
      .where(eq(drafts.id, draftId))
      .run();
    return toDraft(findDraftRow(db, draftId), deps.guidelines);
  }

  /** Deletes every draft in the trash, and takes each out of the search index. */
  function empty(): { deleted: number } {
    let deleted = 0;
    db.transaction((tx) => {
      unindexTrash(sqlite);
      deleted = tx.delete(drafts).where(isNotNull(drafts.deletedAt)).run().changes;
    });
    return { deleted };
  }

  function countInTrash(): { drafts: number } {
    const found = db.select({ drafts: count() }).from(drafts).where(isNotNull(drafts.deletedAt)).get();
    return { drafts: found?.drafts ?? 0 };
  }

  return { setInTrash, empty, count: countInTrash };
}
