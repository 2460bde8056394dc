import { inArray, sql } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import type { HubDb, HubTx } from '../db/open';
import { xapiActivities } from '../db/schema/index';
import { activityDefinitions, MERGED_BY_ENTRY, mergeDefinition } from './activities';

type Json = Record<string, unknown>;

/**
 * The canonical definitions this hub instance wrote or read lately. Statements mostly repeat definitions the LRS
 * already holds (every lesson names its course), so a definition that would change nothing costs no query. Entries
 * live a minute: another instance's change is seen by then.
 */
export class ActivityCache {
  private readonly entries = new Map<string, { definition: Json; at: number }>();
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 20_000,
  ) {}

  get(id: string): Json | undefined {
    const entry = this.entries.get(id);
    if (!entry || this.clock() - entry.at > this.ttlMs) return undefined;
    return entry.definition;
  }

  set(id: string, definition: Json): void {
    this.entries.delete(id);
    this.entries.set(id, { definition, at: this.clock() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * Folds the definitions new statements carry into the canonical ones, inside the statements' transaction; returns
 * what to cache once it commits. Rows are locked in id order, so concurrent batches wait rather than deadlock.
 */
export async function recordActivityDefinitions(
  tx: HubTx,
  statements: Json[],
  overwrite: boolean,
  cache: ActivityCache,
): Promise<Map<string, Json>> {
  const incoming = new Map<string, Json>();
  for (const statement of statements) {
    for (const [id, definition] of activityDefinitions(statement)) {
      incoming.set(id, mergeDefinition(incoming.get(id) ?? {}, definition, overwrite));
    }
  }
  const changing = [...incoming.keys()]
    .filter((id) => {
      const known = cache.get(id);
      return !known || !isDeepStrictEqual(mergeDefinition(known, incoming.get(id) as Json, overwrite), known);
    })
    .sort();
  const merged = new Map<string, Json>();
  // In chunks, like statements: a batch of thousands of new activities would overflow one query.
  for (let i = 0; i < changing.length; i += CHUNK) {
    for (const [id, definition] of await mergeChunk(tx, changing.slice(i, i + CHUNK), incoming, overwrite)) {
      merged.set(id, definition);
    }
  }
  return merged;
}

const CHUNK = 500;

/**
 * One upsert per chunk: PostgreSQL merges each row with what is stored, under the row's lock, so two batches
 * defining one activity at once both count. The SQL merge is mergeDefinition's: top-level properties from the
 * winner, the language maps and extensions entry by entry.
 */
async function mergeChunk(
  tx: HubTx,
  ids: string[],
  incoming: Map<string, Json>,
  overwrite: boolean,
): Promise<Map<string, Json>> {
  const now = new Date();
  const stored = sql`${xapiActivities.definition}`;
  const sent = sql`excluded.definition`;
  const [loser, winner] = overwrite ? [stored, sent] : [sent, stored];
  const maps = MERGED_BY_ENTRY.map(
    (
      key,
    ) => sql`case when jsonb_typeof(${loser} -> ${key}) = 'object' and jsonb_typeof(${winner} -> ${key}) = 'object'
      then jsonb_build_object(${key}::text, (${loser} -> ${key}) || (${winner} -> ${key})) else '{}'::jsonb end`,
  );
  const rows = await tx
    .insert(xapiActivities)
    .values(ids.map((id) => ({ id, definition: incoming.get(id) as Json, updated: now })))
    .onConflictDoUpdate({
      target: xapiActivities.id,
      set: { definition: sql`${loser} || ${winner} || ${sql.join(maps, sql` || `)}`, updated: now },
    })
    .returning({ id: xapiActivities.id, definition: xapiActivities.definition });
  return new Map(rows.map((row) => [row.id, row.definition]));
}

/** The canonical definitions of these activities, as far as the hub knows them. */
export async function loadDefinitions(
  db: HubDb,
  ids: string[],
  cache: ActivityCache,
): Promise<Map<string, Json>> {
  const found = new Map<string, Json>();
  const missing = [...new Set(ids)].filter((id) => {
    const cached = cache.get(id);
    if (cached) found.set(id, cached);
    return !cached;
  });
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db
      .select({ id: xapiActivities.id, definition: xapiActivities.definition })
      .from(xapiActivities)
      .where(inArray(xapiActivities.id, missing.slice(i, i + 500)));
    for (const row of rows) {
      found.set(row.id, row.definition);
      cache.set(row.id, row.definition);
    }
  }
  return found;
}
