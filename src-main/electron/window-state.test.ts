import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { DEFAULT_WINDOW, loadWindowState, placeOnDisplays, saveWindowState } from './window-state';

const tempDir = useTempDirs();
const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];

describe('window state', () => {
  it('remembers size, position and maximised state between launches', () => {
    const file = join(tempDir(), 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
  });

  it('starts from the default when the file is missing, damaged or nonsensical', () => {
    const dir = tempDir();
    expect(loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW);
    writeFileSync(join(dir, 'broken.json'), '{"width": 10');
    expect(loadWindowState(join(dir, 'broken.json'))).toEqual(DEFAULT_WINDOW);
    writeFileSync(join(dir, 'tiny.json'), '{"width": 5, "height": 5}');
    expect(loadWindowState(join(dir, 'tiny.json'))).toEqual(DEFAULT_WINDOW);
  });

  it('writes through a temporary file, leaving only the finished file behind', () => {
    const file = join(tempDir(), 'window-state.json');
    saveWindowState(file, DEFAULT_WINDOW);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_WINDOW);
  });

  it('drops a position that would be off every display (a monitor was unplugged)', () => {
    const onScreen = { x: 200, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeOnDisplays(onScreen, laptop)).toEqual(onScreen);
    const offScreen = { x: 2500, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeOnDisplays(offScreen, laptop)).toEqual({ width: 1000, height: 700, maximized: false });
    const twoScreens = [...laptop, { x: 1440, y: 0, width: 1920, height: 1080 }];
    expect(placeOnDisplays(offScreen, twoScreens)).toEqual(offScreen);
  });
});
