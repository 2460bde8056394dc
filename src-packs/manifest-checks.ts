import { ManifestItem, type PackManifest } from '../src-shared/packs/manifest';
import { MANIFEST_FILE } from './item-file';
import type { PackProblem } from './problems';
import type { YamlSource } from './yaml-source';

/** Course ids, module ids within a course, and item ids across the pack must each be unique. */
export function duplicateIds(manifest: PackManifest, source: YamlSource): PackProblem[] {
  const problems: PackProblem[] = [];
  const seenCourses = new Map<string, number>();
  const seenItems = new Map<string, string>();
  manifest.courses.forEach((course, c) => {
    if (seenCourses.has(course.id)) {
      problems.push({
        file: MANIFEST_FILE,
        line: source.lineOf(['courses', c, 'id']),
        field: `courses.${c}.id`,
        message: `"${course.id}" is already the id of another course`,
      });
    }
    seenCourses.set(course.id, c);
    const seenModules = new Set<string>();
    course.modules.forEach((module, m) => {
      if (seenModules.has(module.id)) {
        problems.push({
          file: MANIFEST_FILE,
          line: source.lineOf(['courses', c, 'modules', m, 'id']),
          field: `courses.${c}.modules.${m}.id`,
          message: `"${module.id}" is already the id of another module in this course`,
        });
      }
      seenModules.add(module.id);
      module.items.forEach((item, i) => {
        const field = `courses.${c}.modules.${m}.items.${i}.id`;
        const earlier = seenItems.get(item.id);
        if (earlier) {
          problems.push({
            file: MANIFEST_FILE,
            line: source.lineOf(['courses', c, 'modules', m, 'items', i, 'id']),
            field,
            message: `"${item.id}" is already used by ${earlier}; item ids must be unique in the pack, because progress is kept by id`,
          });
        } else {
          seenItems.set(item.id, field);
        }
      });
    });
  });
  return problems;
}

/** Items of a manifest that failed validation but still have a usable kind and file. */
export function rawItems(data: unknown): { item: ManifestItem; where: (string | number)[] }[] {
  const found: { item: ManifestItem; where: (string | number)[] }[] = [];
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  list(record(data)['courses']).forEach((course, c) =>
    list(record(course)['modules']).forEach((module, m) =>
      list(record(module)['items']).forEach((raw, i) => {
        const item = ManifestItem.safeParse(raw);
        if (item.success) found.push({ item: item.data, where: ['courses', c, 'modules', m, 'items', i] });
      }),
    ),
  );
  return found;
}
