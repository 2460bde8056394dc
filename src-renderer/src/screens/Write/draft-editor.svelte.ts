import type { ApiError } from '../../../../src-shared/api/errors';
import type { Draft } from '../../../../src-shared/writing/drafts';
import { countCharacters, countWords } from '../../../../src-shared/writing/text-metrics';
import { api, toApiError } from '../../lib/api';
import type { SaveState } from '../../lib/save-state';
import { dropUnsavedCopy, keepUnsavedCopy, unsavedCopyFor } from './unsaved-copy';

/** Saves this long after the last keystroke: well inside the promise of "within a second". */
const SAVE_AFTER_MS = 400;
const PREVIEW_AFTER_MS = 150;

/** The open draft: its text, and autosave that never loses a keystroke it was given. */
export class DraftEditor {
  draft = $state<Draft | null>(null);
  title = $state('');
  body = $state('');
  saveState = $state<SaveState>('saved');
  savedAt = $state<string | null>(null);
  error = $state<ApiError | null>(null);
  /** Why a save took the draft out of "ready" (a rule broken, a finding added); cleared by the next status change. */
  statusNote = $state<string | null>(null);
  /** The text the preview shows: follows the editor after a short pause, so previews never slow typing. */
  previewBody = $state('');
  /** Counted on the same pause as the preview and the guideline check, so all three agree and typing stays light. */
  words = $derived(countWords(this.previewBody));
  characters = $derived(countCharacters(this.previewBody));
  private revision = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  /** True when the text shown was typed while Advocate Studio was away, and is being saved now. */
  recovered = $state(false);

  constructor(private readonly storage: Storage = window.localStorage) {}

  async load(draftId: string): Promise<void> {
    try {
      const draft = await api.getDraft({ draftId });
      this.adopt(draft);
      this.error = null;
      const copy = draft.inTrash ? null : unsavedCopyFor(this.storage, draft);
      if (copy) {
        this.recovered = true;
        this.edit({ title: copy.title, body: copy.body });
        await this.flush();
      }
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  adopt(draft: Draft): void {
    this.draft = draft;
    this.title = draft.title;
    this.body = draft.body;
    this.previewBody = draft.body;
    this.revision = draft.revision;
    this.saveState = 'saved';
  }

  edit(change: { title?: string; body?: string }): void {
    if (change.title !== undefined) this.title = change.title;
    if (change.body !== undefined) this.body = change.body;
    this.saveState = 'unsaved';
    if (this.draft) {
      keepUnsavedCopy(this.storage, this.draft.id, {
        title: this.title,
        body: this.body,
        baseRevision: this.revision,
      });
    }
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => (this.previewBody = this.body), PREVIEW_AFTER_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
  }

  /** Saves now if anything is unsaved; waits for a save already under way first. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (!this.draft || this.saveState === 'saved') return;
    const draftId = this.draft.id;
    const { title, body } = this;
    this.saveState = 'saving';
    this.inFlight = (async () => {
      try {
        const saved = await api.saveDraft({ draftId, title, body, baseRevision: this.revision });
        this.revision = saved.revision;
        this.savedAt = saved.savedAt;
        if (this.draft && saved.status !== this.draft.status) {
          this.draft = { ...this.draft, status: saved.status };
          this.statusNote = saved.statusNote;
        }
        this.error = null;
        // Typing that arrived during the save is saved by the next flush.
        this.saveState = title === this.title && body === this.body ? 'saved' : 'unsaved';
        if (this.saveState === 'saved') dropUnsavedCopy(this.storage, draftId);
        else
          keepUnsavedCopy(this.storage, draftId, {
            title: this.title,
            body: this.body,
            baseRevision: this.revision,
          });
        if (this.saveState === 'unsaved') this.timer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
      } catch (error) {
        this.error = toApiError(error);
        this.saveState = 'failed';
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
  }
}
