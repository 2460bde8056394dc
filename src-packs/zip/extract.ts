import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type { ZipFile } from 'yauzl';
import { formatBytes, PackZipError } from './errors';
import { damagedZip, isSystemError, planPackZip } from './inspect';
import type { PackZipPlan, PlannedFile } from './inspect';
import { resolveLimits } from './rules';
import type { ZipLimits } from './rules';

export { PackZipError } from './errors';
export type { PackZipErrorCode } from './errors';
export type { ZipLimits } from './rules';

export interface ExtractOptions {
  limits?: Partial<ZipLimits>;
  /** Bytes written so far, and the declared uncompressed total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ExtractedPack {
  /** Relative paths with forward slashes, sorted. */
  files: string[];
  totalBytes: number;
}

interface Progress {
  done: number;
  total: number;
  report: ((done: number, total: number) => void) | undefined;
  /** What the caller's callback threw, to be rethrown as it was rather than blamed on the zip. */
  callbackFailure?: { error: unknown };
}

/**
 * Extracts a course pack zip into `destDir`, which must be empty or absent. Every entry is checked before
 * anything is written, and sizes are counted again while inflating; on any failure what was written is removed.
 */
export async function extractPackZip(
  zipFile: string,
  destDir: string,
  options: ExtractOptions = {},
): Promise<ExtractedPack> {
  const limits = resolveLimits(options.limits);
  const existed = await checkDestination(destDir);
  const plan = await planPackZip(zipFile, limits);
  try {
    await mkdir(destDir, { recursive: true });
    const progress: Progress = { done: 0, total: plan.totalBytes, report: options.onProgress };
    await writeFiles(plan, destDir, limits, progress);
    return { files: plan.files.map((file) => file.path).sort(), totalBytes: progress.done };
  } catch (error) {
    await removeWritten(destDir, existed);
    throw error;
  } finally {
    plan.zip.close();
  }
}

/** True when the folder exists (and is empty); the caller's staging folder must hold nothing we could clobber. */
async function checkDestination(destDir: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(destDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (names.length === 0) return true;
  throw new Error(`Cannot extract a course pack into ${destDir}: the folder is not empty.`);
}

async function removeWritten(destDir: string, existed: boolean): Promise<void> {
  // Retries ride out Windows holding a just-closed file open for a moment.
  const options = { recursive: true, force: true, maxRetries: 3 };
  if (!existed) return rm(destDir, options);
  for (const name of await readdir(destDir)) await rm(join(destDir, name), options);
}

async function writeFiles(
  plan: PackZipPlan,
  destDir: string,
  limits: ZipLimits,
  progress: Progress,
): Promise<void> {
  progress.report?.(0, progress.total);
  for (const file of plan.files) {
    const target = targetPath(destDir, file);
    await mkdir(dirname(target), { recursive: true });
    await writeEntry(plan.zip, file, target, limits, progress);
  }
}

/** The names were checked already; this guards against a gap in those checks. */
function targetPath(destDir: string, file: PlannedFile): string {
  const root = resolve(destDir);
  const target = resolve(root, ...file.path.split('/'));
  const back = relative(root, target);
  if (back === '' || isAbsolute(back) || back.split(sep)[0] === '..') {
    throw new PackZipError('PATH_TRAVERSAL', file.name, `"${file.name}" would land outside the pack folder.`);
  }
  return target;
}

async function writeEntry(
  zip: ZipFile,
  file: PlannedFile,
  target: string,
  limits: ZipLimits,
  progress: Progress,
): Promise<void> {
  try {
    const source = await zip.openReadStreamPromise(file.entry);
    // 'wx' fails rather than follow or overwrite anything already at the target.
    await pipeline(source, byteGuard(file, limits, progress), createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    if (progress.callbackFailure) throw progress.callbackFailure.error;
    throw error instanceof PackZipError ? error : fromZip(error, file);
  }
}

/** Reading the zip failed: unless the disk is at fault, the zip is. */
function fromZip(error: unknown, file: PlannedFile): unknown {
  if (isSystemError(error)) return error;
  // yauzl's own size check (validateEntrySizes) usually fires before ours does.
  if (/too many bytes/.test(String(error))) return lyingSizeError(file);
  return damagedZip(`"${file.name}" is damaged`, file.name, error);
}

/** Counts what inflating really produces, since the sizes in the zip are only claims. */
function byteGuard(file: PlannedFile, limits: ZipLimits, progress: Progress): Transform {
  let bytes = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      progress.done += chunk.length;
      crc = crc32(chunk, crc);
      const problem = overrun(file, bytes, progress.done, limits);
      if (problem) return callback(problem);
      try {
        progress.report?.(progress.done, progress.total);
      } catch (error) {
        // Thrown inside a transform it would be an uncaught exception, not a rejected extraction.
        progress.callbackFailure = { error };
        return callback(new Error('The progress callback failed.'));
      }
      callback(null, chunk);
    },
    flush(callback) {
      const problem = bytes !== file.size ? 'is shorter than declared' : 'fails its checksum';
      const intact = bytes === file.size && crc === file.entry.crc32;
      callback(intact ? null : damagedZip(`"${file.name}" ${problem}`, file.name, null));
    },
  });
}

function overrun(file: PlannedFile, bytes: number, total: number, limits: ZipLimits): PackZipError | null {
  if (bytes > file.size) return lyingSizeError(file);
  if (bytes > limits.maxFileBytes) {
    const message = `"${file.name}" inflates past ${formatBytes(limits.maxFileBytes)}, the most a file in a course pack may be.`;
    return new PackZipError('FILE_TOO_LARGE', file.name, message);
  }
  if (total > limits.maxTotalBytes) {
    const message = `"${file.name}" brings the unpacked pack over ${formatBytes(limits.maxTotalBytes)}, the most a course pack may hold.`;
    return new PackZipError('TOTAL_TOO_LARGE', file.name, message);
  }
  return null;
}

function lyingSizeError(file: PlannedFile): PackZipError {
  const message = `"${file.name}" inflates to more than the ${formatBytes(file.size)} its header declares; the zip lies about its sizes.`;
  return new PackZipError('FILE_TOO_LARGE', file.name, message);
}
