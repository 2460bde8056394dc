import type { ApiError } from '../../../src-shared/api/errors';
import { toApiError } from './api';

/** A value fetched through the API, with its loading and error states, for a screen to render. */
export class Loadable<T> {
  value = $state<T | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(false);

  async load(fetch: () => Promise<T>): Promise<void> {
    this.loading = true;
    try {
      this.value = await fetch();
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.loading = false;
    }
  }
}
