// `npm run bench -- hub-scale [--statements N]`: the trainer dashboard and the xAPI reads at a 10,000-person
// company's scale. N statements (default 100,000) built by the app's own builder are stored through the hub's
// ingest (storeStatements: validation, the progress tables, one transaction per batch of 1,000), stored over a
// year. Then every dashboard report, the CSV, the expert directory, devices and xAPI since/until windows are
// timed over HTTP (p95 of 20 calls, with the answer's size) beside the raw SQL query each needs, then 4
// trainers at once, and a device's sync while they run. PGlite always; PostgreSQL too when
// HUB_TEST_DATABASE_URL is set. `--backend postgres` runs one backend; `--keep` loads PostgreSQL into a database
// named for N (hub_scale_N) and keeps it, so a later run with `--keep` measures without loading again.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { hashSecret, randomToken } from '../src-hub/auth/secrets';
import { credentials, learners } from '../src-hub/db/schema/index';
import { saveProfile } from '../src-hub/profiles/store';
import { basicAuth, startHubOver, startTestHub, testBackends, type TestHub } from '../src-hub/testing/hub';
import { ActivityCache } from '../src-hub/xapi/activity-store';
import { AUTHORITY_HOME } from '../src-hub/xapi/routes';
import { storeStatements } from '../src-hub/xapi/store';
import { mixedProfile } from '../src-shared/testing/profile-fixtures';
import { companyProfileRecord } from '../src-shared/profile/visibility';
import { buildStatement, LEARNER_ACCOUNT_HOME } from '../src-shared/xapi/statements';
import { buildPackZip } from '../src-packs/zip/build';
import {
  benchPackFiles,
  LEARNERS,
  learnerId,
  PACK,
  plan,
  SPAN_START,
  statementAt,
  teamOf,
} from './hub-scale-data';
import { latenciesMs, percentile, timeMs, type Row } from './measure';

const PROFILES = 2_000;
const CALLS = 20;
const SYNC_CALLS = 100;
const SLOW_MS = 2_000;
const LOAD_BATCH = 1_000;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function statementCount(): number {
  const n = Number(option('--statements') ?? 100_000);
  if (!Number.isInteger(n) || n <= 0) throw new Error('--statements must be a whole number');
  return n;
}

function backends(): ('pglite' | 'postgres')[] {
  const asked = option('--backend');
  if (asked === undefined) return testBackends;
  if (asked !== 'pglite' && asked !== 'postgres') throw new Error('--backend must be pglite or postgres');
  if (!testBackends.includes(asked)) throw new Error(`--backend ${asked} needs HUB_TEST_DATABASE_URL`);
  return [asked];
}

export async function benchHubScale(): Promise<Row[]> {
  const rows: Row[] = [];
  const total = statementCount();
  const keep = process.argv.includes('--keep');
  for (const backend of backends()) {
    const kept = keep && backend === 'postgres' ? await keptDatabase(total) : null;
    const options = { maxAuthFailures: 1_000_000 };
    const hub = kept ? await startHubOver(kept.target, options) : await startTestHub(backend, options);
    try {
      let device: string;
      let count = total;
      if (kept?.loaded) {
        device = await newDeviceSecret(hub);
        count = await loadedCount(hub);
        console.log(`  ${backend}: measuring the ${count} statements kept in ${kept.name}`);
        await publishBenchPack(hub, backend);
      } else {
        device = await seedPeople(hub);
        await publishBenchPack(hub, backend);
        const loaded = await load(hub, total);
        count = loaded.count;
        console.log(`  ${backend}: ${count} statements loaded in ${(loaded.ms / 1000).toFixed(0)} s`);
        if (kept) await markLoaded(hub, count);
      }
      await measure(hub, rows, `${backend}, ${count}`, device);
    } finally {
      await hub.close();
    }
  }
  return rows;
}

/** hub_scale_N in the test PostgreSQL: made if absent (and loaded by this run), reused if a run finished loading it. */
async function keptDatabase(total: number) {
  const adminUrl = process.env['HUB_TEST_DATABASE_URL'] as string;
  const name = `hub_scale_${total}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    let loaded = false;
    if (exists) {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        loaded = (await db.query(`select 1 from pg_tables where tablename = 'bench_loaded'`)).rowCount === 1;
      } finally {
        await db.end();
      }
      // A load cut short leaves a half-filled database: start it again.
      if (!loaded) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    if (!loaded) await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { name, loaded, target: { kind: 'postgres' as const, url: url.toString() } };
  } finally {
    await admin.end();
  }
}

/**
 * Publishes the courses' pack as a trainer does (POST /packs), unless the database has it already. On a loaded
 * database (a kept one made before packs were published here) the hub then recounts every course's progress
 * against the pack's items: the time printed includes that.
 */
async function publishBenchPack(hub: TestHub, backend: string): Promise<void> {
  const found = (await hub.database.db.execute(sql`select 1 from packs where id = ${PACK}`)) as unknown as {
    rows: unknown[];
  };
  if (found.rows.length > 0) return;
  const folder = mkdtempSync(join(tmpdir(), 'advocate-bench-pack-'));
  try {
    for (const [path, text] of Object.entries(benchPackFiles())) {
      mkdirSync(dirname(join(folder, 'pack', path)), { recursive: true });
      writeFileSync(join(folder, 'pack', path), text);
    }
    await buildPackZip(join(folder, 'pack'), join(folder, 'pack.zip'));
    const trainer = (await hub.credential('trainer', 'bench pack')).auth;
    const started = performance.now();
    const answer = await fetch(`${hub.url}/packs`, {
      method: 'POST',
      headers: { authorization: trainer, 'content-type': 'application/zip' },
      body: readFileSync(join(folder, 'pack.zip')),
    });
    if (answer.status !== 201)
      throw new Error(`publishing the bench pack: ${answer.status} ${await answer.text()}`);
    console.log(
      `  ${backend}: the courses' pack published in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function markLoaded(hub: TestHub, count: number): Promise<void> {
  await hub.database.db.execute(sql`create table bench_loaded (statements integer not null)`);
  await hub.database.db.execute(sql`insert into bench_loaded values (${count})`);
  await hub.database.db.execute(sql`analyze`);
}

async function loadedCount(hub: TestHub): Promise<number> {
  const result = (await hub.database.db.execute(sql`select statements from bench_loaded`)) as unknown as {
    rows: { statements: number }[];
  };
  return Number(result.rows[0]?.statements);
}

/** A kept database's device for learner 0 with a secret for this run. */
async function newDeviceSecret(hub: TestHub): Promise<string> {
  const secret = randomToken(24);
  await hub.database.db.execute(
    sql`update credentials set secret_hash = ${await hashSecret(secret)} where key = 'ak_bench0'`,
  );
  return basicAuth('ak_bench0', secret);
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
  const rawCourse = sample?.course_id ?? '';
  const courseId = encodeURIComponent(rawCourse);
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
      'progress per course and team',
      () => dashboard('progress'),
      sql`select course_id, count(*) from item_progress group by course_id`,
      'GROUP BY of item_progress',
    ],
    [
      'progress, one course and team',
      () => dashboard(`progress?course=${courseId}&team=Team%2007`),
      sql`select count(*) from item_progress where course_id = ${rawCourse}`,
      'COUNT of a course',
    ],
    [
      "a course's participants, first page",
      () => dashboard(`participants?course=${courseId}`),
      sql`select * from course_progress where course_id = ${rawCourse} order by actor_ifi limit 100`,
      'SELECT a page',
    ],
    [
      "a course's people not started",
      () => dashboard(`participants?course=${courseId}&status=not-started`),
      sql`select l.id from learners l where not exists (select 1 from course_progress c
        where c.account_name = l.id and c.course_id = ${rawCourse}) order by l.id limit 100`,
      'NOT EXISTS page',
    ],
    [
      "a course's questions (item analysis)",
      () => dashboard(`questions?course=${courseId}`),
      sql`select * from answer_tallies where course_id = ${rawCourse}`,
      'SELECT its tallies',
    ],
    [
      'a person',
      () => dashboard(`person?id=${learnerId(42)}`),
      sql`select * from item_progress where actor_ifi = ${`account:${LEARNER_ACCOUNT_HOME}|${learnerId(42)}`}`,
      'SELECT their items',
    ],
    [
      'statement browser, a person',
      () => dashboard(`statements?person=${learnerId(42)}`),
      sql`select statement from statements where actor_ifi = ${`account:${LEARNER_ACCOUNT_HOME}|${learnerId(42)}`}
        order by stored desc, seq desc limit 50`,
      'indexed page',
    ],
    [
      'statement browser, a verb',
      () => dashboard(`statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/passed')}`),
      sql`select statement from statements where verb_id = 'http://adlnet.gov/expapi/verbs/passed'
        order by stored desc, seq desc limit 50`,
      'indexed page',
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

  // Four trainers at once, each loading a report repeatedly (the same one, then each their own team's), and a
  // device syncing 100 statements meanwhile.
  const one = await timed(() => dashboard('completions'));
  // As many idle syncs as run during the trainers' reports (about a hundred): a p95 of 20 calls is the 19th, and
  // the rarer pauses that 100 calls meet would make any load look worse than it is.
  const idleSync = percentile(await latenciesMs(SYNC_CALLS, () => sync(hub, deviceAuth)), 0.95);
  for (const [what, path] of [
    ['the same report', () => 'completions'],
    ['each their own team', (t: number) => `completions?team=Team%200${t}`],
  ] as const) {
    let running = true;
    const trainers = Promise.all(
      Array.from({ length: 4 }, async (_, t) => {
        const samples: number[] = [];
        while (samples.length < CALLS) samples.push(await timeMs(() => dashboard(path(t))));
        return samples;
      }),
    ).finally(() => (running = false));
    // Syncs one after another for as long as the trainers load reports; only those that ran among them count.
    const busySync: number[] = [];
    while (running) {
      const ms = await timeMs(() => sync(hub, deviceAuth));
      if (running || busySync.length === 0) busySync.push(ms);
    }
    const all = (await trainers).flat().sort((a, b) => a - b);
    rows.push({
      name: `completions report, 4 trainers at once, ${what} (${label})`,
      ours: percentile(all, 0.95),
      floor: one.p95,
      floorName: 'one trainer',
      unit: 'ms p95',
      kind: 'time',
    });
    rows.push({
      name: `device sync of 100 during 4 trainers' reports, ${what} (${label})`,
      ours: percentile(
        busySync.sort((a, b) => a - b),
        0.95,
      ),
      floor: idleSync,
      floorName: 'idle',
      unit: 'ms p95',
      kind: 'time',
    });
  }
}

/** p95 of CALLS calls after as many warm-ups; a call slower than SLOW_MS is timed 3 times instead (p95 = the slowest). */
async function timed(call: () => Promise<number>): Promise<Timed> {
  let bytes = 0;
  const first = await timeMs(async () => {
    bytes = await call();
  });
  if (first > SLOW_MS) {
    const samples = [first, await timeMs(call), await timeMs(call)].sort((a, b) => a - b);
    return { p95: percentile(samples, 0.95), bytes };
  }
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

/** One device's sync: 100 new statements of its learner, as the app sends them. */
async function sync(hub: TestHub, auth: string): Promise<number> {
  const batch = Array.from({ length: 100 }, (_, k) =>
    buildStatement({
      id: randomUUID(),
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
