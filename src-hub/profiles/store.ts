import { and, arrayContains, asc, count, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { anyOf } from '../xapi/sql-array';
import type { ExpertList, ProfileUpload } from '../../src-shared/hub/schemas';
import { parseDataUrl } from '../../src-shared/profile/photo';
import type { HubDb } from '../db/open';
import { learners, profiles } from '../db/schema/index';
import { storableTimestamp } from '../../src-shared/hub/time-range';

/** Lower-cased topics and expertise area names: what the `topic` filter matches exactly. */
export function profileTopics(record: ProfileUpload): string[] {
  const names = [...record.profile.topics, ...record.profile.expertise.map((area) => area.name)];
  return [...new Set(names.map(normalise).filter((name) => name !== ''))];
}

/** Everything the `q` filter looks in, lower-cased. */
export function profileSearchText(record: ProfileUpload): string {
  const { profile } = record;
  return [
    profile.name,
    profile.headline,
    profile.bio,
    ...profile.topics,
    ...profile.expertise.flatMap((area) => [area.name, area.evidence]),
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n')
    .toLowerCase();
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Stores (or replaces) one learner's company profile. */
export async function saveProfile(db: HubDb, record: ProfileUpload, now: Date): Promise<void> {
  const values = {
    learnerId: record.learnerId,
    record: record as unknown as Record<string, unknown>,
    topics: profileTopics(record),
    searchText: profileSearchText(record),
    name: record.profile.name,
    profileUpdatedAt: record.updatedAt ? new Date(storableTimestamp(record.updatedAt) ?? 0) : null,
    receivedAt: now,
  };
  await db
    .insert(profiles)
    .values(values)
    .onConflictDoUpdate({
      target: profiles.learnerId,
      set: {
        record: values.record,
        topics: values.topics,
        searchText: values.searchText,
        name: values.name,
        profileUpdatedAt: values.profileUpdatedAt,
        receivedAt: now,
      },
    });
}

/** LIKE's wildcards taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Experts per page of the directory. */
export const EXPERTS_PAGE_SIZE = 50;

interface ExpertRow {
  learnerId: string;
  name: string | null;
  team: string | null;
  headline: string | null;
  topics: string[];
  expertise: { name: string; level: string }[];
  portfolioItems: number;
  email: string | null;
  links: { kind: string; url: string }[];
  hasPhoto: boolean;
  updatedAt: string | null;
  /** A Date from node-postgres, a string or Date from PGlite: read through `new Date`. */
  receivedAt: Date | string;
}

/**
 * The expert directory, a page of summaries: profiles with `topic` among their topics or expertise, and `q`
 * anywhere in them, by name. Only the summary's fields leave the database (never the photo or the portfolio);
 * `photoBase` is where the caller serves photos (`<photoBase>/<learnerId>/photo`).
 */
export async function findExperts(
  db: HubDb,
  filter: { topic?: string | undefined; q?: string | undefined; page?: number | undefined },
  photoBase: string,
): Promise<ExpertList> {
  const where: SQL[] = [];
  const topic = filter.topic ? normalise(filter.topic) : '';
  if (topic) where.push(arrayContains(profiles.topics, [topic]));
  const q = filter.q?.trim().toLowerCase() ?? '';
  if (q) where.push(ilike(profiles.searchText, `%${escapeLike(q)}%`));
  const condition = where.length > 0 ? and(...where) : undefined;
  // The page's ids first, by the name column alone: the records' JSON is then read for those 50 rows only.
  const page = await db
    .select({ learnerId: profiles.learnerId })
    .from(profiles)
    .where(condition)
    .orderBy(sql`lower(${profiles.name}) asc nulls last`, asc(profiles.learnerId))
    .limit(EXPERTS_PAGE_SIZE)
    .offset((filter.page ?? 0) * EXPERTS_PAGE_SIZE);
  const ids = page.map((row) => row.learnerId);
  // The record (photo included, ~100 KB compressed) is decompressed once per row, in the lateral subquery
  // (`offset 0` keeps it from being folded back into each use): read field by field, it was decompressed once for
  // each field, 160 ms for a page of 50 at 2,000 profiles.
  const rows =
    ids.length === 0
      ? []
      : (
          (await db.execute(sql`select p.learner_id as "learnerId", p.name, l.team,
                x.profile->>'headline' as headline, x.profile->'topics' as topics,
                coalesce((select jsonb_agg(jsonb_build_object('name', e->>'name', 'level', e->>'level'))
                  from jsonb_array_elements(x.profile->'expertise') e), '[]'::jsonb) as expertise,
                jsonb_array_length(x.profile->'portfolio') as "portfolioItems", x.profile->>'email' as email,
                coalesce(x.profile->'links', '[]'::jsonb) as links, (x.profile->>'photo') is not null as "hasPhoto",
                x.updated_at as "updatedAt", p.received_at as "receivedAt"
              from ${profiles} p left join ${learners} l on l.id = p.learner_id
              cross join lateral (select p.record->'profile' as profile, p.record->>'updatedAt' as updated_at offset 0) x
              where ${anyOf('p.learner_id', ids, 'text')}`)) as unknown as { rows: ExpertRow[] }
        ).rows;
  rows.sort((a, b) => ids.indexOf(a.learnerId) - ids.indexOf(b.learnerId));
  const [counted] = await db.select({ total: count() }).from(profiles).where(condition);
  return {
    experts: rows.map(({ hasPhoto, receivedAt, ...row }) => ({
      ...row,
      receivedAt: new Date(receivedAt).toISOString(),
      photoUrl: hasPhoto ? photoUrl(photoBase, row.learnerId, new Date(receivedAt)) : null,
    })),
    total: counted?.total ?? 0,
    pageSize: EXPERTS_PAGE_SIZE,
  };
}

/** The photo's URL names the profile's version, so a browser may keep it until the profile changes. */
function photoUrl(base: string, learnerId: string, receivedAt: Date): string {
  return `${base}/${encodeURIComponent(learnerId)}/photo?v=${receivedAt.getTime()}`;
}

export interface ExpertPhoto {
  contentType: string;
  bytes: Buffer;
  /** The profile's version: the `v` of its current URL. */
  version: string;
}

/** One learner's photo as bytes, or null when they have none (or no profile). */
export async function findExpertPhoto(db: HubDb, learnerId: string): Promise<ExpertPhoto | null> {
  const [row] = await db
    .select({
      photo: sql<string | null>`${profiles.record}->'profile'->>'photo'`,
      receivedAt: profiles.receivedAt,
    })
    .from(profiles)
    .where(eq(profiles.learnerId, learnerId));
  const parsed = row?.photo ? parseDataUrl(row.photo) : null;
  if (!row || !parsed) return null;
  return {
    contentType: parsed.mimeType,
    bytes: Buffer.from(parsed.base64, 'base64'),
    version: String(row.receivedAt.getTime()),
  };
}
