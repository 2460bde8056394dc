import type { ApiError } from '../../../../src-shared/api/errors';
import type { Draft } from '../../../../src-shared/writing/drafts';
import { api, toApiError, type Api } from '../../lib/api';

/** A draft just moved to the trash, which the library offers to put back. */
export interface TrashedDraft {
  draftId: string;
  title: string;
}

/**
 * Moving a draft to the trash and taking it back out. It outlives the editor, so the library the writer
 * lands on can offer Undo for the draft they just trashed.
 */
export class DraftTrashState {
  /** The draft last moved to the trash from its editor, until it is undone or dismissed. */
  justTrashed = $state<TrashedDraft | null>(null);
  error = $state<ApiError | null>(null);

  constructor(private readonly client: Api = api) {}

  /** Moves a draft to the trash; true when it went. */
  async trash(draftId: string): Promise<boolean> {
    try {
      const trashed = await this.client.trashDraft({ draftId });
      this.justTrashed = { draftId, title: trashed.title };
      this.error = null;
      return true;
    } catch (error) {
      this.error = toApiError(error);
      return false;
    }
  }

  /** Takes a draft out of the trash: the draft as it now is, or null (and `error`) if it could not. */
  async restore(draftId: string): Promise<Draft | null> {
    try {
      const restored = await this.client.untrashDraft({ draftId });
      if (this.justTrashed?.draftId === draftId) this.justTrashed = null;
      this.error = null;
      return restored;
    } catch (error) {
      this.error = toApiError(error);
      return null;
    }
  }

  dismiss(): void {
    this.justTrashed = null;
    this.error = null;
  }
}

export const draftTrash = new DraftTrashState();
