export const screens = [
  { id: 'learn', label: 'Learn' },
  { id: 'write', label: 'Write' },
  { id: 'profile', label: 'Profile' },
  { id: 'packs', label: 'Packs' },
  { id: 'settings', label: 'Sync & Settings' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

export interface Route {
  screen: ScreenId;
  /** What follows the screen in the address: `#/learn/my-pack/my-course` has ['my-pack', 'my-course']. */
  path: string[];
}

const DEFAULT_SCREEN: ScreenId = 'learn';

/** `#/write` names the Write screen; anything else opens Learn. */
export function routeFromHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const screen = screens.find((candidate) => candidate.id === parts[0])?.id;
  return screen ? { screen, path: parts.slice(1) } : { screen: DEFAULT_SCREEN, path: [] };
}

export function screenFromHash(hash: string): ScreenId {
  return routeFromHash(hash).screen;
}

export function hashForScreen(id: ScreenId, ...path: string[]): string {
  return `#/${[id, ...path].map(encodeURIComponent).join('/')}`;
}

/** Alt+1 … Alt+5 jump to the screens in the order of the navigation. */
export function screenForShortcut(key: string): ScreenId | null {
  const index = Number(key) - 1;
  return Number.isInteger(index) ? (screens[index]?.id ?? null) : null;
}

/** Where a course and an item live in the Learn screen. */
export const learnRoutes = {
  course: (packId: string, courseId: string) => hashForScreen('learn', packId, courseId),
  /** The moment a course is completed: what it took, the certificate, the badge and what next. */
  completed: (packId: string, courseId: string) => hashForScreen('learn', packId, courseId, 'completed'),
  item: (packId: string, itemId: string) => hashForScreen('learn', packId, 'item', itemId),
  certificate: (certificateId: string) => hashForScreen('learn', 'certificate', certificateId),
};

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
