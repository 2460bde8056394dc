import type { DomainHandlers } from '../api/dispatch';
import type { Catalogue } from './catalogue';

export function trainingHandlers(
  catalogue: Catalogue,
): DomainHandlers<'listCourses' | 'getCourse' | 'getItem'> {
  return {
    listCourses: () => catalogue.listCourses(),
    getCourse: ({ packId, courseId }) => catalogue.getCourse(packId, courseId),
    getItem: ({ packId, itemId }) => catalogue.getItem(packId, itemId),
  };
}
