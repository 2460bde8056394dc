import { takeAccessTokenFromHash } from './access-token';

/**
 * Whether the browser host accepted this page's access key. One refused call is enough to know the
 * key is missing or stale; the shell then shows how to get in instead of a screen full of errors.
 */
class AccessState {
  denied = $state(false);
  /** Counts the access keys this tab was given after it opened: the screens start afresh with each. */
  generation = $state(0);

  /**
   * A call sent while `sentAt` was the generation was refused for its key. A call sent under an older key (still
   * on its way when the new address was pasted) says nothing about the new one.
   */
  refused(sentAt: number): void {
    if (sentAt === this.generation) this.denied = true;
  }

  /**
   * A new address pasted into the open tab (the host restarted with a new key) changes only the part after
   * "#", so the page does not reload: take the key from it and return the route to carry on at (the one
   * the person was on), or null when the new address holds no key.
   */
  adoptAddress(newHash: string, previousHash: string, storage: Storage): string | null {
    if (!/(?:^#|&)token=/.test(newHash)) return null;
    const { rest } = takeAccessTokenFromHash(newHash, storage);
    const before = /token=/.test(previousHash) ? '' : previousHash;
    this.denied = false;
    this.generation += 1;
    return rest || before || '#/learn';
  }
}

export const access = new AccessState();
