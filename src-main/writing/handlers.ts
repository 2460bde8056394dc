import type { DomainHandlers } from '../api/dispatch';
import type { Drafts } from './drafts';
import type { Guidelines } from './guidelines';

export function writingHandlers(
  drafts: Drafts,
  guidelines: Guidelines,
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
  | 'listGuidelineSets'
  | 'acknowledgeFinding'
  | 'duplicateDraft'
  | 'listDraftTemplates'
  | 'listDraftTags'
> {
  return {
    listDrafts: (input) => drafts.list(input),
    createDraft: (input) => drafts.create(input),
    getDraft: ({ draftId }) => drafts.get(draftId),
    saveDraft: (input) => drafts.save(input),
    updateDraft: (input) => drafts.update(input),
    keepDraftVersion: ({ draftId }) => {
      drafts.keepVersion(draftId);
      return drafts.versions(draftId);
    },
    listDraftVersions: ({ draftId }) => drafts.versions(draftId),
    getDraftVersion: ({ versionId }) => drafts.version(versionId),
    restoreDraftVersion: ({ draftId, versionId }) => drafts.restore(draftId, versionId),
    trashDraft: ({ draftId }) => drafts.trash(draftId, true),
    untrashDraft: ({ draftId }) => drafts.trash(draftId, false),
    emptyDraftTrash: () => drafts.emptyTrash(),
    listGuidelineSets: () => guidelines.installed(),
    duplicateDraft: ({ draftId }) => drafts.duplicate(draftId),
    listDraftTemplates: () => drafts.templates(),
    listDraftTags: () => drafts.tags(),
    acknowledgeFinding: ({ draftId, key, acknowledged }) => drafts.acknowledge(draftId, key, acknowledged),
  };
}
