/** The dashboard's address after `#`: a view and its filters, so a filtered view can be bookmarked and shared. */
export interface HashRoute {
  view: string;
  params: Record<string, string>;
}

export function readHash(hash: string = globalThis.location.hash): HashRoute {
  const [view = '', search = ''] = hash.replace(/^#/, '').split('?');
  return { view, params: Object.fromEntries(new URLSearchParams(search)) };
}

export function hashFor(view: string, params: Record<string, string> = {}): string {
  const filled = Object.entries(params).filter(([, value]) => value !== '');
  return `#${view}${filled.length > 0 ? `?${new URLSearchParams(filled).toString()}` : ''}`;
}

/** Shows a view with these filters: the address changes, and the page follows it. */
export function go(view: string, params: Record<string, string> = {}): void {
  globalThis.location.hash = hashFor(view, params);
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}
