const STORAGE_KEY = 'advocate.accessToken';

/**
 * The browser host prints an address ending in `#token=SECRET`. The page keeps the secret for this
 * tab only (sessionStorage, so a reload keeps working) and removes it from the address bar.
 */
export function takeAccessTokenFromHash(
  hash: string,
  storage: Storage,
): { token: string | null; rest: string } {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(hash);
  if (!match?.[1]) return { token: readAccessToken(storage), rest: hash };
  storage.setItem(STORAGE_KEY, match[1]);
  const kept = hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part !== '' && !part.startsWith('token='));
  return { token: match[1], rest: kept.length > 0 ? `#${kept.join('&')}` : '' };
}

export function readAccessToken(storage: Storage): string | null {
  return storage.getItem(STORAGE_KEY);
}
