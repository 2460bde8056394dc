// `npm run bench -- hub-scale [--statements N]`: the trainer dashboard and the xAPI reads at a 10,000-person
// company's scale. N statements (default 100,000) built by the app's own builder are stored through the hub's
// ingest (storeStatements: validation, the progress tables, one transaction per batch of 1,000), stored over a
// year. Then every dashboard report, the CSV, the expert directory, devices and xAPI since/until windows are
// timed over HTTP (p95 of 20 calls, with the answer's size) beside the raw SQL query each needs, then 4
// trainers at once, and a device's sync while they run. PGlite always; PostgreSQL too when
// HUB_TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { hashSecret, randomToken } from '../src-hub/auth/secrets';
import { credentials, learners } from '../src-hub/db/schema/index';
import { saveProfile } from '../src-hub/profiles/store';
import { basicAuth, startTestHub, testBackends, type TestHub } from '../src-hub/testing/hub';
import { ActivityCache } from '../src-hub/xapi/activity-store';
import { AUTHORITY_HOME } from '../src-hub/xapi/routes';
import { storeStatements } from '../src-hub/xapi/store';
import { mixedProfile } from '../src-shared/testing/profile-fixtures';
import { companyProfileRecord } from '../src-shared/profile/visibility';
import { buildStatement } from '../src-shared/xapi/statements';
import { LEARNERS, learnerId, plan, SPAN_START, statementAt, teamOf } from './hub-scale-data';
import { latenciesMs, percentile, timeMs, type Row } from './measure';

const PROFILES = 2_000;
const CALLS = 20;
const LOAD_BATCH = 1_000;

function statementCount(): number {
  const at = process.argv.indexOf('--statements');
  const n = at >= 0 ? Number(process.argv[at + 1]) : 100_000;
  if (!Number.isInteger(n) || n <= 0) throw new Error('--statements must be a whole number');
  return n;
}

export async function benchHubScale(): Promise<Row[]> {
  const rows: Row[] = [];
  const total = statementCount();
  for (const backend of testBackends) {
    const hub = await startTestHub(backend, { maxAuthFailures: 1_000_000 });
    try {
      const device = await seedPeople(hub);
      const loaded = await load(hub, total);
      console.log(`  ${backend}: ${loaded.count} statements loaded in ${(loaded.ms / 1000).toFixed(0)} s`);
      await measure(hub, rows, `${backend}, ${loaded.count}`, device);
    } finally {
      await hub.close();
    }
  }
  return rows;
}

/** 10,000 learners in 50 teams, each with a device; 2,000 of them share a profile with a photo. */
async function seedPeople(hub: TestHub): Promise<string> {
  const db = hub.database.db;
  const secret = randomToken(24);
  const secretHash = await hashSecret(secret);
  const now = new Date(SPAN_START);
  for (let i = 0; i < LEARNERS; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, LEARNERS - i) }, (_, k) => i + k);
    await db.insert(learners).values(
      ids.map((n) => ({
        id: learnerId(n),
        name: `Learner ${n}`,
        email: `${learnerId(n)}@company.example`,
        team: teamOf(n),
        createdAt: now,
      })),
    );
    await db.insert(credentials).values(
      ids.map((n) => ({
        key: `ak_bench${n}`,
        name: `Laptop of learner ${n}`,
        role: 'device' as const,
        secretHash,
        learnerId: learnerId(n),
        createdAt: now,
      })),
    );
  }
  // A photo near the app's limit and a portfolio of 40 pieces: what made the old directory page 67 MB.
  const photo = `data:image/png;base64,${Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(60_000)]).toString('base64')}`;
  const { profile, portfolio } = mixedProfile();
  const pieces = Array.from(
    { length: 40 },
    (_, k) => ({ ...portfolio[0], id: `p${k}` }) as (typeof portfolio)[0],
  );
  for (let n = 0; n < PROFILES; n++) {
    const record = companyProfileRecord(
      learnerId(n * 5),
      { ...profile, name: `Learner ${n * 5}`, photo },
      pieces,
    );
    await saveProfile(db, { ...record, updatedAt: null } as never, now);
  }
  return basicAuth('ak_bench0', secret);
}

/** Stores the planned statements in time order through the hub's own ingest, each batch "stored" at its time. */
async function load(hub: TestHub, total: number): Promise<{ count: number; ms: number }> {
  const planned = plan(total);
  const writer = {
    authority: { objectType: 'Agent', account: { homePage: AUTHORITY_HOME, name: 'bench' } },
    credentialKey: 'bench',
    allowedActors: null,
  };
  const activities = new ActivityCache();
  const ms = await timeMs(async () => {
    for (let i = 0; i < planned.at.length; i += LOAD_BATCH) {
      const batch = [];
      const end = Math.min(planned.at.length, i + LOAD_BATCH);
      for (let k = i; k < end; k++)
        batch.push(
          statementAt(planned.learner[k] as number, planned.step[k] as number, planned.at[k] as number),
        );
      const storedAt = new Date((planned.at[end - 1] as number) + 1000);
      await storeStatements(hub.database.db, batch, writer, storedAt, { activities });
    }
  });
  return { count: planned.at.length, ms };
}

interface Timed {
  p95: number;
  bytes: number;
}

async function measure(hub: TestHub, rows: Row[], label: string, deviceAuth: string): Promise<void> {
  const db = hub.database.db;
  const cookie = await signIn(hub);
  const trainer = (await hub.credential('trainer', 'bench xAPI')).auth;
  const dashboard = (path: string) => fetchBody(`${hub.url}/dashboard/api/${path}`, { cookie });
  const xapi = (query: string) =>
    fetchBody(`${hub.url}/xapi/statements?${query}`, {
      authorization: trainer,
      'x-experience-api-version': '2.0.0',
    });
  const raw = async (query: SQL) => {
    await db.execute(query);
  };
  const [sample] = (
    (await db.execute(sql`select course_id from course_progress limit 1`)) as unknown as {
      rows: { course_id: string }[];
    }
  ).rows;
  const courseId = encodeURIComponent(sample?.course_id ?? '');
  // An older week, in the middle of the year the statements were stored over.
  const since = new Date(SPAN_START + 150 * 86_400_000).toISOString();
  const until = new Date(SPAN_START + 157 * 86_400_000).toISOString();
  const completedSql = sql`select course_id, count(*) from course_progress where completed_at is not null group by course_id`;
  const windowSql = (ascending: boolean) =>
    sql`select statement from statements where not voided and stored > ${since} and stored <= ${until}
        order by stored ${sql.raw(ascending ? 'asc' : 'desc')}, seq ${sql.raw(ascending ? 'asc' : 'desc')} limit 101`;

  const cases: [string, () => Promise<number>, SQL, string][] = [
    ['completions report', () => dashboard('completions'), completedSql, 'GROUP BY of course_progress'],
    ['completions, one course', () => dashboard(`completions?course=${courseId}`), completedSql, 'GROUP BY'],
    ['completions, one team', () => dashboard('completions?team=Team%2007'), completedSql, 'GROUP BY'],
    [
      'completions, from/to',
      () => dashboard('completions?from=2026-03-01&to=2026-03-31'),
      completedSql,
      'GROUP BY',
    ],
    [
      'completions CSV, all',
      () => dashboard('completions.csv'),
      sql`select * from course_progress where completed_at is not null`,
      'SELECT completed rows',
    ],
    [
      'experts, first page',
      () => dashboard('experts'),
      sql`select learner_id, name from profiles order by lower(name), learner_id limit 50`,
      'SELECT a page of names',
    ],
    [
      'experts, words',
      () => dashboard('experts?q=compilers'),
      sql`select learner_id from profiles where search_text ilike '%compilers%' limit 50`,
      'ILIKE search_text',
    ],
    [
      'devices, first page',
      () => dashboard('devices'),
      sql`select key from credentials where role = 'device' order by key limit 100`,
      'SELECT a page of keys',
    ],
    [
      'devices, search',
      () => dashboard('devices?q=learner%204242'),
      sql`select key from credentials where role = 'device' and name ilike '%4242%'`,
      'ILIKE',
    ],
    [
      'xAPI since/until, an older week',
      () => xapi(`since=${since}&until=${until}`),
      windowSql(false),
      'indexed window',
    ],
    ['xAPI since, ascending', () => xapi(`since=${since}&ascending=true`), windowSql(true), 'indexed window'],
  ];
  for (const [name, call, floorSql, floorName] of cases) {
    const ours = await timed(call);
    const floor = await timed(async () => {
      await raw(floorSql);
      return 0;
    });
    rows.push({
      name: `${name} (${label}; ${kb(ours.bytes)})`,
      ours: ours.p95,
      floor: floor.p95,
      floorName,
      unit: 'ms p95',
      kind: 'time',
    });
  }

  // Four trainers at once, each loading the report repeatedly; and a device syncing 100 statements meanwhile.
  const one = await timed(() => dashboard('completions'));
  const idleSync = await timed(() => sync(hub, deviceAuth));
  let running = true;
  const trainers = Array.from({ length: 4 }, async () => {
    const samples: number[] = [];
    while (running && samples.length < CALLS) samples.push(await timeMs(() => dashboard('completions')));
    return samples;
  });
  const busySync: number[] = [];
  for (let i = 0; i < 5; i++) busySync.push(await timeMs(() => sync(hub, deviceAuth)));
  const all = (await Promise.all(trainers)).flat().sort((a, b) => a - b);
  running = false;
  rows.push({
    name: `completions report, 4 trainers at once (${label})`,
    ours: percentile(all, 0.95),
    floor: one.p95,
    floorName: 'one trainer',
    unit: 'ms p95',
    kind: 'time',
  });
  rows.push({
    name: `device sync of 100 during the reports (${label})`,
    ours: percentile(
      busySync.sort((a, b) => a - b),
      0.95,
    ),
    floor: idleSync.p95,
    floorName: 'idle',
    unit: 'ms p95',
    kind: 'time',
  });
}

async function timed(call: () => Promise<number>): Promise<Timed> {
  let bytes = 0;
  const samples = await latenciesMs(CALLS, async () => {
    bytes = await call();
  });
  return { p95: percentile(samples, 0.95), bytes };
}

/** GETs a path and reads the whole answer; returns its size in bytes. */
async function fetchBody(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  if (!response.ok)
    throw new Error(`${url}: ${response.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  return body.byteLength;
}

async function signIn(hub: TestHub): Promise<string> {
  const { key, secret } = await hub.credential('trainer', 'bench trainer');
  const response = await fetch(`${hub.url}/dashboard/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key, secret }),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

let syncs = 0;
/** One device's sync: 100 new statements of its learner, as the app sends them. */
async function sync(hub: TestHub, auth: string): Promise<number> {
  syncs++;
  const batch = Array.from({ length: 100 }, (_, k) =>
    buildStatement({
      id: `00000000-0000-4000-8000-${String(syncs * 1000 + k).padStart(12, '0')}`,
      timestamp: new Date(),
      learner: { id: learnerId(0), name: 'Learner 0' },
      verb: 'attempted',
      object: { kind: 'lesson', packId: 'company-advocacy', id: `extra-${k}`, title: 'Extra' },
      parents: [{ kind: 'course', packId: 'company-advocacy', id: 'course-0', title: 'Course 1' }],
    }),
  );
  const response = await fetch(`${hub.url}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', 'x-experience-api-version': '2.0.0' },
    body: JSON.stringify(batch),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`sync: ${response.status}`);
  return 0;
}

function kb(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return bytes >= 1000 ? `${(bytes / 1000).toFixed(1)} KB` : `${bytes} B`;
}
