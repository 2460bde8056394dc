import type { ApiError } from '../../../../src-shared/api/errors';
import type { SearchHit } from '../../../../src-shared/training/schemas';
import { api, toApiError } from '../../lib/api';

const DEBOUNCE_MS = 150;

/** Search as you type: waits for a pause, and ignores answers to queries the person has moved past. */
export class ItemSearch {
  query = $state('');
  hits = $state<SearchHit[] | null>(null);
  error = $state<ApiError | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  update(query: string): void {
    this.query = query;
    clearTimeout(this.timer);
    if (query.trim() === '') {
      this.hits = null;
      return;
    }
    this.timer = setTimeout(() => void this.run(query), DEBOUNCE_MS);
  }

  private async run(query: string): Promise<void> {
    const ticket = ++this.latest;
    try {
      const hits = await api.searchItems({ query });
      if (ticket !== this.latest) return;
      this.hits = hits;
      this.error = null;
    } catch (error) {
      if (ticket === this.latest) this.error = toApiError(error);
    }
  }
}
