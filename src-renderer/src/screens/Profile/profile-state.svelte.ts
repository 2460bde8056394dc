import type { ApiError } from '../../../../src-shared/api/errors';
import type { Growth } from '../../../../src-shared/profile/growth';
import type { PortfolioItem, Profile, Visibility } from '../../../../src-shared/profile/schemas';
import { api, toApiError } from '../../lib/api';
import { draftFromProfile, inputFromDraft, problemsByField, type ProfileDraft } from './profile-form';

/** The Profile screen's data: the saved profile, the form being edited, the portfolio and growth. */
export class ProfileState {
  profile = $state<Profile | null>(null);
  draft = $state<ProfileDraft | null>(null);
  portfolio = $state<PortfolioItem[]>([]);
  growth = $state<Growth | null>(null);
  loadError = $state<ApiError | null>(null);
  saveError = $state<ApiError | null>(null);
  saving = $state(false);
  /** When the last save succeeded, for the status line. */
  savedAt = $state<string | null>(null);
  problems = $derived(problemsByField(this.saveError));
  /** Whether the form differs from what is saved (visibility choices included). */
  unsaved = $derived(
    this.draft !== null &&
      this.profile !== null &&
      JSON.stringify(inputFromDraft(this.draft)) !==
        JSON.stringify(inputFromDraft(draftFromProfile(this.profile))),
  );

  async load(): Promise<void> {
    try {
      const [profile, portfolio, growth] = await Promise.all([
        api.getProfile({}),
        api.listPortfolio({}),
        api.getGrowth({}),
      ]);
      this.profile = profile;
      this.draft = draftFromProfile(profile);
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

  async save(): Promise<boolean> {
    if (!this.draft) return false;
    this.saving = true;
    try {
      this.profile = await api.saveProfile(inputFromDraft(this.draft));
      this.draft = draftFromProfile(this.profile);
      this.saveError = null;
      this.savedAt = this.profile.updatedAt;
      this.growth = await api.getGrowth({});
      return true;
    } catch (error) {
      this.saveError = toApiError(error);
      return false;
    } finally {
      this.saving = false;
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
