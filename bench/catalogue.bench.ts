// The Learn and Packs screens' handlers with 100 packs installed, beside one hand-written SQL query that
// returns the same rows. Latency, not throughput: what a learner waits for when the screen opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../src-main/db/open';
import { installPackFolder } from '../src-main/packs/install';
import { createCatalogue } from '../src-main/training/catalogue';
import { latenciesMs, percentile, type Row } from './measure';
import { writeGeneratedPack, type GeneratedCourse } from './pack-gen';

const migrationsDir = join(import.meta.dirname, '..', 'src-main', 'db', 'migrations');
const PACKS = 100;
const CALLS = 200;

// The floor for listCourses: counts, minutes and the learner's progress per course in one statement.
const COURSES_SQL = `
SELECT c.pack_id AS packId, p.title AS packTitle, c.id, c.title, c.summary,
  (SELECT count(*) FROM modules m WHERE m.pack_id = c.pack_id AND m.course_id = c.id) AS modules,
  (SELECT count(*) FROM items i WHERE i.pack_id = c.pack_id AND i.course_id = c.id) AS items,
  (SELECT coalesce(sum(i.minutes), 0) FROM items i WHERE i.pack_id = c.pack_id AND i.course_id = c.id) AS minutes,
  (SELECT count(*) FROM items i JOIN item_progress ip ON ip.pack_id = i.pack_id AND ip.item_id = i.id
    WHERE i.pack_id = c.pack_id AND i.course_id = c.id AND ip.completed_at IS NOT NULL) AS completedItems,
  coalesce(
    (SELECT ip.item_id FROM items i JOIN item_progress ip ON ip.pack_id = i.pack_id AND ip.item_id = i.id
      WHERE i.pack_id = c.pack_id AND i.course_id = c.id AND ip.completed_at IS NULL
      ORDER BY ip.last_opened_at DESC LIMIT 1),
    (SELECT i.id FROM items i LEFT JOIN item_progress ip ON ip.pack_id = i.pack_id AND ip.item_id = i.id
      WHERE i.pack_id = c.pack_id AND i.course_id = c.id AND ip.completed_at IS NULL
      ORDER BY i.position LIMIT 1)
  ) AS resumeItemId,
  EXISTS (SELECT 1 FROM course_completions cc WHERE cc.pack_id = c.pack_id AND cc.course_id = c.id) AS completed
FROM courses c JOIN packs p ON p.id = c.pack_id
ORDER BY p.title, c.position`;

const PACKS_SQL = `
SELECT p.id, p.version, p.title, p.summary, p.source, p.installed_at AS installedAt,
  (SELECT count(*) FROM courses c WHERE c.pack_id = p.id) AS courses,
  (SELECT count(*) FROM items i WHERE i.pack_id = p.id) AS items
FROM packs p
ORDER BY p.title`;

export async function benchCatalogue(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-bench-catalogue-'));
  const dataDir = join(dir, 'data');
  const database = openDatabase({ file: join(dataDir, 'advocate.db'), migrationsDir });
  try {
    await installPacks(database, dataDir, join(dir, 'sources'));
    const catalogue = createCatalogue({ database, dataDir });

    const coursesQuery = database.sqlite.prepare<[], Record<string, unknown>>(COURSES_SQL);
    const rawCourses = () => coursesQuery.all().map((row) => ({ ...row, completed: row['completed'] === 1 }));
    const packsQuery = database.sqlite.prepare<[], Record<string, unknown>>(PACKS_SQL);
    const rawPacks = () =>
      packsQuery
        .all()
        .map((row) => ({ ...row, installedAt: new Date(row['installedAt'] as number).toISOString() }));

    assertSame('listCourses', catalogue.listCourses(), rawCourses(), PACKS);
    assertSame('listPacks', catalogue.listPacks(), rawPacks(), PACKS);

    const rows: Row[] = [];
    for (const [name, ours, floor] of [
      ['listCourses', catalogue.listCourses, rawCourses],
      ['listPacks', catalogue.listPacks, rawPacks],
    ] as const) {
      const oursMs = await latenciesMs(CALLS, ours);
      const floorMs = await latenciesMs(CALLS, floor);
      for (const [label, p] of [
        ['p50', 0.5],
        ['p95', 0.95],
      ] as const) {
        rows.push({
          name: `${name}, ${PACKS} packs installed (${label})`,
          ours: percentile(oursMs, p),
          floor: percentile(floorMs, p),
          floorName: 'one SQL query',
          unit: 'ms',
          kind: 'time',
        });
      }
    }
    return rows;
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 100 packs of 1 course × 3 modules × 10 lessons, and some progress, as a keen learner would have. */
async function installPacks(database: DatabaseHandle, dataDir: string, sources: string): Promise<void> {
  const deps = { database, dataDir, now: () => new Date() };
  const courses: { packId: string; course: GeneratedCourse }[] = [];
  for (let p = 0; p < PACKS; p += 1) {
    const id = `bench-${String(p + 1).padStart(3, '0')}`;
    const folder = join(sources, id);
    const [course] = writeGeneratedPack(folder, {
      id,
      title: `Bench pack ${String(p + 1).padStart(3, '0')}`,
      courses: 1,
      modulesPerCourse: 3,
      lessonsPerModule: 10,
      minWords: 300,
      maxWords: 500,
      assets: 1,
      assetBytes: 4096,
      seed: 1000 + p,
    });
    await installPackFolder(deps, folder, 'imported');
    rmSync(folder, { recursive: true, force: true });
    if (course) courses.push({ packId: id, course });
  }

  // Every third course started: some items done, one opened and left; every tenth course finished.
  const progress = database.sqlite.prepare(
    'INSERT INTO item_progress (pack_id, item_id, course_id, started_at, completed_at, best_score, attempts, last_opened_at) VALUES (?, ?, ?, ?, ?, NULL, 0, ?)',
  );
  const completion = database.sqlite.prepare(
    'INSERT INTO course_completions (pack_id, course_id, completed_at) VALUES (?, ?, ?)',
  );
  let clock = Date.UTC(2026, 0, 1);
  database.sqlite.transaction(() => {
    courses.forEach(({ packId, course }, index) => {
      if (index % 3 !== 0) return;
      const lessons = course.modules.flatMap((module) => module.lessons);
      const done = index % 10 === 0 ? lessons.length : (index % 7) + 1;
      lessons.slice(0, done + 1).forEach((lesson, l) => {
        clock += 60_000;
        progress.run(packId, lesson.id, course.id, clock, l < done ? clock : null, clock);
      });
      if (done === lessons.length) completion.run(packId, course.id, clock);
    });
  })();
}

function assertSame(name: string, ours: unknown[], floor: unknown[], expected: number): void {
  if (ours.length !== expected) throw new Error(`${name} returned ${ours.length} rows, not ${expected}`);
  if (!isDeepStrictEqual(ours, floor)) {
    const at = ours.findIndex((row, i) => !isDeepStrictEqual(row, floor[i]));
    throw new Error(
      `${name} and its floor query disagree at row ${at} (if ${name} changed, change the query in ` +
        `bench/catalogue.bench.ts to match):\n${JSON.stringify(ours[at])}\n${JSON.stringify(floor[at])}`,
    );
  }
}
