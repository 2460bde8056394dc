import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { Question } from '../../src-shared/packs/items';
import type { QuizAnswer } from '../../src-shared/training/quiz';
import type { AnswerFeedback, QuizAttempt, QuizResult } from '../../src-shared/training/schemas';
import { validatePackFolder } from '../../src-packs/validate';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();
const bundledDir = join(import.meta.dirname, '..', '..', 'resources', 'packs');
const packId = 'advocate-foundations';
const quizId = 'why-advocacy-check';
const packQuestions = (validatePackFolder(join(bundledDir, packId)).pack?.items.find(
  (item) => item.id === quizId,
)?.details['questions'] ?? []) as Question[];

async function setUp() {
  const core = await startCore(tempDir(), { bundledPacksDir: bundledDir });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const statements = () =>
    (
      core.database.sqlite.prepare('SELECT statement FROM outbox ORDER BY rowid').all() as {
        statement: string;
      }[]
    ).map(
      (row) => JSON.parse(row.statement) as { verb: { id: string }; object: { id: string }; result?: object },
    );
  return { core, call, statements };
}

/** The answer a learner who knows the right one gives, numbered as this attempt shows the choices. */
function rightAnswer(attempt: QuizAttempt, question: Question, written: string): QuizAnswer {
  const shown = attempt.questions.find((candidate) => candidate.id === question.id);
  const position = (text: string) => (shown && 'choices' in shown ? shown.choices.indexOf(text) : -1);
  switch (question.type) {
    case 'single':
      return {
        type: 'single',
        choice: position(question.choices.find((choice) => choice.correct)?.text ?? ''),
      };
    case 'multiple':
      return {
        type: 'multiple',
        choices: question.choices.filter((choice) => choice.correct).map((choice) => position(choice.text)),
      };
    case 'truefalse':
      return { type: 'truefalse', value: question.answer };
    case 'written':
      return { type: 'written', text: written };
  }
}

async function takeQuiz(call: Awaited<ReturnType<typeof setUp>>['call'], written: string) {
  const attempt = await call<QuizAttempt>('startQuiz', { packId, itemId: quizId });
  const feedback: AnswerFeedback[] = [];
  for (const question of packQuestions) {
    feedback.push(
      await call('answerQuestion', {
        attemptId: attempt.attemptId,
        questionId: question.id,
        answer: rightAnswer(attempt, question, written),
      }),
    );
  }
  const result = await call<QuizResult>('finishQuiz', { attemptId: attempt.attemptId });
  return { attempt, feedback, result };
}

const marked = packQuestions.filter((question) => question.type !== 'written');

describe('knowledge checks of the bundled course', () => {
  it('send no correct flags, answers or model answers to the window before the answer is given', async () => {
    const { call } = await setUp();
    const item = await call<Record<string, unknown>>('getItem', { packId, itemId: quizId });
    expect(item['quiz']).toEqual({ questions: packQuestions.length, marked: marked.length });
    expect(marked.length).toBeLessThan(packQuestions.length); // the check has a written question too
    const attempt = await call<QuizAttempt>('startQuiz', { packId, itemId: quizId });
    for (const shown of [item, attempt]) {
      const json = JSON.stringify(shown);
      expect(json).not.toMatch(/"correct"|"answer"|modelAnswer|explanation/);
      for (const question of packQuestions) {
        if (question.type === 'written') expect(json).not.toContain(question.modelAnswer.slice(0, 40));
        else expect(json).not.toContain(question.explanation.slice(0, 40));
      }
    }
  });

  it('shuffle the choices afresh for each attempt', async () => {
    const { call } = await setUp();
    const orders = new Set<string>();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = await call<QuizAttempt>('startQuiz', { packId, itemId: quizId });
      orders.add(JSON.stringify(started.questions));
      // Every choice is there, once, whatever the order.
      const first = started.questions.find((question) => question.id === 'what-changed');
      const pack = packQuestions.find((question) => question.id === 'what-changed');
      expect(first && 'choices' in first ? [...first.choices].sort() : []).toEqual(
        pack && 'choices' in pack ? pack.choices.map((choice) => choice.text).sort() : ['?'],
      );
    }
    expect(orders.size).toBe(3);
  });

  it('record written answers in full, show the model answer after, and never count them', async () => {
    const { call, statements } = await setUp();
    const hurried = await takeQuiz(call, 'x');
    const written = packQuestions.find((question) => question.type === 'written');
    if (written?.type !== 'written') throw new Error('the quiz has a written question');
    const thoughtful = await takeQuiz(call, written.modelAnswer);
    const max = marked.length;
    expect(hurried.result).toMatchObject({ points: max, max, written: 1, passed: true });
    expect(thoughtful.result).toEqual(hurried.result);
    expect(hurried.feedback.at(-1)).toEqual({
      correct: null,
      explanation: written.explanation,
      correctAnswer: written.modelAnswer,
      correctAnswers: [written.modelAnswer],
    });

    const answered = statements().filter((statement) => statement.object.id.endsWith(`/${written.id}`));
    expect(answered.map((statement) => statement.result)).toEqual([
      { response: 'x' },
      { response: written.modelAnswer },
    ]);
  });

  it('refuses an answer naming a choice the attempt did not show', async () => {
    const { core, call } = await setUp();
    const attempt = await call<QuizAttempt>('startQuiz', { packId, itemId: quizId });
    expect(
      await core.dispatch('answerQuestion', {
        attemptId: attempt.attemptId,
        questionId: 'what-changed',
        answer: { type: 'single', choice: 4 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
