import type { Draft } from '../../src-shared/writing/drafts';
import type { QuizAttempt, QuizResult } from '../../src-shared/training/schemas';
import { storyOfWords } from '../../src-packs/testing/exercise-answers';

type Call = <T>(name: string, input?: unknown) => Promise<T>;

const ref = (itemId: string) => ({ packId: 'test-pack', itemId });

/** Passes the test pack's knowledge check, finding the right choice where this attempt shows it. */
export async function passTestQuiz(call: Call): Promise<QuizResult> {
  const attempt = await call<QuizAttempt>('startQuiz', ref('check'));
  const one = attempt.questions.find((question) => question.id === 'one');
  const choice = one && 'choices' in one ? one.choices.indexOf('Right') : -1;
  await call('answerQuestion', {
    attemptId: attempt.attemptId,
    questionId: 'one',
    answer: { type: 'single', choice },
  });
  await call('answerQuestion', {
    attemptId: attempt.attemptId,
    questionId: 'two',
    answer: { type: 'truefalse', value: true },
  });
  return call<QuizResult>('finishQuiz', { attemptId: attempt.attemptId });
}

/** Does the test pack's exercise as a learner would: a real answer in the draft, then "ready". */
export async function doTestExercise(call: Call, title = 'Why p99 doubled'): Promise<Draft> {
  const draft = await call<Draft>('createDraft', { fromExercise: ref('write-it') });
  await call('saveDraft', {
    draftId: draft.id,
    title,
    body: `## Situation\nIt was DNS. ${storyOfWords(40)}`,
    baseRevision: draft.revision,
  });
  return call<Draft>('updateDraft', { draftId: draft.id, status: 'ready' });
}

/** Completes every item of the test pack's course, the quiz last; answers with the quiz's result. */
export async function completeTestCourse(call: Call): Promise<{ draft: Draft; quiz: QuizResult }> {
  await call('completeItem', ref('hello'));
  await call('saveReflection', { ...ref('think'), text: 'Lead with the insight.' });
  await call('completeItem', ref('think'));
  const draft = await doTestExercise(call);
  return { draft, quiz: await passTestQuiz(call) };
}
