/**
 * Whether the browser host accepted this page's access key. One refused call is enough to know the
 * key is missing or stale; the shell then shows how to get in instead of a screen full of errors.
 */
class AccessState {
  denied = $state(false);
}

export const access = new AccessState();
