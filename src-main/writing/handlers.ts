import type { DomainHandlers } from '../api/dispatch';
import { createDrafts, type DraftsDeps } from './drafts';
import { listLibrary } from './library-search';
import { tagsInUse } from './tags';
import { draftTemplates } from './templates';
import { createDraftTrash } from './trash';
import { createDraftVersions } from './versions';

export function writingHandlers(
  deps: DraftsDeps,
): DomainHandlers<
  | 'listDrafts'
  | 'createDraft'
  | 'getDraft'
  | 'saveDraft'
  | 'updateDraft'
  | 'keepDraftVersion'
  | 'listDraftVersions'
  | 'getDraftVersion'
  | 'restoreDraftVersion'
  | 'trashDraft'
  | 'untrashDraft'
  | 'emptyDraftTrash'
  | 'countDraftTrash'
  | 'listGuidelineSets'
  | 'acknowledgeFinding'
  | 'getDraftRequirements'
  | 'duplicateDraft'
  | 'listDraftTemplates'
  | 'listDraftTags'
> {
  const { sqlite } = deps.database;
  const drafts = createDrafts(deps);
  const versions = createDraftVersions(deps);
  const trash = createDraftTrash(deps);
  return {
    listDrafts: (input) => listLibrary(sqlite, input),
    createDraft: (input) => drafts.create(input),
    getDraft: ({ draftId }) => drafts.get(draftId),
    saveDraft: (input) => drafts.save(input),
    updateDraft: (input) => drafts.update(input),
    keepDraftVersion: ({ draftId }) => {
      versions.keep(draftId);
      return versions.list(draftId);
    },
    listDraftVersions: ({ draftId }) => versions.list(draftId),
    getDraftVersion: ({ versionId }) => versions.get(versionId),
    restoreDraftVersion: ({ draftId, versionId }) => versions.restore(draftId, versionId),
    trashDraft: ({ draftId }) => trash.setInTrash(draftId, true),
    untrashDraft: ({ draftId }) => trash.setInTrash(draftId, false),
    emptyDraftTrash: () => trash.empty(),
    countDraftTrash: () => trash.count(),
    listGuidelineSets: () => deps.guidelines.installed(),
    duplicateDraft: ({ draftId }) => drafts.duplicate(draftId),
    listDraftTemplates: () => draftTemplates(sqlite),
    listDraftTags: () => tagsInUse(sqlite),
    acknowledgeFinding: ({ draftId, key, acknowledged }) => drafts.acknowledge(draftId, key, acknowledged),
    getDraftRequirements: ({ draftId }) => drafts.requirements(draftId),
  };
}
