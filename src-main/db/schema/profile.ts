import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The advocate's expert profile: one row (id 1). The name lives in `learner`, shared with certificates and
 * completion records. Who may see each field is kept beside it; nothing marked "me" leaves the device.
 */
export const profile = sqliteTable('profile', {
  id: integer('id').primaryKey(),
  headline: text('headline').notNull().default(''),
  /** Markdown, rendered sanitised. */
  bio: text('bio').notNull().default(''),
  /** A data: URL of a PNG, JPEG or WebP image, resized in the app before it is saved. */
  photo: text('photo'),
  topics: text('topics', { mode: 'json' }).notNull().$type<string[]>(),
  /** Link kind (linkedin, blog, github, website) to its https address. */
  links: text('links', { mode: 'json' }).notNull().$type<Record<string, string>>(),
  /** Field name to "me", "company" or "public". */
  visibility: text('visibility', { mode: 'json' }).notNull().$type<Record<string, string>>(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const expertiseAreas = sqliteTable('expertise_areas', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['learning', 'practitioner', 'expert'] }).notNull(),
  /** What shows the expertise, in the person's words. */
  evidence: text('evidence').notNull().default(''),
  /** Certificates and published pieces cited as evidence: [{ kind, id }]. */
  evidenceRefs: text('evidence_refs', { mode: 'json' })
    .notNull()
    .$type<{ kind: 'certificate' | 'piece'; id: string }[]>(),
  visibility: text('visibility', { enum: ['me', 'company', 'public'] }).notNull(),
  position: integer('position').notNull(),
});

/** Talks, articles, podcasts and open-source work the person adds by hand. */
export const portfolioItems = sqliteTable('portfolio_items', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['talk', 'article', 'podcast', 'open-source', 'other'] }).notNull(),
  title: text('title').notNull(),
  url: text('url'),
  /** The day of the talk or publication, YYYY-MM-DD. */
  date: text('date').notNull(),
  description: text('description').notNull().default(''),
  visibility: text('visibility', { enum: ['me', 'company', 'public'] }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Who may see a portfolio entry that appears by itself (a published piece, a certificate). Without a row it
 * is "me": nothing leaves the device until the person chooses.
 */
export const portfolioVisibility = sqliteTable(
  'portfolio_visibility',
  {
    source: text('source', { enum: ['piece', 'certificate'] }).notNull(),
    sourceId: text('source_id').notNull(),
    visibility: text('visibility', { enum: ['me', 'company', 'public'] }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.source, table.sourceId] })],
);
