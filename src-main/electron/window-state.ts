import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Where the window was and how big it was, kept in the data folder between launches. */
export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10000),
  height: z.number().int().min(300).max(10000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1200, height: 820, maximized: false };

export function loadWindowState(file: string): WindowState {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW;
  } catch {
    return DEFAULT_WINDOW;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}

/**
 * Keeps a remembered position only if the window would still show on a display that exists now
 * (a monitor may have been unplugged since); otherwise the OS places it.
 */
export function placeOnDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some(
    (area) =>
      x + 100 <= area.x + area.width &&
      x + state.width - 100 >= area.x &&
      y >= area.y &&
      y + 50 <= area.y + area.height,
  );
  if (visible) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}
