import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { checkPackOffThread, PackCheckFailed } from '../../src-packs/off-thread';
import type { LoadedPack, PackReport } from '../../src-packs/validate';
import { problemLines } from '../../src-packs/problems';
import { audit } from '../auth/audit';
import { sha256 } from '../auth/secrets';
import type { PackEntry, PackPreview } from '../../src-shared/hub/schemas';
import { compareSemver } from '../../src-shared/packs/semver';
import type { HubDb } from '../db/open';
import { packs } from '../db/schema/index';

export class PackUploadError extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly code: 'pack_zip' | 'pack_invalid' | 'pack_version_taken',
    message: string,
    /** `file:line: field: message`, as `npm run pack -- validate` prints them. */
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/**
 * Checks an uploaded pack zip with the app's own reader and validator (so a trainer sees the problems the app
 * would report), then publishes it. Re-uploading the same bytes is a no-op; other bytes under a published
 * version are refused, because devices must be able to trust that a version never changes.
 */
export async function publishPack(
  db: HubDb,
  zip: Buffer,
  uploadedBy: string,
  now: Date,
): Promise<{ entry: PackEntry; created: boolean; warnings: string[] }> {
  const { pack, warnings } = await readUpload(zip);
  const { manifest } = pack;
  const digest = sha256(zip);
  const row = {
    id: manifest.id,
    version: manifest.version,
    title: manifest.title,
    sha256: digest,
    size: zip.length,
    zip,
    uploadedAt: now,
    uploadedBy,
  };
  const created = await db.transaction(async (tx) => {
    const inserted = await tx.insert(packs).values(row).onConflictDoNothing().returning({ id: packs.id });
    if (inserted.length > 0) {
      await audit(tx, uploadedBy, 'pack.publish', { id: row.id, version: row.version, sha256: digest }, now);
      return true;
    }
    const [existing] = await tx
      .select({ sha256: packs.sha256 })
      .from(packs)
      .where(and(eq(packs.id, row.id), eq(packs.version, row.version)));
    if (existing?.sha256 !== digest) {
      throw new PackUploadError(
        409,
        'pack_version_taken',
        `${row.id} ${row.version} is already published with different contents: raise the version in pack.yaml.`,
      );
    }
    return false;
  });
  const [stored] = await db
    .select({ uploadedAt: packs.uploadedAt })
    .from(packs)
    .where(and(eq(packs.id, row.id), eq(packs.version, row.version)));
  return { entry: toEntry({ ...row, uploadedAt: stored?.uploadedAt ?? now }), created, warnings };
}

/**
 * What publishing this zip would do, without publishing it: its contents, its warnings, and whether the version
 * is new, already published with these bytes, taken by other bytes, or older than the latest. The dashboard
 * shows this and asks before publishing, because a published version can never be replaced.
 */
export async function previewPack(db: HubDb, zip: Buffer): Promise<PackPreview> {
  const { pack, warnings } = await readUpload(zip);
  const { manifest } = pack;
  const versions = await db
    .select({ version: packs.version, sha256: packs.sha256 })
    .from(packs)
    .where(eq(packs.id, manifest.id));
  const same = versions.find((row) => row.version === manifest.version);
  const latest =
    versions
      .map((row) => row.version)
      .sort(compareSemver)
      .at(-1) ?? null;
  return {
    id: manifest.id,
    version: manifest.version,
    title: manifest.title,
    summary: manifest.summary,
    courses: manifest.courses.map((course) => ({
      title: course.title,
      modules: course.modules.length,
      items: course.modules.reduce((sum, module) => sum + module.items.length, 0),
    })),
    hasGuidelines: pack.guidelines !== null,
    warnings,
    latestPublished: latest,
    publish: same ? (same.sha256 === sha256(zip) ? 'already-published' : 'version-taken') : 'new',
    olderThanLatest: latest !== null && compareSemver(manifest.version, latest) < 0,
  };
}

/** Unpacks and validates an upload (in a worker): the pack and its warnings, or a 400 with its problems. */
async function readUpload(zip: Buffer): Promise<{ pack: LoadedPack; warnings: string[] }> {
  const work = await mkdtemp(join(tmpdir(), 'advocate-hub-pack-'));
  try {
    const zipFile = join(work, 'upload.zip');
    await writeFile(zipFile, zip);
    const report = await checkUpload(zipFile, join(work, 'pack'));
    if (!report.pack) {
      const problems = problemLines(report.problems, report.problemCount);
      const count = report.problemCount.toLocaleString('en');
      throw new PackUploadError(400, 'pack_invalid', `The pack has ${count} problem(s).`, problems);
    }
    return { pack: report.pack, warnings: problemLines(report.warnings, report.warningCount, 'warning') };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Unpacks and validates an upload in a worker thread, so the hub keeps answering meanwhile. */
async function checkUpload(zipFile: string, folder: string): Promise<PackReport> {
  let outcome;
  try {
    outcome = await checkPackOffThread({ zipFile, folder, manifestOnly: true });
  } catch (error) {
    if (error instanceof PackCheckFailed && error.reason !== 'crash') {
      throw new PackUploadError(400, 'pack_invalid', error.message);
    }
    throw error;
  }
  if (outcome.kind === 'zip-refused') throw new PackUploadError(400, 'pack_zip', outcome.message);
  return outcome.report;
}

/** The latest version of every pack, by semantic version. */
export async function listLatestPacks(db: HubDb): Promise<PackEntry[]> {
  const rows = await db
    .select({
      id: packs.id,
      version: packs.version,
      title: packs.title,
      sha256: packs.sha256,
      size: packs.size,
      uploadedAt: packs.uploadedAt,
    })
    .from(packs);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = latest.get(row.id);
    if (!current || compareSemver(row.version, current.version) > 0) latest.set(row.id, row);
  }
  return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id)).map(toEntry);
}

export async function readPackZip(
  db: HubDb,
  id: string,
  version: string,
): Promise<{ zip: Buffer; sha256: string } | null> {
  const [row] = await db
    .select({ zip: packs.zip, sha256: packs.sha256 })
    .from(packs)
    .where(and(eq(packs.id, id), eq(packs.version, version)));
  return row ?? null;
}

function toEntry(row: {
  id: string;
  version: string;
  title: string;
  sha256: string;
  size: number;
  uploadedAt: Date;
}): PackEntry {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    sha256: row.sha256,
    size: row.size,
    uploadedAt: row.uploadedAt.toISOString(),
    url: `/packs/${encodeURIComponent(row.id)}/${encodeURIComponent(row.version)}.zip`,
  };
}
