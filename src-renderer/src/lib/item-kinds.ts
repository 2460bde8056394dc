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
