import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Channel } from '../../src-shared/packs/items';
import type { Draft, DraftStatus, SavedDraft, UpdatedDraft } from '../../src-shared/writing/drafts';
import { countWords } from '../../src-shared/writing/text-metrics';
import type { DatabaseHandle } from '../db/open';
import { drafts } from '../db/schema';
import { findItemInContext } from '../training/item-query';
import type { Progress } from '../training/progress';
import { findDraftRow, toDraft, type DraftRow } from './draft-rows';
import type { Guidelines } from './guidelines';
import { createReadiness } from './readiness';
import { addToSearchIndex, updateSearchIndex } from './search-index';
import { findDraftTemplate } from './templates';
import { keepVersionAfterPause } from './versions';

export interface DraftsDeps {
  database: DatabaseHandle;
  now: () => Date;
  progress: Progress;
  guidelines: Guidelines;
}

interface NewDraft {
  title: string;
  body: string;
  channel: Channel;
  exercise: { packId: string; itemId: string } | null;
  tags: string[];
  audience: string;
}

/** Drafts themselves: starting one, autosaving its text, its details and status, copying it. */
export function createDrafts(deps: DraftsDeps) {
  const { db, sqlite } = deps.database;
  const row = (id: string) => findDraftRow(db, id);
  const present = (found: DraftRow) => toDraft(found, deps.guidelines);
  const readiness = createReadiness({ db, guidelines: deps.guidelines });

  function create(input: {
    title: string;
    channel?: Channel | undefined;
    fromExercise?: { packId: string; itemId: string } | undefined;
    fromTemplate?: { packId: string; itemId: string } | undefined;
  }): Draft {
    let title = input.title;
    let body = '';
    let channel = input.channel ?? 'blog';
    const exercise = input.fromExercise;
    if (input.fromTemplate) {
      // The person's channel wins: "Industry blog post" from an X thread's template is a blog post.
      const template = findDraftTemplate(sqlite, input.fromTemplate);
      body = template.template;
      channel = input.channel ?? template.channel;
    }
    if (exercise) {
      const { item } = findItemInContext(db, exercise.packId, exercise.itemId);
      if (item.kind !== 'exercise') throw new AppError('CONFLICT', `“${item.title}” is not an exercise.`);
      // One draft per exercise: starting it again opens the draft already begun.
      const existing = exerciseDraft(exercise);
      if (existing) return present(existing);
      title = title || item.title;
      body = typeof item.details['template'] === 'string' ? item.details['template'] : '';
      channel = (item.details['channel'] as Channel | undefined) ?? channel;
      deps.progress.openItem(exercise.packId, exercise.itemId);
    }
    return insertDraft({ title, body, channel, exercise: exercise ?? null, tags: [], audience: '' });
  }

  function exerciseDraft(exercise: { packId: string; itemId: string }): DraftRow | undefined {
    return db
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
  }

  function insertDraft(fields: NewDraft): Draft {
    const { title, body, channel, exercise } = fields;
    const at = deps.now();
    const id = randomUUID();
    const created = db.transaction((tx): DraftRow => {
      const row: DraftRow = {
        id,
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
        searchRowid: addToSearchIndex(sqlite, id, title, body),
      };
      tx.insert(drafts).values(row).run();
      return row;
    });
    return present(created);
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

  /**
   * Autosave: every change lands here within a second of the last keystroke. A ready draft whose new text
   * no longer qualifies (a "must" finding to check, an exercise rule broken) goes back to drafting, and the
   * answer says why.
   */
  function save(input: { draftId: string; title: string; body: string; baseRevision: number }) {
    const at = deps.now();
    let result: SavedDraft = {
      revision: 0,
      savedAt: at.toISOString(),
      versionKept: false,
      status: 'drafting',
      statusNote: null,
    };
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
      const versionKept = keepVersionAfterPause(db, current, at);
      const revision = current.revision + 1;
      const statusNote =
        current.status === 'ready'
          ? readiness.whyNoLongerReady({ ...current, title: input.title, body: input.body })
          : null;
      const status = statusNote === null ? current.status : 'drafting';
      tx.update(drafts)
        .set({
          title: input.title,
          body: input.body,
          words: countWords(input.body),
          status,
          revision,
          updatedAt: at,
        })
        .where(eq(drafts.id, current.id))
        .run();
      updateSearchIndex(sqlite, current.searchRowid, input.title, input.body);
      result = { revision, savedAt: at.toISOString(), versionKept, status, statusNote };
    });
    return result;
  }

  function update(input: {
    draftId: string;
    channel?: Channel | undefined;
    status?: DraftStatus | undefined;
    tags?: string[] | undefined;
    audience?: string | undefined;
    publishedUrl?: string | null | undefined;
  }): UpdatedDraft {
    const at = deps.now();
    let completedCourse: UpdatedDraft['completedCourse'] = null;
    db.transaction((tx) => {
      const current = row(input.draftId);
      if (current.deletedAt)
        throw new AppError('CONFLICT', 'This draft is in the trash; restore it to change it.');
      const channel = input.channel ?? current.channel;
      let status = input.status ?? current.status;
      const changed = { ...current, channel };
      if (status === current.status) {
        // A ready draft moved to a channel whose rules it breaks (a length limit, say) is no longer ready.
        if (status === 'ready' && readiness.whyNoLongerReady(changed) !== null) status = 'drafting';
      } else if (status === 'ready' || status === 'published') {
        // Ready means checked: every guideline finding read, and the exercise it answers done as asked.
        deps.guidelines.requireAcknowledged(changed);
        readiness.requireExerciseMet(changed);
      }
      const ready = status === 'ready' || status === 'published';
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
      // Marking an exercise's draft ready completes the exercise, in this same transaction; a draft that was
      // ready before its exercise had rules completes it only once it meets them.
      if (
        ready &&
        current.exercisePackId &&
        current.exerciseItemId &&
        readiness.unmet(changed).length === 0
      ) {
        completedCourse = deps.progress.completeExercise(current.exercisePackId, current.exerciseItemId);
      }
    });
    return { ...present(row(input.draftId)), completedCourse };
  }

  /** Records that the writer has read a guideline finding (or takes that back). */
  function acknowledge(draftId: string, key: string, acknowledged: boolean): Draft {
    row(draftId);
    deps.guidelines.acknowledge(draftId, key, acknowledged);
    return present(row(draftId));
  }

  return {
    create,
    get: (id: string) => present(row(id)),
    duplicate,
    save,
    update,
    acknowledge,
    requirements: (id: string) => readiness.exerciseOf(row(id)),
  };
}
