import type { ApiError } from '../../../../src-shared/api/errors';
import type { QuizAnswer } from '../../../../src-shared/training/quiz';
import type { AttemptQuestion } from '../../../../src-shared/training/quiz-attempt';
import type { AnswerFeedback, QuizAttempt, QuizResult } from '../../../../src-shared/training/schemas';
import { api, guard } from '../../lib/api';

/**
 * A knowledge check, one question at a time: each attempt brings its own questions (choices shuffled, no
 * answers in them), feedback follows each answer, and a score the end. A retry marks the questions the last
 * attempt got wrong.
 */
export class QuizPlayer {
  attempt = $state<QuizAttempt | null>(null);
  index = $state(0);
  feedback = $state<AnswerFeedback | null>(null);
  result = $state<QuizResult | null>(null);
  error = $state<ApiError | null>(null);
  busy = $state(false);

  /** `quiz` is read on each use, so the player follows the component's current props. */
  constructor(
    private readonly quiz: () => { packId: string; itemId: string },
    private readonly onFinished: (result: QuizResult) => void,
  ) {}

  get questions(): readonly AttemptQuestion[] {
    return this.attempt?.questions ?? [];
  }

  get question(): AttemptQuestion | undefined {
    return this.questions[this.index];
  }

  get isLast(): boolean {
    return this.index >= this.questions.length - 1;
  }

  /** Whether the last attempt got this question wrong, so the learner can take more care with it. */
  get missedLastTime(): boolean {
    const question = this.question;
    return question !== undefined && (this.attempt?.missedLastTime.includes(question.id) ?? false);
  }

  async start(): Promise<void> {
    await guard(this, async () => {
      const { packId, itemId } = this.quiz();
      this.attempt = await api.startQuiz({ packId, itemId });
      this.index = 0;
      this.feedback = null;
      this.result = null;
    });
  }

  async answer(answer: QuizAnswer): Promise<void> {
    const { attempt, question } = this;
    if (!attempt || !question || this.feedback) return;
    await guard(this, async () => {
      this.feedback = await api.answerQuestion({
        attemptId: attempt.attemptId,
        questionId: question.id,
        answer,
      });
    });
  }

  async next(): Promise<void> {
    if (!this.isLast) {
      this.index += 1;
      this.feedback = null;
      return;
    }
    const attempt = this.attempt;
    if (!attempt) return;
    await guard(this, async () => {
      this.result = await api.finishQuiz({ attemptId: attempt.attemptId });
      this.attempt = null;
      this.onFinished(this.result);
    });
  }
}
