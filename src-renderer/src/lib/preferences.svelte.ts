import type { Preferences, ThemeChoice } from '../../../src-shared/api/schemas';
import type { ApiError } from '../../../src-shared/api/errors';
import { api, toApiError, type Api } from './api';

/** Puts the chosen theme on <html>; "system" leaves it to the OS light/dark setting. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = choice;
}

export class PreferencesState {
  value = $state<Preferences | null>(null);
  error = $state<ApiError | null>(null);
  /**
   * Set when the app was opened fresh (no screen in its address): once loaded, it reopens on the screen
   * the person was last on, if they have not moved on in the meantime.
   */
  reopen: ((lastScreen: string) => void) | null = null;

  constructor(private readonly client: Api = api) {}

  async load(): Promise<void> {
    try {
      this.value = await this.client.getPreferences({});
      this.error = null;
      applyTheme(this.value.theme);
      const reopen = this.reopen;
      this.reopen = null;
      reopen?.(this.value.lastScreen);
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  /** Keeps the screen now open for the next launch; a failure here is not worth interrupting anyone. */
  rememberScreen(screen: string): void {
    if (!this.value || this.reopen || this.value.lastScreen === screen) return;
    this.value = { ...this.value, lastScreen: screen };
    this.client.updatePreferences({ lastScreen: screen }).catch(() => undefined);
  }

  async setTheme(theme: ThemeChoice): Promise<void> {
    applyTheme(theme);
    try {
      this.value = await this.client.updatePreferences({ theme });
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    }
  }
}

export const preferences = new PreferencesState();
