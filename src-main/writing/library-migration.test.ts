import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../src-shared/writing/drafts';
import { DATABASE_FILE_NAME } from '../core/paths';
import { openDatabase } from '../db/open';
import { useTestCores, type TestCore } from '../testing/app-core';
import { migrationsBefore } from '../testing/migrations';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

type OldDraft = readonly [
  id: string,
  title: string,
  channel: string,
  status: string,
  tags: string,
  at: number,
  deletedAt: number | null,
];

/**
 * A data folder whose database has the migrations before `tag`, holding `drafts` as the drafts service
 * wrote them then: a `drafts` row and its `draft_search` row (without `search_rowid`, which 0014 adds).
 */
function databaseBefore(
  tag: string,
  drafts: readonly OldDraft[],
  extra?: (sqlite: Database.Database) => void,
): string {
  const dataDir = tempDir();
  mkdirSync(dataDir, { recursive: true });
  const before = openDatabase({
    file: join(dataDir, DATABASE_FILE_NAME),
    migrationsDir: migrationsBefore(tag, tempDir),
  });
  try {
    const insertDraft = before.sqlite.prepare(
      `INSERT INTO drafts (id, title, body, words, channel, status, tags, audience, revision, created_at,
         updated_at, deleted_at) VALUES (?, ?, ?, 3, ?, ?, ?, '', 1, ?, ?, ?)`,
    );
    const insertSearch = before.sqlite.prepare(
      'INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)',
    );
    for (const [id, title, channel, status, tags, at, deletedAt] of drafts) {
      insertDraft.run(id, title, 'About a quokka.', channel, status, tags, at, at, deletedAt);
      insertSearch.run(title, 'About a quokka.', id);
    }
    extra?.(before.sqlite);
  } finally {
    before.close();
  }
  return dataDir;
}

function titlesOf(core: TestCore) {
  return async (input: Record<string, unknown>) => {
    const result = await core.dispatch('listDrafts', input);
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as DraftSummary[]).map((draft) => draft.title);
  };
}

const oldDrafts: OldDraft[] = [
  ['00000000-0000-4000-8000-000000000001', 'Quokka one', 'blog', 'idea', '["ops"]', 1, null],
  ['00000000-0000-4000-8000-000000000002', 'Quokka two', 'forum', 'ready', '[]', 2, null],
  ['00000000-0000-4000-8000-000000000003', 'Quokka three', 'blog', 'idea', '[]', 3, 4],
];

describe('the draft library index migration', () => {
  it('still finds, filters and sorts the drafts of a database written before it', async () => {
    const dataDir = databaseBefore('0013_draft_library_index', oldDrafts);

    const core = await startCore(dataDir);
    const { sqlite } = core.database;
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'drafts_library'").get()).toEqual({
      name: 'drafts_library',
    });
    const titles = titlesOf(core);
    expect((await titles({ query: 'quokka' })).sort()).toEqual(['Quokka one', 'Quokka two']);
    expect(await titles({ query: 'quokka', sort: 'updated' })).toEqual(['Quokka two', 'Quokka one']);
    expect(await titles({ query: 'quokka', status: 'idea', tag: 'ops' })).toEqual(['Quokka one']);
    expect(await titles({ query: 'quokka', trash: true })).toEqual(['Quokka three']);
    // The join from a hit to its draft reads the new index, not the row (by the hit's rowid since 0014).
    const plan = sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT s.rowid FROM draft_search s CROSS JOIN drafts d ON d.search_rowid = s.rowid
          WHERE draft_search MATCH 'quokka' AND d.deleted_at IS NULL ORDER BY d.updated_at DESC`,
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('COVERING INDEX drafts_library');
  });
});

describe('the search rowid migration', () => {
  it('gives each old draft the rowid of its one index row, so search, saves and the trash still find it', async () => {
    // An index whose rowids no longer line up with the drafts': a draft deleted from the trash left a gap.
    const dataDir = databaseBefore('0014_draft_search_rowid', oldDrafts, (sqlite) => {
      sqlite
        .prepare("DELETE FROM draft_search WHERE draft_id = '00000000-0000-4000-8000-000000000001'")
        .run();
      sqlite
        .prepare('INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)')
        .run('Quokka one', 'About a quokka.', '00000000-0000-4000-8000-000000000001');
    });

    const core = await startCore(dataDir, { now: () => new Date(10) });
    const { sqlite } = core.database;
    expect(
      sqlite
        .prepare(
          `SELECT d.id FROM drafts d JOIN draft_search s ON s.rowid = d.search_rowid
            WHERE s.draft_id = d.id ORDER BY d.id`,
        )
        .all(),
    ).toEqual(oldDrafts.map(([id]) => ({ id })));
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM draft_search').get()).toEqual({ n: 3 });

    const titles = titlesOf(core);
    expect((await titles({ query: 'quokka' })).sort()).toEqual(['Quokka one', 'Quokka two']);
    expect(await titles({ query: 'quokka', sort: 'created' })).toEqual(['Quokka two', 'Quokka one']);
    expect(await titles({ query: 'quok', channel: 'forum' })).toEqual(['Quokka two']);
    expect(await titles({ query: 'quokka', trash: true, status: 'idea' })).toEqual(['Quokka three']);

    const saved = await core.dispatch('saveDraft', {
      draftId: '00000000-0000-4000-8000-000000000002',
      title: 'Wombat two',
      body: 'About a wombat.',
      baseRevision: 1,
    });
    expect(saved.ok).toBe(true);
    expect(await titles({ query: 'wombat', sort: 'title' })).toEqual(['Wombat two']);
    expect(await titles({ query: 'quokka' })).toEqual(['Quokka one']);
    expect(await core.dispatch('emptyDraftTrash', {})).toEqual({ ok: true, value: { deleted: 1 } });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM draft_search').get()).toEqual({ n: 2 });
  });
});
