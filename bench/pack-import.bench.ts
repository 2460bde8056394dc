// Importing a big course pack zip (safe unzip, validation, rows and search index in one transaction) beside
// the raw work it wraps: unzipping with yauzl without a single check, and inserting the same rows with
// prepared statements.
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import yauzl from 'yauzl';
import { openDatabase } from '../src-main/db/open';
import { installPackZip } from '../src-main/packs/install';
import { formatProblem } from '../src-packs/problems';
import { validatePackFolder } from '../src-packs/validate';
import { buildPackZip } from '../src-packs/zip/build';
import { median, settleDisk, timeMs, type Row } from './measure';
import { writeGeneratedPack, type PackSpec } from './pack-gen';

const migrationsDir = join(import.meta.dirname, '..', 'src-main', 'db', 'migrations');
/** Each run writes 50 MB, so disk noise is real: the median of five, interleaved. */
const RUNS = 5;

export const bigPack: PackSpec = {
  id: 'bench-big',
  title: 'Bench big pack',
  courses: 10,
  modulesPerCourse: 10,
  lessonsPerModule: 10,
  minWords: 300,
  maxWords: 500,
  assets: 50,
  assetBytes: 1024 * 1024,
  seed: 20261125,
};

/** Writes the big pack, checks it is valid and zips it; returns the zip's path. */
export async function makeBigPackZip(dir: string): Promise<string> {
  const folder = join(dir, 'pack');
  writeGeneratedPack(folder, bigPack);
  const report = validatePackFolder(folder);
  if (!report.pack || report.warnings.length > 0) {
    const lines = [...report.problems, ...report.warnings].map(formatProblem);
    throw new Error(`The generated pack is not clean:\n${lines.slice(0, 20).join('\n')}`);
  }
  if (report.pack.items.length !== 1000) {
    throw new Error(`Expected 1,000 lessons, got ${report.pack.items.length}`);
  }
  const zipFile = join(dir, 'pack.zip');
  await buildPackZip(folder, zipFile);
  rmSync(folder, { recursive: true, force: true });
  return zipFile;
}

export async function benchPackImport(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-bench-import-'));
  try {
    const zipFile = await makeBigPackZip(dir);
    const ours: number[] = [];
    const floor: number[] = [];
    // Interleaved, so drift in the machine (page cache, other load) falls on both alike.
    for (let run = 0; run < RUNS; run += 1) {
      ours.push(await oursOnce(zipFile, join(dir, `ours-${run}`)));
      floor.push(await floorOnce(zipFile, join(dir, `raw-${run}`)));
    }
    return [
      {
        name: 'import 1,000 lessons + 50 MB assets',
        ours: median(ours) / 1000,
        floor: median(floor) / 1000,
        floorName: 'yauzl unzip + prepared inserts',
        unit: 's',
        kind: 'time',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function oursOnce(zipFile: string, dataDir: string): Promise<number> {
  const database = openDatabase({ file: join(dataDir, 'advocate.db'), migrationsDir });
  try {
    const deps = { database, dataDir, now: () => new Date() };
    settleDisk();
    let items = 0;
    const ms = await timeMs(async () => {
      items = (await installPackZip(deps, zipFile, 'imported')).items;
    });
    if (items !== 1000) throw new Error(`installPackZip installed ${items} items, not 1,000`);
    return ms;
  } finally {
    database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same pack and search tables (migrations 0001 and 0003, run as is) with openDatabase's settings. */
function rawDatabase(file: string): Database.Database {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  for (const name of ['0001_course_packs.sql', '0003_lesson_search.sql']) {
    raw.exec(readFileSync(join(migrationsDir, name), 'utf8'));
  }
  return raw;
}

async function floorOnce(zipFile: string, dataDir: string): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const raw = rawDatabase(join(dataDir, 'raw.db'));
  try {
    settleDisk();
    return await timeMs(async () => {
      const folder = join(dataDir, 'pack');
      await rawUnzip(zipFile, folder);
      insertRows(raw, folder);
    });
  } finally {
    raw.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every entry straight to disk: no planning, no limits, no checksums of our own. */
async function rawUnzip(zipFile: string, folder: string): Promise<void> {
  const zip = await yauzl.openPromise(zipFile, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const target = join(folder, entry.fileName);
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
    }
  } finally {
    zip.close();
  }
}

interface RawManifest {
  id: string;
  version: string;
  title: string;
  summary: string;
  language: string;
  authors: unknown;
  courses: {
    id: string;
    title: string;
    modules: {
      id: string;
      title: string;
      items: { id: string; kind: string; file: string; minutes?: number }[];
    }[];
  }[];
}

/**
 * The rows the importer writes (pack, courses, modules, items, and each item's search entry, here with its
 * Markdown as is), read from the files as plainly as possible, in one transaction.
 */
function insertRows(raw: Database.Database, folder: string): void {
  const manifest = parse(readFileSync(join(folder, 'pack.yaml'), 'utf8')) as RawManifest;
  const insertPack = raw.prepare(
    'INSERT INTO packs (id, version, title, summary, language, authors, folder, source, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertCourse = raw.prepare(
    'INSERT INTO courses (pack_id, id, title, summary, pass_mark, position) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertModule = raw.prepare(
    'INSERT INTO modules (pack_id, course_id, id, title, summary, position) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertItem = raw.prepare(
    'INSERT INTO items (pack_id, id, course_id, module_id, kind, title, file, body, minutes, pass_mark, details, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSearch = raw.prepare(
    'INSERT INTO item_search (title, text, pack_id, item_id) VALUES (?, ?, ?, ?)',
  );
  raw.transaction(() => {
    const packId = manifest.id;
    insertPack.run(
      packId,
      manifest.version,
      manifest.title,
      manifest.summary,
      manifest.language,
      JSON.stringify(manifest.authors),
      `packs/${packId}/${manifest.version}`,
      'imported',
      Date.now(),
    );
    let position = 0;
    manifest.courses.forEach((course, c) => {
      insertCourse.run(packId, course.id, course.title, null, 0.8, c);
      course.modules.forEach((module, m) => {
        insertModule.run(packId, course.id, module.id, module.title, null, m);
        for (const item of module.items) {
          const text = readFileSync(join(folder, item.file), 'utf8');
          const end = text.indexOf('\n---\n', 3);
          const title = /^title: (.*)$/m.exec(text.slice(0, end))?.[1] ?? '';
          const body = text.slice(end + 5);
          insertItem.run(
            packId,
            item.id,
            course.id,
            module.id,
            item.kind,
            title,
            item.file,
            body,
            item.minutes ?? null,
            null,
            '{}',
            position,
          );
          insertSearch.run(title, body, packId, item.id);
          position += 1;
        }
      });
    });
  })();
}
