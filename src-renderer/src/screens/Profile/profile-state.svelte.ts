import type { ApiError } from '../../../../src-shared/api/errors';
import type { Growth } from '../../../../src-shared/profile/growth';
import type { PortfolioItem, Profile, Visibility } from '../../../../src-shared/profile/schemas';
import { api, toApiError } from '../../lib/api';
import type { SaveState } from '../../lib/save-state';
import {
  draftFromProfile,
  heldBackFields,
  inputFromDraft,
  planSave,
  problemsByField,
  type ProfileDraft,
  type SavePlan,
} from './profile-form';

/** Saves this long after the last change: a pause in typing, as drafts do. */
const SAVE_AFTER_MS = 500;

/** The Profile screen's data: the saved profile, the form being edited, the portfolio and growth. */
export class ProfileState {
  profile = $state<Profile | null>(null);
  draft = $state<ProfileDraft | null>(null);
  portfolio = $state<PortfolioItem[]>([]);
  growth = $state<Growth | null>(null);
  loadError = $state<ApiError | null>(null);
  saveError = $state<ApiError | null>(null);
  saveState = $state<SaveState>('saved');
  /** When the last save succeeded, for the status line. */
  savedAt = $state<string | null>(null);
  /** Fields the last save held back, each with the problem to fix; the other fields were saved. */
  heldBack = $state<Record<string, string>>({});
  problems = $derived({ ...problemsByField(this.saveError), ...this.heldBack });
  heldBackWords = $derived(heldBackFields(this.heldBack));
  /** The form as the service would receive it; a change here is a change to save. */
  formInput = $derived(this.draft ? JSON.stringify(inputFromDraft(this.draft)) : '');
  /** The form as it was when last saved (or loaded), so an unchanged form is not saved again. */
  private savedForm = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;

  async load(): Promise<void> {
    try {
      const [profile, portfolio, growth] = await Promise.all([
        api.getProfile({}),
        api.listPortfolio({}),
        api.getGrowth({}),
      ]);
      this.profile = profile;
      this.draft = draftFromProfile(profile);
      this.savedForm = JSON.stringify(inputFromDraft(this.draft));
      this.portfolio = portfolio;
      this.growth = growth;
      this.loadError = null;
    } catch (error) {
      this.loadError = toApiError(error);
    }
  }

  async refreshPortfolio(): Promise<void> {
    [this.portfolio, this.growth] = await Promise.all([api.listPortfolio({}), api.getGrowth({})]);
  }

  /** The form changed: save after a pause, as drafts do. */
  changed(): void {
    if (!this.draft || this.formInput === this.savedForm) return;
    this.saveState = 'unsaved';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
  }

  /** Saves now if anything changed; waits for a save already under way first. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (!this.draft || !this.profile || this.formInput === this.savedForm) return;
    const form = this.formInput;
    const plan = planSave(this.draft, this.profile);
    this.saveState = 'saving';
    this.inFlight = (async () => {
      try {
        const saved = await api.saveProfile(plan.input);
        const untouched = this.formInput === form;
        this.profile = saved;
        this.adoptSaved(plan, saved);
        this.savedForm = untouched ? this.formInput : form;
        this.heldBack = plan.problems;
        this.saveError = null;
        this.savedAt = saved.updatedAt;
        this.saveState = untouched ? 'saved' : 'unsaved';
        if (!untouched) this.timer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
        this.growth = await api.getGrowth({});
      } catch (error) {
        this.saveError = toApiError(error);
        this.saveState = 'failed';
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
  }

  /**
   * Takes from the saved profile what the service decided: the ids of new areas, and links completed with
   * https://, where the person has not typed on since.
   */
  private adoptSaved(plan: SavePlan, saved: Profile): void {
    const draft = this.draft;
    if (!draft) return;
    plan.sentAreaKeys.forEach((key, index) => {
      const area = draft.expertise.find((found) => found.key === key);
      const id = saved.expertise[index]?.id;
      if (area && !area.id && id) area.id = id;
    });
    for (const [kind, sent] of Object.entries(plan.input.links) as [keyof ProfileDraft['links'], unknown][]) {
      const completed = saved.links[kind];
      if (completed && draft.links[kind] === sent && completed !== sent) draft.links[kind] = completed;
    }
  }

  /** A photo already resized by the page; null removes it. */
  async setPhoto(dataUrl: string | null): Promise<void> {
    this.profile = await api.setProfilePhoto({ dataUrl });
  }

  async setItemVisibility(item: PortfolioItem, visibility: Visibility): Promise<void> {
    const updated = await api.setPortfolioVisibility({
      source: item.source,
      sourceId: item.sourceId,
      visibility,
    });
    this.portfolio = this.portfolio.map((entry) =>
      entry.source === item.source && entry.sourceId === item.sourceId ? updated : entry,
    );
  }

  async deleteItem(item: PortfolioItem): Promise<void> {
    await api.deletePortfolioItem({ itemId: item.sourceId });
    await this.refreshPortfolio();
  }
}
