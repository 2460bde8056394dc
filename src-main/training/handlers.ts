import type { DomainHandlers } from '../api/dispatch';
import type { Catalogue } from './catalogue';
import type { Progress } from './progress';
import { searchItems } from './search';
import type { DatabaseHandle } from '../db/open';

export function trainingHandlers(
  catalogue: Catalogue,
  progress: Progress,
  database: DatabaseHandle,
): DomainHandlers<
  | 'listCourses'
  | 'getCourse'
  | 'getItem'
  | 'openItem'
  | 'completeItem'
  | 'startQuiz'
  | 'answerQuestion'
  | 'finishQuiz'
  | 'searchItems'
> {
  return {
    listCourses: () => catalogue.listCourses(),
    getCourse: ({ packId, courseId }) => catalogue.getCourse(packId, courseId),
    getItem: ({ packId, itemId }) => catalogue.getItem(packId, itemId),
    openItem: ({ packId, itemId }) => progress.openItem(packId, itemId),
    completeItem: ({ packId, itemId }) => progress.completeItem(packId, itemId),
    startQuiz: ({ packId, itemId }) => progress.startQuiz(packId, itemId),
    answerQuestion: ({ attemptId, questionId, answer }) =>
      progress.answerQuestion(attemptId, questionId, answer),
    finishQuiz: ({ attemptId }) => progress.finishQuiz(attemptId),
    searchItems: ({ query }) => searchItems(database.sqlite, query),
  };
}
