import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeChanges, describeUpdate } from '../../src-shared/packs/changes';
import { testPackFiles, writeTestPack } from '../../src-packs/testing/test-pack';
import { openDatabase } from '../db/open';
import { shippedMigrationsDir, useTempDirs } from '../testing/temp-dir';
import { dismissCourseUpdate, getCourseUpdateNotice, listPackUpdates, readPackUpdate } from './changes';
import { installPackFolder, removePack, type PackStoreDeps } from './install';

const tempDir = useTempDirs();
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.close();
});

function setUp(): PackStoreDeps {
  const dataDir = tempDir();
  const database = openDatabase({ file: join(dataDir, 'advocate.db'), migrationsDir: shippedMigrationsDir });
  opened.push(database);
  return { database, dataDir, now: () => new Date('2026-11-25T12:00:00Z') };
}

function packFolder(overrides: Record<string, string | null> = {}): string {
  const folder = tempDir();
  writeTestPack(folder, overrides);
  return folder;
}

const manifest = String(testPackFiles['pack.yaml']);

/** Version 1.3.0: a new lesson after "hello", the check reworded, the reflection gone. */
const v130 = {
  'pack.yaml': manifest
    .replace('version: 1.2.0', 'version: 1.3.0')
    .replace(
      '            minutes: 3\n',
      '            minutes: 3\n          - id: more\n            kind: lesson\n            file: first/more.md\n',
    )
    .replace(/ {10}- id: think\n {12}kind: reflection\n {12}file: first\/think.md\n/, ''),
  'first/more.md': '---\ntitle: More\n---\nA second lesson.\n',
  'first/check.md': String(testPackFiles['first/check.md']).replace(
    'prompt: Pick one',
    'prompt: Pick the right one',
  ),
};

describe('what a pack update changed', () => {
  it('names the new, changed and removed items, matched by id, and says so in a line', async () => {
    const deps = setUp();
    const first = await installPackFolder(deps, packFolder(), 'imported');
    expect(first.changes).toBeNull();
    expect(listPackUpdates(deps)).toEqual([]);

    const result = await installPackFolder(deps, packFolder(v130), 'hub');
    expect(result.changes).toBe('1 new lesson, 1 changed, 1 removed');
    const update = readPackUpdate(deps, 'test-pack');
    expect(update).toMatchObject({
      packTitle: 'Test pack',
      from: '1.2.0',
      to: '1.3.0',
      at: '2026-11-25T12:00:00.000Z',
      items: {
        added: [{ id: 'more', title: 'More', kind: 'lesson', courseId: 'basics' }],
        changed: [{ id: 'check', title: 'Check', kind: 'quiz', courseId: 'basics' }],
        removed: [{ id: 'think', title: 'Think', kind: 'reflection', courseId: 'basics' }],
      },
      // The course's outline is the same module: the course itself did not change.
      courses: { added: [], changed: [], removed: [] },
    });
    expect(listPackUpdates(deps).map((u) => u.packId)).toEqual(['test-pack']);
  });

  it('counts a changed front matter, title or minutes as changed, and nothing else', async () => {
    const deps = setUp();
    await installPackFolder(deps, packFolder(), 'imported');
    await installPackFolder(
      deps,
      packFolder({
        'pack.yaml': manifest.replace('version: 1.2.0', 'version: 1.2.1').replace('minutes: 3', 'minutes: 4'),
        'first/write-it.md': String(testPackFiles['first/write-it.md']).replace(
          'channel: blog',
          'channel: forum',
        ),
      }),
      'imported',
    );
    const update = readPackUpdate(deps, 'test-pack');
    expect(update?.items.changed.map((item) => item.id)).toEqual(['hello', 'write-it']);
    expect(update?.items.added).toEqual([]);
    expect(update?.items.removed).toEqual([]);
  });

  it('tells a new course and a renamed module apart from item changes', async () => {
    const deps = setUp();
    await installPackFolder(deps, packFolder(), 'imported');
    const withSecondCourse = manifest
      .replace('version: 1.2.0', 'version: 2.0.0')
      .replace('title: First module', 'title: The first module')
      .concat(
        '  - id: advanced\n    title: Advanced\n    modules:\n      - id: deep\n        title: Deep\n        items:\n          - id: deeper\n            kind: lesson\n            file: first/more.md\n',
      );
    const result = await installPackFolder(
      deps,
      packFolder({ 'pack.yaml': withSecondCourse, 'first/more.md': '---\ntitle: Deeper\n---\nMore.\n' }),
      'imported',
    );
    expect(result.changes).toBe('1 new course, 1 new lesson, 1 changed');
    // The new course has no "updated" notice (all of it is new); the old one names its change.
    expect(getCourseUpdateNotice(deps, 'test-pack', 'advanced')).toBeNull();
    expect(getCourseUpdateNotice(deps, 'test-pack', 'basics')).toMatchObject({
      from: '1.2.0',
      to: '2.0.0',
      summary: '1 changed',
    });
  });

  it('shows a course its notice until the learner dismisses it, and forgets it with the pack', async () => {
    const deps = setUp();
    await installPackFolder(deps, packFolder(), 'imported');
    await installPackFolder(deps, packFolder(v130), 'imported');
    expect(getCourseUpdateNotice(deps, 'test-pack', 'basics')).toMatchObject({
      summary: '1 new lesson, 1 changed, 1 removed',
      added: [{ id: 'more', title: 'More' }],
    });
    dismissCourseUpdate(deps, 'test-pack', 'basics');
    dismissCourseUpdate(deps, 'test-pack', 'basics');
    expect(getCourseUpdateNotice(deps, 'test-pack', 'basics')).toBeNull();
    // The Packs screen still says what the update brought.
    expect(readPackUpdate(deps, 'test-pack')?.dismissedCourses).toEqual(['basics']);

    removePack(deps, 'test-pack');
    expect(readPackUpdate(deps, 'test-pack')).toBeNull();
    expect(() => dismissCourseUpdate(deps, 'test-pack', 'basics')).toThrow(
      '“test-pack” has no update to dismiss.',
    );
    // Imported afresh, it is a first install again: nothing to announce.
    await installPackFolder(deps, packFolder(v130), 'imported');
    expect(listPackUpdates(deps)).toEqual([]);
  });

  it('says an update that only moved the version number plainly', () => {
    const none = { added: [], removed: [], changed: [] };
    expect(describeChanges(none, none)).toBe('no changes to the content');
    expect(
      describeUpdate({
        to: '1.0.1',
        courses: none,
        items: {
          added: [
            { id: 'a', title: 'A', kind: 'quiz', courseId: 'c' },
            { id: 'b', title: 'B', kind: 'quiz', courseId: 'c' },
            { id: 'x', title: 'X', kind: 'exercise', courseId: 'c' },
          ],
          removed: [],
          changed: [{ id: 'd', title: 'D', kind: 'lesson', courseId: 'c' }],
        },
      }),
    ).toBe('Updated to 1.0.1 — 2 new knowledge checks, 1 new exercise, 1 changed');
  });
});
