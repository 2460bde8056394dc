import type { ApiError } from '../../../../src-shared/api/errors';
import type { Question } from '../../../../src-shared/packs/items';
import type { QuizAnswer } from '../../../../src-shared/training/quiz';
import type { AnswerFeedback, QuizResult } from '../../../../src-shared/training/schemas';
import { api, toApiError } from '../../lib/api';

/** A knowledge check, one question at a time, with feedback after each answer and a score at the end. */
export class QuizPlayer {
  attemptId = $state<string | null>(null);
  index = $state(0);
  feedback = $state<AnswerFeedback | null>(null);
  result = $state<QuizResult | null>(null);
  error = $state<ApiError | null>(null);
  busy = $state(false);

  /** `quiz` is read on each use, so the player follows the component's current props. */
  constructor(
    private readonly quiz: () => { packId: string; itemId: string; questions: readonly Question[] },
    private readonly onFinished: (result: QuizResult) => void,
  ) {}

  get questions(): readonly Question[] {
    return this.quiz().questions;
  }

  get question(): Question | undefined {
    return this.questions[this.index];
  }

  get isLast(): boolean {
    return this.index >= this.questions.length - 1;
  }

  async start(): Promise<void> {
    await this.guard(async () => {
      const { packId, itemId } = this.quiz();
      const { attemptId } = await api.startQuiz({ packId, itemId });
      this.attemptId = attemptId;
      this.index = 0;
      this.feedback = null;
      this.result = null;
    });
  }

  async answer(answer: QuizAnswer): Promise<void> {
    const { attemptId, question } = this;
    if (!attemptId || !question || this.feedback) return;
    await this.guard(async () => {
      this.feedback = await api.answerQuestion({ attemptId, questionId: question.id, answer });
    });
  }

  async next(): Promise<void> {
    if (!this.isLast) {
      this.index += 1;
      this.feedback = null;
      return;
    }
    const attemptId = this.attemptId;
    if (!attemptId) return;
    await this.guard(async () => {
      this.result = await api.finishQuiz({ attemptId });
      this.attemptId = null;
      this.onFinished(this.result);
    });
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await work();
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.busy = false;
    }
  }
}
