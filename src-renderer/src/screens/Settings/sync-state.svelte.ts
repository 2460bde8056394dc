import type { ApiError } from '../../../../src-shared/api/errors';
import type { ConnectInput, SyncStatus } from '../../../../src-shared/sync/schemas';
import { api, toApiError } from '../../lib/api';

/** How often the section refreshes: often while a run shows progress, rarely otherwise. */
const BUSY_POLL_MS = 400;
const IDLE_POLL_MS = 5_000;

/** The Sync section's state: the main process decides everything; this only asks and shows. */
export class SyncState {
  status = $state<SyncStatus | null>(null);
  error = $state<ApiError | null>(null);
  /** Which action is waiting for the main process, to disable its button. */
  busy = $state<'connect' | 'disconnect' | 'sync' | 'decide' | 'retry' | null>(null);
  /** When the status was last read (ms), for "next attempt in …". */
  now = $state(Date.now());
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;
  #onOnline = () => void this.syncNow();

  start(): void {
    this.#stopped = false;
    window.addEventListener('online', this.#onOnline);
    void this.refresh();
  }

  stop(): void {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    if (this.#timer) clearTimeout(this.#timer);
  }

  async refresh(): Promise<void> {
    try {
      this.status = await api.getSyncStatus({});
      this.now = Date.now();
    } catch (error) {
      this.error = toApiError(error);
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#stopped) return;
    const busy = this.busy === 'sync' || this.status?.running === true;
    this.#timer = setTimeout(() => void this.refresh(), busy ? BUSY_POLL_MS : IDLE_POLL_MS);
  }

  connect(input: ConnectInput): Promise<boolean> {
    return this.#act('connect', () => api.connectSync(input));
  }

  disconnect(): Promise<boolean> {
    return this.#act('disconnect', () => api.disconnectSync({}));
  }

  syncNow(): Promise<boolean> {
    if (!this.status?.connection || this.busy) return Promise.resolve(false);
    return this.#act('sync', () => api.syncNow({}));
  }

  decide(decision: 'send' | 'keep'): Promise<boolean> {
    return this.#act('decide', () => api.decideOtherSyncRecords({ decision }));
  }

  retryConflicts(): Promise<boolean> {
    return this.#act('retry', () => api.retrySyncConflicts({}));
  }

  async #act(name: NonNullable<SyncState['busy']>, call: () => Promise<SyncStatus>): Promise<boolean> {
    this.busy = name;
    this.error = null;
    this.#schedule();
    try {
      this.status = await call();
      this.now = Date.now();
      return true;
    } catch (error) {
      this.error = toApiError(error);
      return false;
    } finally {
      this.busy = null;
      this.#schedule();
    }
  }
}
