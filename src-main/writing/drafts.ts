import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import { Channel } from '../../src-shared/packs/items';
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../../src-shared/training/schemas';
import {
  countWords,
  type Draft,
  type DraftSort,
  type DraftStatus,
  type DraftSummary,
  type DraftTemplate,
} from '../../src-shared/writing/drafts';
import type { DatabaseHandle } from '../db/open';
import { drafts, draftVersions } from '../db/schema';
import { findItemInContext } from '../training/item-query';
import type { Progress } from '../training/progress';
import { toMatchQuery } from '../training/search';
import type { Guidelines } from './guidelines';

export interface DraftsDeps {
  database: DatabaseHandle;
  now: () => Date;
  progress: Progress;
  guidelines: Guidelines;
}

/** The most drafts a search returns, best first. */
const LIBRARY_LIMIT = 200;
/** Relevance: BM25 with titles weighing ten times the text. */
const RANK = 'bm25(10.0, 1.0)';

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

/** A version is kept automatically when the writer pauses this long after the last one. */
export const VERSION_PAUSE_MS = 2 * 60 * 1000;

type DraftRow = typeof drafts.$inferSelect;

export function createDrafts(deps: DraftsDeps) {
  const { db, sqlite } = deps.database;

  function row(id: string): DraftRow {
    const found = db.select().from(drafts).where(eq(drafts.id, id)).get();
    if (!found) throw new AppError('NOT_FOUND', 'There is no such draft on this device.');
    return found;
  }

  function index(id: string, title: string, body: string): void {
    sqlite.prepare('DELETE FROM draft_search WHERE draft_id = ?').run(id);
    sqlite.prepare('INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)').run(title, body, id);
  }

  function create(input: {
    title: string;
    channel: Channel;
    fromExercise?: { packId: string; itemId: string } | undefined;
    fromTemplate?: { packId: string; itemId: string } | undefined;
  }): Draft {
    let title = input.title;
    let body = '';
    let channel = input.channel;
    const exercise = input.fromExercise;
    if (input.fromTemplate) {
      const template = templates().find(
        (found) => found.packId === input.fromTemplate?.packId && found.itemId === input.fromTemplate.itemId,
      );
      if (!template) throw new AppError('NOT_FOUND', 'That template is not in any installed course pack.');
      body = template.template;
      channel = template.channel;
    }
    if (exercise) {
      const { item } = findItemInContext(db, exercise.packId, exercise.itemId);
      if (item.kind !== 'exercise') throw new AppError('CONFLICT', `“${item.title}” is not an exercise.`);
      // One draft per exercise: starting it again opens the draft already begun.
      const existing = db
        .select()
        .from(drafts)
        .where(
          and(
            eq(drafts.exercisePackId, exercise.packId),
            eq(drafts.exerciseItemId, exercise.itemId),
            isNull(drafts.deletedAt),
          ),
        )
        .get();
      if (existing) return toDraft(existing);
      title = title || item.title;
      body = typeof item.details['template'] === 'string' ? item.details['template'] : '';
      channel = (item.details['channel'] as Channel | undefined) ?? channel;
      deps.progress.openItem(exercise.packId, exercise.itemId);
    }
    return insertDraft({ title, body, channel, exercise: exercise ?? null, tags: [], audience: '' });
  }

  function insertDraft(fields: {
    title: string;
    body: string;
    channel: Channel;
    exercise: { packId: string; itemId: string } | null;
    tags: string[];
    audience: string;
  }): Draft {
    const { title, body, channel, exercise } = fields;
    const at = deps.now();
    const created: DraftRow = {
      id: randomUUID(),
      title,
      body,
      words: countWords(body),
      channel,
      status: 'drafting',
      tags: fields.tags,
      audience: fields.audience,
      publishedUrl: null,
      publishedAt: null,
      exercisePackId: exercise?.packId ?? null,
      exerciseItemId: exercise?.itemId ?? null,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    db.transaction((tx) => {
      tx.insert(drafts).values(created).run();
      index(created.id, title, body);
    });
    return toDraft(created);
  }

  /** A copy to take in another direction: same text, channel, tags and audience; a new draft's history. */
  function duplicate(draftId: string): Draft {
    const source = row(draftId);
    return insertDraft({
      title: source.title ? `${source.title} (copy)` : '',
      body: source.body,
      channel: source.channel,
      exercise: null,
      tags: source.tags,
      audience: source.audience,
    });
  }

  /** Every exercise of the installed packs, as a template to start a draft from. */
  function templates(): DraftTemplate[] {
    const rows = sqlite
      .prepare(
        `SELECT i.pack_id AS packId, p.title AS packTitle, i.id AS itemId, i.title, i.details
           FROM items i JOIN packs p ON p.id = i.pack_id
          WHERE i.kind = 'exercise' ORDER BY p.title, i.position`,
      )
      .all() as { packId: string; packTitle: string; itemId: string; title: string; details: string }[];
    return rows.flatMap((found) => {
      const details = JSON.parse(found.details) as { template?: unknown; channel?: unknown };
      if (typeof details.template !== 'string') return [];
      const channel = Channel.safeParse(details.channel);
      return [
        {
          packId: found.packId,
          packTitle: found.packTitle,
          itemId: found.itemId,
          title: found.title,
          channel: channel.success ? channel.data : 'blog',
          template: details.template,
        },
      ];
    });
  }

  /** The tags in use outside the trash, most used first. */
  function tags(): { tag: string; drafts: number }[] {
    return sqlite
      .prepare(
        `SELECT t.value AS tag, COUNT(*) AS drafts FROM drafts d, json_each(d.tags) t
          WHERE d.deleted_at IS NULL GROUP BY t.value ORDER BY drafts DESC, t.value`,
      )
      .all() as { tag: string; drafts: number }[];
  }

  /** Autosave: every change lands here within a second of the last keystroke. */
  function save(input: { draftId: string; title: string; body: string; baseRevision: number }) {
    const at = deps.now();
    let result = { revision: 0, savedAt: at.toISOString(), versionKept: false };
    db.transaction((tx) => {
      const current = row(input.draftId);
      if (current.deletedAt)
        throw new AppError('CONFLICT', 'This draft is in the trash; restore it to edit it.');
      if (input.baseRevision < current.revision) {
        throw new AppError(
          'CONFLICT',
          'This draft was changed in another window since you opened it. Reload it to see the latest text; your typing here is kept in its version history.',
        );
      }
      const last = tx
        .select()
        .from(draftVersions)
        .where(eq(draftVersions.draftId, input.draftId))
        .orderBy(desc(draftVersions.createdAt))
        .get();
      const changedSinceVersion = !last || last.body !== current.body || last.title !== current.title;
      const paused = !last || at.getTime() - last.createdAt.getTime() >= VERSION_PAUSE_MS;
      // Keep what was there before this save when the writer comes back after a pause.
      const versionKept = paused && changedSinceVersion && (current.body !== '' || current.title !== '');
      if (versionKept) {
        tx.insert(draftVersions)
          .values({
            id: randomUUID(),
            draftId: current.id,
            title: current.title,
            body: current.body,
            reason: 'pause',
            createdAt: at,
          })
          .run();
      }
      const revision = current.revision + 1;
      tx.update(drafts)
        .set({ title: input.title, body: input.body, words: countWords(input.body), revision, updatedAt: at })
        .where(eq(drafts.id, current.id))
        .run();
      index(current.id, input.title, input.body);
      result = { revision, savedAt: at.toISOString(), versionKept };
    });
    return result;
  }

  function keepVersion(draftId: string, reason: 'manual' | 'before-restore' = 'manual'): void {
    const current = row(draftId);
    db.insert(draftVersions)
      .values({
        id: randomUUID(),
        draftId,
        title: current.title,
        body: current.body,
        reason,
        createdAt: deps.now(),
      })
      .run();
  }

  function update(input: {
    draftId: string;
    channel?: Channel | undefined;
    status?: DraftStatus | undefined;
    tags?: string[] | undefined;
    audience?: string | undefined;
    publishedUrl?: string | null | undefined;
  }): Draft {
    const at = deps.now();
    db.transaction((tx) => {
      const current = row(input.draftId);
      const status = input.status ?? current.status;
      const channel = input.channel ?? current.channel;
      // Ready means checked: every guideline finding must have been acknowledged by the writer.
      if ((status === 'ready' || status === 'published') && status !== current.status) {
        deps.guidelines.requireAcknowledged({ ...current, channel });
      }
      tx.update(drafts)
        .set({
          channel,
          status,
          tags: input.tags ?? current.tags,
          audience: input.audience ?? current.audience,
          publishedUrl: input.publishedUrl === undefined ? current.publishedUrl : input.publishedUrl,
          publishedAt: status === 'published' ? (current.publishedAt ?? at) : current.publishedAt,
          updatedAt: at,
        })
        .where(eq(drafts.id, current.id))
        .run();
      // Marking an exercise's draft ready completes the exercise, in this same transaction.
      if (
        (status === 'ready' || status === 'published') &&
        current.exercisePackId &&
        current.exerciseItemId
      ) {
        deps.progress.completeExercise(current.exercisePackId, current.exerciseItemId);
      }
    });
    return toDraft(row(input.draftId));
  }

  /**
   * The library: one query, ranked by relevance when searching (titles weigh ten times the text), with
   * the filters applied before the limit, and without reading a single body.
   */
  function list(input: {
    query?: string | undefined;
    status?: DraftStatus | undefined;
    channel?: Channel | undefined;
    tag?: string | undefined;
    sort?: DraftSort | undefined;
    trash: boolean;
  }): DraftSummary[] {
    const match = input.query ? toMatchQuery(input.query) : null;
    const where = [input.trash ? 'd.deleted_at IS NOT NULL' : 'd.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (input.status) {
      where.push('d.status = ?');
      params.push(input.status);
    }
    if (input.channel) {
      where.push('d.channel = ?');
      params.push(input.channel);
    }
    if (input.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(d.tags) t WHERE t.value = ?)');
      params.push(input.tag);
    }
    const sort = input.sort ?? (match ? 'relevance' : 'updated');
    const columns = `d.id, d.title, d.words, d.channel, d.status, d.tags, d.audience, d.published_url AS publishedUrl,
      d.exercise_pack_id AS exercisePackId, d.exercise_item_id AS exerciseItemId, d.revision,
      d.created_at AS createdAt, d.updated_at AS updatedAt, d.deleted_at AS deletedAt`;
    let rows: LibraryRow[];
    if (match && sort === 'relevance') {
      // FTS5 ranks every match itself when asked for `ORDER BY rank` (with the column weights given as a
      // `rank MATCH`), then hands rows over best first: the join to `drafts`, the filters and the snippets
      // run only until the limit is filled, not once per match as `ORDER BY bm25(…)` would (a sort
      // SQLite does after joining and snippeting every match: 3× slower at p95 on common words).
      // CROSS JOIN keeps the FTS table the outer loop, so that order is the one consumed.
      rows = sqlite
        .prepare(
          `SELECT ${columns}, snippet(draft_search, 1, ?, ?, '…', 16) AS snippet
             FROM draft_search s CROSS JOIN drafts d ON d.id = s.draft_id
            WHERE draft_search MATCH ? AND s.rank MATCH '${RANK}' AND ${where.join(' AND ')}
            ORDER BY s.rank LIMIT ${LIBRARY_LIMIT}`,
        )
        .all(SNIPPET_MATCH_START, SNIPPET_MATCH_END, match, ...params) as LibraryRow[];
    } else {
      const order = {
        relevance: 'd.updated_at DESC',
        updated: 'd.updated_at DESC',
        created: 'd.created_at DESC',
        title: "d.title = '', d.title COLLATE NOCASE",
      }[sort];
      rows = (
        match
          ? // Sorted by a column, every match must be seen; so the 200 are chosen first without a snippet
            // (snippets of all 10,000 hits of a common word cost a second), and only they are snippeted.
            // `+s.rowid` keeps the rowid list from being pushed into FTS5, which would rerun the MATCH
            // once per row; instead it walks the doclist once and SQLite checks membership.
            sqlite
              .prepare(
                `SELECT ${columns}, snippet(draft_search, 1, ?, ?, '…', 16) AS snippet
                   FROM draft_search s CROSS JOIN drafts d ON d.id = s.draft_id
                  WHERE draft_search MATCH ? AND +s.rowid IN (
                    SELECT s.rowid FROM draft_search s CROSS JOIN drafts d ON d.id = s.draft_id
                     WHERE draft_search MATCH ? AND ${where.join(' AND ')}
                     ORDER BY ${order} LIMIT ${LIBRARY_LIMIT})
                  ORDER BY ${order}`,
              )
              .all(SNIPPET_MATCH_START, SNIPPET_MATCH_END, match, match, ...params)
          : sqlite
              .prepare(
                `SELECT ${columns}, NULL AS snippet FROM drafts d WHERE ${where.join(' AND ')} ORDER BY ${order}`,
              )
              .all(...params)
      ) as LibraryRow[];
    }
    return rows.map((found) => ({
      ...withoutBody({
        ...found,
        tags: JSON.parse(found.tags) as string[],
        createdAt: new Date(found.createdAt),
        updatedAt: new Date(found.updatedAt),
        deletedAt: found.deletedAt === null ? null : new Date(found.deletedAt),
      }),
      words: found.words,
      snippet: found.snippet,
    }));
  }

  function versions(draftId: string) {
    row(draftId);
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

  function version(versionId: string) {
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
    const target = version(versionId);
    db.transaction((tx) => {
      const current = row(draftId);
      const owner = tx
        .select({ draftId: draftVersions.draftId })
        .from(draftVersions)
        .where(eq(draftVersions.id, versionId))
        .get();
      if (owner?.draftId !== draftId)
        throw new AppError('NOT_FOUND', 'That version belongs to another draft.');
      keepVersion(draftId, 'before-restore');
      tx.update(drafts)
        .set({
          title: target.title,
          body: target.body,
          words: countWords(target.body),
          revision: current.revision + 1,
          updatedAt: deps.now(),
        })
        .where(eq(drafts.id, draftId))
        .run();
      index(draftId, target.title, target.body);
    });
    return toDraft(row(draftId));
  }

  function trash(draftId: string, inTrash: boolean): Draft {
    row(draftId);
    db.update(drafts)
      .set({ deletedAt: inTrash ? deps.now() : null })
      .where(eq(drafts.id, draftId))
      .run();
    return toDraft(row(draftId));
  }

  function emptyTrash(): { deleted: number } {
    let deleted = 0;
    db.transaction((tx) => {
      const doomed = tx.select({ id: drafts.id }).from(drafts).where(isNotNull(drafts.deletedAt)).all();
      for (const { id } of doomed) sqlite.prepare('DELETE FROM draft_search WHERE draft_id = ?').run(id);
      deleted = tx.delete(drafts).where(isNotNull(drafts.deletedAt)).run().changes;
    });
    return { deleted };
  }

  /** Records that the writer has read a guideline finding (or takes that back). */
  function acknowledge(draftId: string, key: string, acknowledged: boolean): Draft {
    row(draftId);
    deps.guidelines.acknowledge(draftId, key, acknowledged);
    return toDraft(row(draftId));
  }

  function toDraft(found: DraftRow): Draft {
    return { ...withoutBody(found), body: found.body, acknowledged: deps.guidelines.acknowledged(found.id) };
  }

  return {
    create,
    get: (id: string) => toDraft(row(id)),
    acknowledge,
    duplicate,
    templates,
    tags,
    save,
    keepVersion,
    update,
    list,
    versions,
    version,
    restore,
    trash,
    emptyTrash,
  };
}

export type Drafts = ReturnType<typeof createDrafts>;

/** A draft's fields as the API shows them, from a full row or from the library's body-less one. */
function withoutBody(
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
