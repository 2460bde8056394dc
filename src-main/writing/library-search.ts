import type Database from 'better-sqlite3';
import type { Channel } from '../../src-shared/packs/items';
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../../src-shared/training/schemas';
import type { DraftSort, DraftStatus, DraftSummary } from '../../src-shared/writing/drafts';
import { toMatchQuery } from '../training/search';
import { withoutBody } from './draft-rows';

export interface LibraryFilter {
  query?: string | undefined;
  status?: DraftStatus | undefined;
  channel?: Channel | undefined;
  tag?: string | undefined;
  sort?: DraftSort | undefined;
  trash: boolean;
}

/** The most drafts a search returns, best first. */
const LIBRARY_LIMIT = 200;
/** Relevance: BM25 with titles weighing ten times the text. */
const RANK = 'bm25(10.0, 1.0)';

const COLUMNS = `d.id, d.title, d.words, d.channel, d.status, d.tags, d.audience, d.published_url AS publishedUrl,
  d.exercise_pack_id AS exercisePackId, d.exercise_item_id AS exerciseItemId, d.revision,
  d.created_at AS createdAt, d.updated_at AS updatedAt, d.deleted_at AS deletedAt`;

const ORDER: Record<DraftSort, string> = {
  relevance: 'd.updated_at DESC',
  updated: 'd.updated_at DESC',
  created: 'd.created_at DESC',
  title: "d.title = '', d.title COLLATE NOCASE",
};

interface LibraryRow {
  id: string;
  title: string;
  words: number;
  channel: Channel;
  status: DraftStatus;
  tags: string;
  audience: string;
  publishedUrl: string | null;
  exercisePackId: string | null;
  exerciseItemId: string | null;
  revision: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  snippet: string | null;
}

/** The filters as SQL over `drafts d`, applied before the limit. */
interface Where {
  sql: string;
  params: unknown[];
}

/**
 * The library: one query, ranked by relevance when searching (titles weigh ten times the text), with
 * the filters applied before the limit, and without reading a single body.
 */
export function listLibrary(sqlite: Database.Database, filter: LibraryFilter): DraftSummary[] {
  const match = filter.query ? toMatchQuery(filter.query) : null;
  const where = libraryWhere(filter);
  const sort = filter.sort ?? (match ? 'relevance' : 'updated');
  let rows: LibraryRow[];
  if (match && sort === 'relevance') rows = rankedSearch(sqlite, match, where);
  else if (match) rows = sortedSearch(sqlite, match, where, ORDER[sort]);
  else
    rows = sqlite
      .prepare(`SELECT ${COLUMNS}, NULL AS snippet FROM drafts d WHERE ${where.sql} ORDER BY ${ORDER[sort]}`)
      .all(...where.params) as LibraryRow[];
  return rows.map(toSummary);
}

function libraryWhere(filter: LibraryFilter): Where {
  const clauses = [filter.trash ? 'd.deleted_at IS NOT NULL' : 'd.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.status) {
    clauses.push('d.status = ?');
    params.push(filter.status);
  }
  if (filter.channel) {
    clauses.push('d.channel = ?');
    params.push(filter.channel);
  }
  if (filter.tag) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(d.tags) t WHERE t.value = ?)');
    params.push(filter.tag);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * FTS5 ranks every match itself when asked for `ORDER BY rank` (with the column weights given as a
 * `rank MATCH`), then hands rows over best first: the join to `drafts`, the filters and the snippets
 * run only until the limit is filled, not once per match as `ORDER BY bm25(…)` would (a sort SQLite
 * does after joining and snippeting every match: 3× slower at p95 on common words). CROSS JOIN keeps
 * the FTS table the outer loop, so that order is the one consumed.
 */
function rankedSearch(sqlite: Database.Database, match: string, where: Where): LibraryRow[] {
  return sqlite
    .prepare(
      `SELECT ${COLUMNS}, snippet(draft_search, 1, ?, ?, '…', 16) AS snippet
         FROM draft_search s CROSS JOIN drafts d ON d.search_rowid = s.rowid
        WHERE draft_search MATCH ? AND s.rank MATCH '${RANK}' AND ${where.sql}
        ORDER BY s.rank LIMIT ${LIBRARY_LIMIT}`,
    )
    .all(SNIPPET_MATCH_START, SNIPPET_MATCH_END, match, ...where.params) as LibraryRow[];
}

/**
 * Sorted by a column, every match must be seen; so the 200 are chosen first without a snippet
 * (snippets of all 10,000 hits of a common word cost a second), and only they are snippeted.
 * Choosing them reads no match's text: each hit reaches its draft by its rowid through `drafts_library`,
 * which holds every column filtered or sorted on (FTS5 reads a row's whole text to return any of its
 * columns, `draft_id` included). `+s.rowid` keeps the rowid list from being pushed into FTS5, which would
 * rerun the MATCH once per row; instead it walks the doclist once and SQLite checks membership.
 */
function sortedSearch(sqlite: Database.Database, match: string, where: Where, order: string): LibraryRow[] {
  return sqlite
    .prepare(
      `SELECT ${COLUMNS}, snippet(draft_search, 1, ?, ?, '…', 16) AS snippet
         FROM draft_search s CROSS JOIN drafts d ON d.search_rowid = s.rowid
        WHERE draft_search MATCH ? AND +s.rowid IN (
          SELECT s.rowid FROM draft_search s CROSS JOIN drafts d ON d.search_rowid = s.rowid
           WHERE draft_search MATCH ? AND ${where.sql}
           ORDER BY ${order} LIMIT ${LIBRARY_LIMIT})
        ORDER BY ${order}`,
    )
    .all(SNIPPET_MATCH_START, SNIPPET_MATCH_END, match, match, ...where.params) as LibraryRow[];
}

function toSummary(found: LibraryRow): DraftSummary {
  return {
    ...withoutBody({
      ...found,
      tags: JSON.parse(found.tags) as string[],
      createdAt: new Date(found.createdAt),
      updatedAt: new Date(found.updatedAt),
      deletedAt: found.deletedAt === null ? null : new Date(found.deletedAt),
    }),
    words: found.words,
    snippet: found.snippet,
  };
}
