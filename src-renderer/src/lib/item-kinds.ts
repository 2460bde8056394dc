import type { ItemKind } from '../../../src-shared/packs/manifest';

export const itemKindLabels: Record<ItemKind, string> = {
  lesson: 'Lesson',
  quiz: 'Knowledge check',
  exercise: 'Exercise',
  reflection: 'Reflection',
};

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const workNouns: Record<ItemKind, [string, string]> = {
  lesson: ['lesson', 'lessons'],
  quiz: ['knowledge check passed', 'knowledge checks passed'],
  exercise: ['exercise that ended in a real draft', 'exercises that ended in real drafts'],
  reflection: ['reflection', 'reflections'],
};

/** "5 lessons, 2 knowledge checks passed and 1 exercise that ended in a real draft": what a course took. */
export function describeCourseWork(counts: Record<ItemKind, number>): string {
  const parts = (Object.keys(workNouns) as ItemKind[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${workNouns[kind][counts[kind] === 1 ? 0 : 1]}`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}
