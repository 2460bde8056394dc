import { hashForScreen, screenFromHash, type ScreenId } from './screens';

/** The current screen lives in the address (`#/write`), so a reload comes back to the same place. */
export class Router {
  screen = $state<ScreenId>(screenFromHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.screen = screenFromHash(window.location.hash);
    });
  }

  go(id: ScreenId): void {
    window.location.hash = hashForScreen(id);
  }
}

export const router = new Router();
