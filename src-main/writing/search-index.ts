import type Database from 'better-sqlite3';

/*
 * The library's full-text index (`draft_search`, FTS5) holds each draft's title and text in a row whose
 * rowid the draft keeps as `search_rowid`. Every write to a draft's title or text calls these inside the
 * transaction that writes the draft, so the index never disagrees with the drafts.
 */

/** Indexes a new draft's title and text; returns the rowid for the draft to keep. */
export function addToSearchIndex(
  sqlite: Database.Database,
  draftId: string,
  title: string,
  body: string,
): number {
  const { lastInsertRowid } = sqlite
    .prepare('INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)')
    .run(title, body, draftId);
  return Number(lastInsertRowid);
}

export function updateSearchIndex(
  sqlite: Database.Database,
  searchRowid: number,
  title: string,
  body: string,
): void {
  sqlite.prepare('UPDATE draft_search SET title = ?, body = ? WHERE rowid = ?').run(title, body, searchRowid);
}

/** Takes the drafts in the trash out of the index, before they are deleted. */
export function unindexTrash(sqlite: Database.Database): void {
  sqlite
    .prepare(
      'DELETE FROM draft_search WHERE rowid IN (SELECT search_rowid FROM drafts WHERE deleted_at IS NOT NULL)',
    )
    .run();
}
