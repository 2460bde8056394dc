import type Database from 'better-sqlite3';

/**
 * The library's full-text index (`draft_search`, FTS5) holds each draft's title and text. Every write
 * to a draft's title or text calls these inside the transaction that writes the draft, so the index
 * never disagrees with the drafts.
 */
export function indexDraft(sqlite: Database.Database, draftId: string, title: string, body: string): void {
  unindexDraft(sqlite, draftId);
  sqlite
    .prepare('INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)')
    .run(title, body, draftId);
}

export function unindexDraft(sqlite: Database.Database, draftId: string): void {
  sqlite.prepare('DELETE FROM draft_search WHERE draft_id = ?').run(draftId);
}
