import { hashForScreen, routeFromHash, type Route, type ScreenId } from './screens';

/** The current screen lives in the address (`#/write`), so a reload comes back to the same place. */
export class Router {
  route = $state<Route>(routeFromHash(window.location.hash));
  screen = $derived(this.route.screen);

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = routeFromHash(window.location.hash);
    });
  }

  /** Reads the address again, after it was replaced without a hashchange (history.replaceState). */
  refresh(): void {
    this.route = routeFromHash(window.location.hash);
  }

  go(id: ScreenId): void {
    window.location.hash = hashForScreen(id);
  }
}

export const router = new Router();
