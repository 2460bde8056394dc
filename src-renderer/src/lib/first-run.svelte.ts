import type { ApiError } from '../../../src-shared/api/errors';
import type { Learner, LearnerPatch } from '../../../src-shared/api/schemas';
import { api, guard, type Api } from './api';

/**
 * Whether this is the person's first run: until they answer or skip the welcome, it is what the app shows.
 * A learner that can't be read (no access key, say) shows the app as it is, never a welcome that can't save.
 */
export class FirstRun {
  learner = $state<Learner | null>(null);
  checked = $state(false);
  error = $state<ApiError | null>(null);
  busy = $state(false);
  showWelcome = $derived(this.learner !== null && !this.learner.welcomed);

  constructor(private readonly client: Api = api) {}

  async load(): Promise<void> {
    try {
      this.learner = await this.client.getLearner({});
    } catch {
      this.learner = null;
    } finally {
      this.checked = true;
    }
  }

  /** Gives the name (and optionally work email and role): the welcome is done. */
  async answer(patch: LearnerPatch): Promise<void> {
    await guard(this, async () => {
      this.learner = await this.client.updateLearner(patch);
    });
  }

  /** Passes the welcome without a name; the first certificate will ask for it. */
  async skip(): Promise<void> {
    await guard(this, async () => {
      this.learner = await this.client.skipWelcome({});
    });
  }
}

export const firstRun = new FirstRun();
