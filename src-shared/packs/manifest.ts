import { z } from 'zod';

/**
 * The course-pack format (docs/course-packs.md). A pack is a folder, or the same folder zipped:
 * `pack.yaml` (this manifest) plus one Markdown file per item, with YAML front matter, and assets.
 */

/** Ids are stable across versions: progress is kept for every item whose id is unchanged. */
export const Slug = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'use lowercase letters, digits and single hyphens, like "why-advocacy"',
  )
  .max(64, 'keep ids to 64 characters');

// https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const Semver = z.string().regex(SEMVER_PATTERN, 'use a semantic version, like "1.2.0"');

/** A path inside the pack, relative, with forward slashes, never leaving the pack. */
export const PackPath = z
  .string()
  .min(1)
  .max(200)
  .refine((path) => !path.startsWith('/') && !/^[a-zA-Z]:/.test(path), 'use a path relative to pack.yaml')
  .refine((path) => !path.includes('\\'), 'use forward slashes')
  .refine((path) => !path.split('/').includes('..'), 'a path may not leave the pack (no "..")');

export const PassMark = z
  .number()
  .min(0, 'a pass mark is a fraction from 0 to 1')
  .max(1, 'a pass mark is a fraction from 0 to 1, like 0.8 for 80%');

export const itemKinds = ['lesson', 'quiz', 'exercise', 'reflection'] as const;
export const ItemKind = z.enum(itemKinds);
export type ItemKind = z.infer<typeof ItemKind>;

export const ManifestItem = z.strictObject({
  id: Slug,
  kind: ItemKind,
  /** The item's Markdown file. */
  file: PackPath.refine((path) => path.endsWith('.md'), 'an item file is Markdown (.md)'),
  /** Estimated minutes; shown to learners as time left. */
  minutes: z.number().int().min(1).max(600).optional(),
  /** Quizzes only: overrides the course's pass mark. */
  passMark: PassMark.optional(),
});
export type ManifestItem = z.infer<typeof ManifestItem>;

export const ManifestModule = z.strictObject({
  id: Slug,
  title: z.string().min(1).max(200),
  summary: z.string().max(1000).optional(),
  items: z.array(ManifestItem).min(1, 'a module needs at least one item'),
});
export type ManifestModule = z.infer<typeof ManifestModule>;

export const ManifestCourse = z.strictObject({
  id: Slug,
  title: z.string().min(1).max(200),
  summary: z.string().max(2000).optional(),
  /** The share of quiz points needed to pass a quiz in this course, from 0 to 1. */
  passMark: PassMark.default(0.8),
  modules: z.array(ManifestModule).min(1, 'a course needs at least one module'),
});
export type ManifestCourse = z.infer<typeof ManifestCourse>;

export const Author = z.strictObject({
  name: z.string().min(1).max(200),
  email: z.email().optional(),
});

export const PackManifest = z.strictObject({
  /** Editors read this line; see docs/pack.schema.json. */
  $schema: z.string().optional(),
  id: Slug,
  version: Semver,
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(2000),
  authors: z.array(Author).min(1, 'name at least one author'),
  /** A BCP 47 language tag, like "en" or "en-GB". */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'use a language tag, like "en" or "en-GB"'),
  courses: z.array(ManifestCourse).min(1, 'a pack needs at least one course'),
  /**
   * The company's social media guidelines, checked in the writing studio: a YAML file in the pack
   * (format in docs/course-packs.md and docs/guidelines.example.yaml).
   */
  guidelines: PackPath.refine(
    (path) => /\.ya?ml$/.test(path),
    'a guidelines file is YAML (.yaml or .yml)',
  ).optional(),
});
export type PackManifest = z.infer<typeof PackManifest>;
