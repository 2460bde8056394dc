/**
 * The bundled course's knowledge checks test understanding, not test-taking: enough marked questions that
 * one slip doesn't fail a learner, a right answer that is not given away by being the longest, and true/false
 * answers that are not nearly always "false".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Question } from '../src-shared/packs/items';
import { gradeQuiz, type QuizAnswer } from '../src-shared/training/quiz';
import { validatePackFolder } from './validate';

const packsDir = join(import.meta.dirname, '..', 'resources', 'packs');

function quizzesOf(packId: string) {
  const report = validatePackFolder(join(packsDir, packId));
  return (report.pack?.items ?? [])
    .filter((item) => item.kind === 'quiz')
    .map((item) => ({
      id: item.id,
      passMark: item.passMark ?? 0.8,
      questions: Question.array().parse(item.details['questions']),
    }));
}

describe.each(['advocate-foundations'])('the knowledge checks of %s', (packId) => {
  const quizzes = quizzesOf(packId);
  const all = quizzes.flatMap((quiz) => quiz.questions);

  it('each have at least five marked questions, and a pass mark one wrong answer does not miss', () => {
    expect(quizzes.length).toBeGreaterThan(0);
    for (const quiz of quizzes) {
      const marked = quiz.questions.filter((question) => question.type !== 'written');
      expect(marked.length, quiz.id).toBeGreaterThanOrEqual(5);
      // Every marked question right but the first: still a pass.
      const answers = Object.fromEntries(
        marked.map((question, index): [string, QuizAnswer] => {
          const wrongFirst = index === 0;
          if (question.type === 'truefalse') {
            return [
              question.id,
              { type: 'truefalse', value: wrongFirst ? !question.answer : question.answer },
            ];
          }
          const right = question.choices.flatMap((choice, at) => (choice.correct ? [at] : []));
          const wrong = question.choices.findIndex((choice) => !choice.correct);
          if (question.type === 'single') {
            return [question.id, { type: 'single', choice: wrongFirst ? wrong : (right[0] ?? 0) }];
          }
          return [question.id, { type: 'multiple', choices: wrongFirst ? [wrong] : right }];
        }),
      );
      expect(gradeQuiz(quiz.questions, answers, quiz.passMark), quiz.id).toMatchObject({ passed: true });
    }
  });

  it('rarely make the right choice the longest one', () => {
    const single = all.flatMap((question) => (question.type === 'single' ? [question] : []));
    const longestIsRight = single.filter((question) => {
      const lengths = question.choices.map((choice) => choice.text.length);
      const right = question.choices.findIndex((choice) => choice.correct);
      return lengths.every((length, at) => at === right || length < (lengths[right] ?? 0));
    });
    expect(single.length).toBeGreaterThanOrEqual(quizzes.length);
    expect(longestIsRight.map((question) => question.id).length / single.length).toBeLessThanOrEqual(0.3);
  });

  it('mix true and false answers', () => {
    const answers = all.flatMap((question) => (question.type === 'truefalse' ? [question.answer] : []));
    const trueShare = answers.filter(Boolean).length / answers.length;
    expect(answers.length).toBeGreaterThanOrEqual(quizzes.length);
    expect(trueShare).toBeGreaterThanOrEqual(0.35);
    expect(trueShare).toBeLessThanOrEqual(0.65);
  });
});
