import { z } from 'zod';
import { ItemKind, Slug } from '../packs/manifest';

export const PackRef = z.strictObject({ packId: Slug });

export const PackSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  summary: z.string(),
  source: z.enum(['bundled', 'imported', 'hub']),
  installedAt: z.string(),
  courses: z.number().int(),
  items: z.number().int(),
});
export type PackSummary = z.infer<typeof PackSummary>;

export const ItemSummary = z.object({
  id: z.string(),
  kind: ItemKind,
  title: z.string(),
  minutes: z.number().int().nullable(),
});
export type ItemSummary = z.infer<typeof ItemSummary>;

export const CourseSummary = z.object({
  packId: z.string(),
  packTitle: z.string(),
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  modules: z.number().int(),
  items: z.number().int(),
  minutes: z.number().int(),
});
export type CourseSummary = z.infer<typeof CourseSummary>;

export const CourseRef = z.strictObject({ packId: Slug, courseId: Slug });

export const CourseDetail = z.object({
  packId: z.string(),
  packTitle: z.string(),
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  passMark: z.number(),
  modules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      summary: z.string().nullable(),
      items: z.array(ItemSummary),
    }),
  ),
});
export type CourseDetail = z.infer<typeof CourseDetail>;

export const ItemRef = z.strictObject({ packId: Slug, itemId: Slug });

export const ItemNeighbour = z.object({ id: z.string(), title: z.string(), kind: ItemKind }).nullable();

export const ItemDetail = z.object({
  packId: z.string(),
  id: z.string(),
  kind: ItemKind,
  title: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  moduleTitle: z.string(),
  /** Markdown; the renderer sanitises it after turning it into HTML. */
  body: z.string(),
  minutes: z.number().int().nullable(),
  passMark: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** Images the body refers to, as data: URLs keyed by the address written in the Markdown. */
  images: z.record(z.string(), z.string()),
  /** Links in the body to other items of the pack, keyed by the address written in the Markdown. */
  itemLinks: z.record(z.string(), z.string()),
  previous: ItemNeighbour,
  next: ItemNeighbour,
  /** Estimated minutes for this item and the rest of its course. */
  minutesLeftInCourse: z.number().int(),
});
export type ItemDetail = z.infer<typeof ItemDetail>;
