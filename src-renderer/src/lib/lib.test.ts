import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../src-shared/api/errors';
import { readAccessToken, takeAccessTokenFromHash } from './access-token';
import { describeError } from './error-words';
import { formatBytes } from './format';
import { describeCourseWork } from './item-kinds';
import { hashForScreen, screenForShortcut, screenFromHash, screens } from './screens';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('access token', () => {
  it('takes the secret out of the address and keeps it for the tab', () => {
    const storage = new MemoryStorage();
    expect(takeAccessTokenFromHash('#token=abc_DEF-123', storage)).toEqual({
      token: 'abc_DEF-123',
      rest: '',
    });
    expect(readAccessToken(storage)).toBe('abc_DEF-123');
    expect(takeAccessTokenFromHash('#/write&token=xyz', storage)).toEqual({ token: 'xyz', rest: '#/write' });
  });

  it('keeps the stored secret when the address has none (a reload)', () => {
    const storage = new MemoryStorage();
    takeAccessTokenFromHash('#token=first', storage);
    expect(takeAccessTokenFromHash('#/settings', storage)).toEqual({ token: 'first', rest: '#/settings' });
  });
});

describe('a new address pasted into the open tab', () => {
  it('takes the new key and carries on at the route the person was on', async () => {
    const { access } = await import('./access.svelte');
    const storage = new MemoryStorage();
    takeAccessTokenFromHash('#token=old', storage);
    access.denied = true;
    const generation = access.generation;
    expect(access.adoptAddress('#token=new', '#/write/d1', storage)).toBe('#/write/d1');
    expect(readAccessToken(storage)).toBe('new');
    expect(access.denied).toBe(false);
    expect(access.generation).toBe(generation + 1);
    expect(access.adoptAddress('#/profile&token=newer', '#/write/d1', storage)).toBe('#/profile');
    expect(access.adoptAddress('#token=again', '#token=newer', storage)).toBe('#/learn');
    // An ordinary move between screens is not a new address.
    expect(access.adoptAddress('#/packs', '#/learn', storage)).toBeNull();
    expect(readAccessToken(storage)).toBe('again');
  });

  it('is not undone by the refusal of a call sent with the old key', async () => {
    const { access } = await import('./access.svelte');
    const storage = new MemoryStorage();
    const sentWithOldKey = access.generation;
    access.adoptAddress('#token=fresh', '#/write/d1', storage);
    access.refused(sentWithOldKey);
    expect(access.denied).toBe(false);
    access.refused(access.generation);
    expect(access.denied).toBe(true);
  });
});

describe('screens', () => {
  it('maps addresses to screens and back, defaulting to Learn', () => {
    for (const screen of screens) expect(screenFromHash(hashForScreen(screen.id))).toBe(screen.id);
    expect(screenFromHash('')).toBe('learn');
    expect(screenFromHash('#/nowhere')).toBe('learn');
    expect(screenFromHash('#token=abc')).toBe('learn');
  });

  it('numbers the shortcuts in navigation order', () => {
    expect(screenForShortcut('1')).toBe('learn');
    expect(screenForShortcut('5')).toBe('settings');
    expect(screenForShortcut('6')).toBeNull();
    expect(screenForShortcut('x')).toBeNull();
  });
});

describe('error words', () => {
  it('has words for every error code, and shows an id only for faults', () => {
    for (const code of errorCodes) {
      const words = describeError({ code, message: 'detail', errorId: 'abcd1234' });
      expect(words.title.length, code).toBeGreaterThan(3);
      expect(words.body.length, code).toBeGreaterThan(3);
      expect(words.errorId !== undefined, code).toBe(code === 'INTERNAL');
    }
  });

  it('names the hub, not the app, when it is the hub that is not answering', () => {
    const atHub = describeError({
      code: 'UNREACHABLE',
      message: 'Can’t reach http://127.0.0.1:9: connection refused.',
      details: { part: 'hub' },
    });
    expect(atHub.title).toBe('The company hub isn’t answering');
    expect(atHub.body).toContain('http://127.0.0.1:9');
    expect(describeError({ code: 'UNREACHABLE', message: 'down' }).title).toBe(
      'Advocate Studio isn’t answering',
    );
    expect(describeError({ code: 'CONFLICT', message: 'x' }).title).not.toMatch(/clash/);
  });

  it('formats sizes as people read them', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(20480)).toBe('20 KiB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MiB');
  });
});

describe('what a course took', () => {
  it('names each kind of item done, in one sentence', () => {
    expect(describeCourseWork({ lesson: 14, quiz: 7, exercise: 1, reflection: 0 })).toBe(
      '14 lessons, 7 knowledge checks passed and 1 exercise that ended in a real draft',
    );
    expect(describeCourseWork({ lesson: 1, quiz: 0, exercise: 0, reflection: 0 })).toBe('1 lesson');
  });
});
