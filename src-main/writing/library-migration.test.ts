import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../src-shared/writing/drafts';
import { DATABASE_FILE_NAME } from '../core/paths';
import { openDatabase } from '../db/open';
import { useTestCores } from '../testing/app-core';
import { shippedMigrationsDir, useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

/** The shipped migrations as they were before `tag`: its SQL file and journal entry left out. */
function migrationsBefore(tag: string): string {
  const dir = join(tempDir(), 'migrations');
  cpSync(shippedMigrationsDir, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(at).toBeGreaterThan(0);
  for (const entry of journal.entries.slice(at)) rmSync(join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  return dir;
}

describe('the draft library index migration', () => {
  it('still finds, filters and sorts the drafts of a database written before it', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const before = openDatabase({
      file: join(dataDir, DATABASE_FILE_NAME),
      migrationsDir: migrationsBefore('0013_draft_library_index'),
    });
    // The rows the drafts service wrote then: a `drafts` row and its `draft_search` row.
    const insertDraft = before.sqlite.prepare(
      `INSERT INTO drafts (id, title, body, words, channel, status, tags, audience, revision, created_at,
         updated_at, deleted_at) VALUES (?, ?, ?, 3, ?, ?, ?, '', 1, ?, ?, ?)`,
    );
    const insertSearch = before.sqlite.prepare(
      'INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)',
    );
    const drafts = [
      ['00000000-0000-4000-8000-000000000001', 'Quokka one', 'blog', 'idea', '["ops"]', 1, null],
      ['00000000-0000-4000-8000-000000000002', 'Quokka two', 'forum', 'ready', '[]', 2, null],
      ['00000000-0000-4000-8000-000000000003', 'Quokka three', 'blog', 'idea', '[]', 3, 4],
    ] as const;
    for (const [id, title, channel, status, tags, at, deletedAt] of drafts) {
      insertDraft.run(id, title, 'About a quokka.', channel, status, tags, at, at, deletedAt);
      insertSearch.run(title, 'About a quokka.', id);
    }
    before.close();

    const core = await startCore(dataDir);
    const { sqlite } = core.database;
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'drafts_library'").get()).toEqual({
      name: 'drafts_library',
    });
    const titles = async (input: Record<string, unknown>) => {
      const result = await core.dispatch('listDrafts', input);
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as DraftSummary[]).map((draft) => draft.title);
    };
    expect((await titles({ query: 'quokka' })).sort()).toEqual(['Quokka one', 'Quokka two']);
    expect(await titles({ query: 'quokka', sort: 'updated' })).toEqual(['Quokka two', 'Quokka one']);
    expect(await titles({ query: 'quokka', status: 'idea', tag: 'ops' })).toEqual(['Quokka one']);
    expect(await titles({ query: 'quokka', trash: true })).toEqual(['Quokka three']);
    // The join from a hit to its draft reads the new index, not the row.
    const plan = sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT s.rowid FROM draft_search s CROSS JOIN drafts d ON d.id = s.draft_id
          WHERE draft_search MATCH 'quokka' AND d.deleted_at IS NULL ORDER BY d.updated_at DESC`,
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('COVERING INDEX drafts_library');
  });
});
