export const screens = [
  { id: 'learn', label: 'Learn' },
  { id: 'write', label: 'Write' },
  { id: 'profile', label: 'Profile' },
  { id: 'packs', label: 'Packs' },
  { id: 'settings', label: 'Sync & Settings' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

const DEFAULT_SCREEN: ScreenId = 'learn';

/** `#/write` names the Write screen; anything else opens Learn. */
export function screenFromHash(hash: string): ScreenId {
  const id = /^#\/([a-z]+)/.exec(hash)?.[1];
  return screens.find((screen) => screen.id === id)?.id ?? DEFAULT_SCREEN;
}

export function hashForScreen(id: ScreenId): string {
  return `#/${id}`;
}

/** Alt+1 … Alt+5 jump to the screens in the order of the navigation. */
export function screenForShortcut(key: string): ScreenId | null {
  const index = Number(key) - 1;
  return Number.isInteger(index) ? (screens[index]?.id ?? null) : null;
}
