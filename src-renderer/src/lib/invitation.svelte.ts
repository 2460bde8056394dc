import type { Invitation } from '../../../src-shared/sync/invitation';
import { api } from './api';
import { router } from './router.svelte';

/**
 * An invitation the desktop app was opened with (advocate-studio://connect?…): looked for at start and whenever
 * the window regains focus, then shown on Sync & Settings with its fields filled in.
 */
class PendingInvitation {
  invitation = $state<Invitation | null>(null);

  watch(): void {
    void this.check();
    window.addEventListener('focus', () => void this.check());
  }

  async check(): Promise<void> {
    const found = await api.takeInvitation({}).catch(() => null);
    if (!found) return;
    this.invitation = found;
    router.go('settings');
  }

  /** The invitation, once: the form that fills itself in takes it. */
  take(): Invitation | null {
    const taken = this.invitation;
    this.invitation = null;
    return taken;
  }
}

export const pendingInvitation = new PendingInvitation();
