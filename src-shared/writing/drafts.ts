import { z } from 'zod';
import { CompletionRules } from '../packs/completion';
import { Channel } from '../packs/items';
import { Slug } from '../packs/manifest';
import { GuidelineSet } from './guideline-rules';

export const draftStatuses = ['idea', 'drafting', 'ready', 'published', 'archived'] as const;
export const DraftStatus = z.enum(draftStatuses);
export type DraftStatus = z.infer<typeof DraftStatus>;

export const DraftId = z.strictObject({ draftId: z.uuid() });

export const Draft = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  channel: Channel,
  status: DraftStatus,
  tags: z.array(z.string()),
  audience: z.string(),
  publishedUrl: z.string().nullable(),
  exercise: z.object({ packId: z.string(), itemId: z.string() }).nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  inTrash: z.boolean(),
  /** The guideline findings the writer has acknowledged, by `acknowledgementKey`. */
  acknowledged: z.array(z.string()),
});
export type Draft = z.infer<typeof Draft>;

export const DraftSummary = Draft.omit({ body: true, acknowledged: true }).extend({
  words: z.number().int(),
  /** With a search: a passage with each match between \u0002 and \u0003. */
  snippet: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const draftSorts = ['relevance', 'updated', 'created', 'title'] as const;
export const DraftSort = z.enum(draftSorts);
export type DraftSort = z.infer<typeof DraftSort>;

export const ListDraftsInput = z.strictObject({
  query: z.string().max(200).optional(),
  status: DraftStatus.optional(),
  channel: Channel.optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  /** Relevance applies to searches (and is their default); without a search the newest change comes first. */
  sort: DraftSort.optional(),
  trash: z.boolean().default(false),
});

/** A tag and how many drafts (outside the trash) carry it. */
export const DraftTag = z.object({ tag: z.string(), drafts: z.number().int() });

/** A template to start a draft from: the practical exercises of installed course packs. */
export const DraftTemplate = z.object({
  packId: z.string(),
  packTitle: z.string(),
  itemId: z.string(),
  title: z.string(),
  channel: Channel,
  template: z.string(),
});
export type DraftTemplate = z.infer<typeof DraftTemplate>;

export const CreateDraftInput = z.strictObject({
  title: z.string().max(300).default(''),
  /**
   * The channel to write for; it wins over a template's (whose text is only a start). Left out, a draft
   * from a template takes the template's channel, and a blank draft is a blog post.
   */
  channel: Channel.optional(),
  /** Start from a training exercise: its template and channel, and ready completes it. */
  fromExercise: z.strictObject({ packId: Slug, itemId: Slug }).optional(),
  /** Start from an exercise's template only, without answering the exercise. */
  fromTemplate: z.strictObject({ packId: Slug, itemId: Slug }).optional(),
});

export const SaveDraftInput = z.strictObject({
  draftId: z.uuid(),
  title: z.string().max(300),
  body: z.string().max(2_000_000, 'a draft is limited to 2 million characters'),
  /** The revision the editor started from; a newer one on disk means another window saved meanwhile. */
  baseRevision: z.number().int().nonnegative(),
});

export const SavedDraft = z.object({
  revision: z.number().int(),
  savedAt: z.string(),
  versionKept: z.boolean(),
  /** The draft's status after the save: a ready draft whose text no longer qualifies goes back to drafting. */
  status: DraftStatus,
  /** Why this save changed the status, for the writer; null when it did not. */
  statusNote: z.string().nullable(),
});
export type SavedDraft = z.infer<typeof SavedDraft>;

/**
 * The exercise a draft answers, with the template it started from and the rules that decide when it may be
 * marked ready; null for a draft that answers none. The studio checks the rules as the writer types.
 */
export const DraftRequirements = z
  .object({
    exercise: z.object({ packId: z.string(), itemId: z.string(), title: z.string() }),
    template: z.string(),
    rules: CompletionRules,
    /** The exercise's model answer, which the draft may not copy; null when it has none. */
    modelAnswer: z.string().nullable(),
  })
  .nullable();
export type DraftRequirements = z.infer<typeof DraftRequirements>;

export const UpdateDraftInput = z.strictObject({
  draftId: z.uuid(),
  channel: Channel.optional(),
  status: DraftStatus.optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  audience: z.string().max(300).optional(),
  publishedUrl: z
    .url({ protocol: /^https$/, error: 'a published piece needs its https:// address' })
    .nullable()
    .optional(),
});

/** A draft after a change of its details; marking an exercise's draft ready may complete its course. */
export const UpdatedDraft = Draft.extend({
  /** The course this change completed (the exercise was its last item), for the completion moment. */
  completedCourse: z.object({ packId: z.string(), courseId: z.string() }).nullable(),
});
export type UpdatedDraft = z.infer<typeof UpdatedDraft>;

export const AcknowledgeInput = z.strictObject({
  draftId: z.uuid(),
  /** An `acknowledgementKey` of a finding. */
  key: z.string().min(1).max(2000),
  acknowledged: z.boolean(),
});

/** A guideline set as installed with its course pack. */
export const InstalledGuidelines = z.object({
  packId: z.string(),
  packTitle: z.string(),
  set: GuidelineSet,
});
export type InstalledGuidelines = z.infer<typeof InstalledGuidelines>;

export const DraftVersionSummary = z.object({
  id: z.string(),
  reason: z.enum(['pause', 'manual', 'before-restore']),
  createdAt: z.string(),
  words: z.number().int(),
});
export const DraftVersion = DraftVersionSummary.extend({ title: z.string(), body: z.string() });
export const VersionRef = z.strictObject({ versionId: z.uuid() });
export const RestoreVersionInput = z.strictObject({ draftId: z.uuid(), versionId: z.uuid() });
