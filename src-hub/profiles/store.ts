import { and, arrayContains, asc, eq, ilike, type SQL } from 'drizzle-orm';
import type { ExpertEntry, ProfileUpload } from '../../src-shared/hub/schemas';
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
        profileUpdatedAt: values.profileUpdatedAt,
        receivedAt: now,
      },
    });
}

/** LIKE's wildcards taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The expert directory: profiles with `topic` among their topics or expertise, and `q` anywhere in them. */
export async function findExperts(
  db: HubDb,
  filter: { topic?: string | undefined; q?: string | undefined },
): Promise<ExpertEntry[]> {
  const where: SQL[] = [];
  const topic = filter.topic ? normalise(filter.topic) : '';
  if (topic) where.push(arrayContains(profiles.topics, [topic]));
  const q = filter.q?.trim().toLowerCase() ?? '';
  if (q) where.push(ilike(profiles.searchText, `%${escapeLike(q)}%`));
  const rows = await db
    .select({ profile: profiles, team: learners.team })
    .from(profiles)
    .innerJoin(learners, eq(learners.id, profiles.learnerId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(profiles.learnerId));
  return rows
    .map(({ profile, team }) => {
      const record = profile.record as unknown as ProfileUpload;
      return {
        learnerId: profile.learnerId,
        name: record.profile.name,
        team,
        updatedAt: record.updatedAt,
        receivedAt: profile.receivedAt.toISOString(),
        profile: record.profile,
      };
    })
    .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'));
}
