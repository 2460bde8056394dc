import type Database from 'better-sqlite3';

/** The tags in use outside the trash, most used first. */
export function tagsInUse(sqlite: Database.Database): { tag: string; drafts: number }[] {
  return sqlite
    .prepare(
      `SELECT t.value AS tag, COUNT(*) AS drafts FROM drafts d, json_each(d.tags) t
        WHERE d.deleted_at IS NULL GROUP BY t.value ORDER BY drafts DESC, t.value`,
    )
    .all() as { tag: string; drafts: number }[];
}
