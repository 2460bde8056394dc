import { Lexer, type Token } from 'marked';
import type Database from 'better-sqlite3';
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START, type SearchHit } from '../../src-shared/training/schemas';

/** Marks around matches in snippets: control characters that never occur in lesson text. */
const MATCH_START = SNIPPET_MATCH_START;
const MATCH_END = SNIPPET_MATCH_END;

/** The words of a Markdown text without its markup, for the search index. */
export function plainText(markdown: string): string {
  const parts: string[] = [];
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      const children = (token as { tokens?: Token[] }).tokens;
      const listItems = (token as { items?: Token[] }).items;
      if (children && children.length > 0) visit(children);
      else if (listItems) visit(listItems);
      else if ('text' in token && typeof token.text === 'string') parts.push(token.text);
    }
  };
  visit(Lexer.lex(markdown));
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * Turns what a person typed into an FTS5 query: each word quoted (so `AND`, `-` or `"` are just text)
 * and matched as a prefix, so `employ` finds "employer" and results appear while they type. (No stemmer:
 * porter stems prefixes too, so `employ*` would look for "emploi".) Null when there is nothing to find.
 */
export function toMatchQuery(typed: string): string | null {
  const words = typed.match(/[\p{L}\p{N}_']+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

/** Replaces a pack's entries in the index; called inside the import's transaction. */
export function indexPack(
  sqlite: Database.Database,
  packId: string,
  entries: readonly { itemId: string; title: string; body: string }[],
): void {
  sqlite.prepare('DELETE FROM item_search WHERE pack_id = ?').run(packId);
  const insert = sqlite.prepare(
    'INSERT INTO item_search (title, text, pack_id, item_id) VALUES (?, ?, ?, ?)',
  );
  for (const entry of entries) insert.run(entry.title, plainText(entry.body), packId, entry.itemId);
}

export function unindexPack(sqlite: Database.Database, packId: string): void {
  sqlite.prepare('DELETE FROM item_search WHERE pack_id = ?').run(packId);
}

/** Ranked by BM25 with titles weighing ten times the text; one snippet of about 16 words per hit. */
export function searchItems(sqlite: Database.Database, typed: string, limit = 20): SearchHit[] {
  const query = toMatchQuery(typed);
  if (query === null) return [];
  return sqlite
    .prepare(
      `SELECT s.pack_id AS packId, s.item_id AS itemId, i.kind AS kind, i.title AS title, c.title AS courseTitle,
              snippet(item_search, 1, ?, ?, '…', 16) AS snippet
         FROM item_search s
         JOIN items i ON i.pack_id = s.pack_id AND i.id = s.item_id
         JOIN courses c ON c.pack_id = i.pack_id AND c.id = i.course_id
        WHERE item_search MATCH ?
        ORDER BY bm25(item_search, 10.0, 1.0)
        LIMIT ?`,
    )
    .all(MATCH_START, MATCH_END, query, limit) as SearchHit[];
}
