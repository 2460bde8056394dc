import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import { writeTestPack } from '../../src-packs/testing/test-pack';

const tempDir = useTempDirs();
const startCore = useTestCores();

async function coreWithTestPack() {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'));
  return startCore(tempDir(), { bundledPacksDir: bundled });
}

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('catalogue', () => {
  it('installs bundled packs on first run, once', async () => {
    const core = await coreWithTestPack();
    const packs = await value<{ id: string; source: string; items: number }[]>(
      core.dispatch('listPacks', {}),
    );
    expect(packs).toMatchObject([{ id: 'test-pack', source: 'bundled', items: 4, courses: 1 }]);
    expect(core.logger.lines.filter((line) => line.includes('installed the bundled pack'))).toHaveLength(1);
  });

  it('lists courses with their size and shows a course module by module', async () => {
    const core = await coreWithTestPack();
    expect(await value(core.dispatch('listCourses', {}))).toEqual([
      {
        packId: 'test-pack',
        packTitle: 'Test pack',
        id: 'basics',
        title: 'Basics',
        summary: null,
        modules: 1,
        items: 4,
        minutes: 3,
        completedItems: 0,
        resumeItemId: 'hello',
        completed: false,
        completedAt: null,
      },
    ]);
    const course = await value<{ modules: { items: { id: string }[] }[]; passMark: number }>(
      core.dispatch('getCourse', { packId: 'test-pack', courseId: 'basics' }),
    );
    expect(course.passMark).toBe(0.75);
    expect(course.modules[0]?.items.map((item) => item.id)).toEqual(['hello', 'check', 'write-it', 'think']);
  });

  it('opens an item with its neighbours, its images inline and its links to other items', async () => {
    const core = await coreWithTestPack();
    const item = await value<Record<string, unknown>>(
      core.dispatch('getItem', { packId: 'test-pack', itemId: 'hello' }),
    );
    expect(item).toMatchObject({
      kind: 'lesson',
      title: 'Hello',
      courseTitle: 'Basics',
      moduleTitle: 'First module',
      previous: null,
      next: { id: 'check', title: 'Check', kind: 'quiz' },
      itemLinks: { 'check.md': 'check' },
      minutesLeftInCourse: 3,
    });
    expect((item['images'] as Record<string, string>)['../assets/diagram.png']).toMatch(
      /^data:image\/png;base64,iVBOR/,
    );
    // Marking the lesson done takes its minutes off the time left in the course.
    await value(core.dispatch('completeItem', { packId: 'test-pack', itemId: 'hello' }));
    const after = await value<{ minutesLeftInCourse: number; minutes: number | null }>(
      core.dispatch('getItem', { packId: 'test-pack', itemId: 'hello' }),
    );
    expect(after.minutesLeftInCourse).toBe(3 - (after.minutes ?? 0));
    expect(after.minutesLeftInCourse).toBeLessThan(3);
  });

  it('says which course or item it could not find', async () => {
    const core = await coreWithTestPack();
    expect(await core.dispatch('getItem', { packId: 'test-pack', itemId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no item "nope" in the pack "test-pack".' },
    });
    expect(await core.dispatch('getCourse', { packId: 'Bad Id', courseId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('hands over PDFs the lesson links to, for the learner to save', async () => {
    const bundled = tempDir();
    writeTestPack(join(bundled, 'test-pack'), {
      'first/hello.md':
        '---\ntitle: Hello\n---\nRead [the checklist](../assets/checklist.pdf).\n\n![A diagram](../assets/diagram.png)\n',
      'assets/checklist.pdf': '%PDF-1.4 test',
    });
    const core = await startCore(tempDir(), { bundledPacksDir: bundled });
    const item = await value<{ attachments: Record<string, { name: string; dataUrl: string }> }>(
      core.dispatch('getItem', { packId: 'test-pack', itemId: 'hello' }),
    );
    expect(item.attachments).toEqual({
      '../assets/checklist.pdf': {
        name: 'checklist.pdf',
        dataUrl: `data:application/pdf;base64,${Buffer.from('%PDF-1.4 test').toString('base64')}`,
      },
    });
  });
});
