import { describe, expect, it } from 'vitest';
import { testPackWithGuidelines } from '../../src-packs/testing/test-pack';
import type { Draft, DraftRequirements, SavedDraft } from '../../src-shared/writing/drafts';
import { storyOfWords } from '../../src-packs/testing/exercise-answers';
import { useDraftsCore } from '../testing/drafts-core';
import { doTestExercise, passTestQuiz } from '../testing/test-course';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const setUp = useDraftsCore(tempDir);

/** The test exercise, asking for a disclosure, no customer name, and the guidelines' findings fixed. */
const strictExercise = `---
title: Write it
channel: blog
template: |
  ## Situation
  [What happened at Quillmere, and why it mattered]
completion:
  words: { min: 40, max: 120 }
  mustFindings: resolved
  require:
    - what: a line saying where you work
      anyOf: [I work at]
  remove:
    - what: the customer's name
      anyOf: [Quillmere]
---
Write a post.
`;
const exercise = { packId: 'test-pack', itemId: 'write-it' };

async function strictSetUp() {
  const started = await setUp(undefined, { ...testPackWithGuidelines, 'first/write-it.md': strictExercise });
  const draft = await started.call<Draft>('createDraft', { fromExercise: exercise });
  let revision = draft.revision;
  const save = async (body: string) => {
    const saved = await started.call<SavedDraft>('saveDraft', {
      draftId: draft.id,
      title: 'Write it',
      body,
      baseRevision: revision,
    });
    revision = saved.revision;
    return saved;
  };
  const markReady = () => started.core.dispatch('updateDraft', { draftId: draft.id, status: 'ready' });
  const exerciseStatus = async () => {
    const course = await started.call<{ modules: { items: { id: string; status: string }[] }[] }>(
      'getCourse',
      { packId: 'test-pack', courseId: 'basics' },
    );
    return course.modules[0]?.items.find((item) => item.id === 'write-it')?.status;
  };
  return { ...started, draft, save, markReady, exerciseStatus };
}

describe('an exercise’s draft and its completion rules', () => {
  it('gives the studio the exercise’s template and rules, and nothing for other drafts', async () => {
    const { call, draft } = await strictSetUp();
    const requirements = await call<DraftRequirements>('getDraftRequirements', { draftId: draft.id });
    expect(requirements).toMatchObject({
      exercise: { ...exercise, title: 'Write it' },
      template: '## Situation\n[What happened at Quillmere, and why it mattered]\n',
      rules: { words: { min: 40, max: 120 }, ownWords: 0.5, mustFindings: 'resolved' },
    });
    const plain = await call<Draft>('createDraft', {});
    expect(await call('getDraftRequirements', { draftId: plain.id })).toBeNull();
  });

  it('refuses "ready" for the untouched template, and for a hurried answer, saying what is missing', async () => {
    const { core, draft, markReady, save, exerciseStatus } = await strictSetUp();
    const refusal = await markReady();
    expect(refusal).toMatchObject({ ok: false, error: { code: 'EXERCISE_INCOMPLETE' } });
    if (refusal.ok) throw new Error('refused above');
    expect(refusal.error.message).toMatch(/about 30 more words; 1 placeholder left/);
    expect(refusal.error.message).toContain('Add a line saying where you work');
    expect(refusal.error.message).toContain("Still in the text: the customer's name");
    // "Published" is no way round it either.
    expect(await core.dispatch('updateDraft', { draftId: draft.id, status: 'published' })).toMatchObject({
      ok: false,
      error: { code: 'EXERCISE_INCOMPLETE' },
    });

    await save('## Situation\nx');
    expect(await markReady()).toMatchObject({ ok: false, error: { code: 'EXERCISE_INCOMPLETE' } });
    expect(await exerciseStatus()).toBe('started');
  });

  it('completes only when the must findings are fixed, not when they are acknowledged', async () => {
    const { call, core, draft, markReady, save, exerciseStatus } = await strictSetUp();
    // Names the employer without saying so: the test guidelines' "must" disclosure finding.
    await save(`## Situation\nAcme shipped a fix. ${storyOfWords(40)}`);
    const key = JSON.stringify(['test-guidelines', 'disclose', 'Acme', 0]);
    await call('acknowledgeFinding', { draftId: draft.id, key, acknowledged: true });
    const refused = await markReady();
    expect(refused).toMatchObject({ ok: false, error: { code: 'EXERCISE_INCOMPLETE' } });
    if (refused.ok) throw new Error('refused above');
    expect(refused.error.message).toContain('1 “must” guideline finding still in the text');

    await save(`## Situation\nI work at Acme. Acme shipped a fix. ${storyOfWords(40)}`);
    expect(await markReady()).toMatchObject({ ok: true, value: { status: 'ready' } });
    expect(await exerciseStatus()).toBe('completed');
    expect(
      core.database.sqlite
        .prepare("SELECT count(*) AS n FROM outbox WHERE statement LIKE '%completed%'")
        .get(),
    ).toEqual({
      n: 1,
    });
  });

  it('sends a ready draft back to drafting, saying why, when an edit breaks a rule or adds a must finding', async () => {
    const { call, draft, markReady, save } = await strictSetUp();
    const good = `## Situation\nI work at Acme. ${storyOfWords(40)}`;
    await save(good);
    await markReady();

    const longer = await save(`${good} ${storyOfWords(100)}`);
    expect(longer).toMatchObject({ status: 'drafting' });
    expect(longer.statusNote).toMatch(
      /^The exercise it answers still asks for more: about \d+ words too many/,
    );
    expect(await call('getDraft', { draftId: draft.id })).toMatchObject({ status: 'drafting' });

    await save(good);
    await markReady();
    const unsafe = await save(`${good} See http://10.0.0.7/dashboard`.replace('I work at Acme. ', 'Acme. '));
    expect(unsafe).toMatchObject({ status: 'drafting' });
    expect(unsafe.statusNote).toContain(
      '“must” guideline finding to check: “Say who you work for” at “Acme”',
    );
    // An edit that keeps it within the rules leaves it ready.
    await save(good);
    await markReady();
    expect(await save(`${good} More.`)).toMatchObject({ status: 'ready', statusNote: null });
  });

  it('sends a ready draft back to drafting when a restored version breaks the rules', async () => {
    const { call, draft, markReady, save, advance } = await strictSetUp();
    await call('keepDraftVersion', { draftId: draft.id });
    advance(1000);
    await save(`## Situation\nI work at Acme. ${storyOfWords(40)}`);
    await markReady();
    const [template] = await call<{ id: string }[]>('listDraftVersions', { draftId: draft.id });
    const restored = await call<Draft>('restoreDraftVersion', { draftId: draft.id, versionId: template?.id });
    expect(restored).toMatchObject({ status: 'drafting', body: expect.stringContaining('[What happened') });
  });

  it('answers "ready" on the course’s last item with the course it completed, for the completion moment', async () => {
    const { call } = await setUp();
    await call('completeItem', { packId: 'test-pack', itemId: 'hello' });
    await call('saveReflection', { packId: 'test-pack', itemId: 'think', text: 'Lead with the insight.' });
    await call('completeItem', { packId: 'test-pack', itemId: 'think' });
    expect((await passTestQuiz(call)).courseCompleted).toBe(false);
    expect(await doTestExercise(call)).toMatchObject({
      status: 'ready',
      completedCourse: { packId: 'test-pack', courseId: 'basics' },
    });
  });
});
