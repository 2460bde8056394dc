import { createWriteStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { lstat, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { formatBytes, PackZipError } from './errors';
import { planPackZip } from './inspect';
import { checkEntryPath, DEFAULT_ZIP_LIMITS, fileTypeError, isAllowedFileType } from './rules';

export interface BuiltPackZip {
  files: number;
  /** Size of the zip file written. */
  bytes: number;
}

// Local midnight, because DOS timestamps are local time: every machine writes the same bytes.
const FIXED_MTIME = new Date(1980, 0, 1);
const FILE_MODE = 0o100644;

/**
 * Zips a pack folder deterministically (sorted entries, fixed times and modes), skipping dotfiles and
 * node_modules. The result is checked with the same rules extraction applies, so a built pack always imports.
 */
export async function buildPackZip(folder: string, outFile: string): Promise<BuiltPackZip> {
  const files = await listPackFiles(folder, '');
  files.sort();
  const tmp = `${outFile}.tmp`;
  try {
    await writeZip(folder, files, tmp);
    (await planPackZip(tmp, DEFAULT_ZIP_LIMITS)).zip.close();
    await rename(tmp, outFile);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return { files: files.length, bytes: (await stat(outFile)).size };
}

async function listPackFiles(folder: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const dirent of await readdir(join(folder, prefix), { withFileTypes: true })) {
    if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
    const path = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
    if (dirent.isDirectory()) {
      found.push(...(await listPackFiles(folder, path)));
    } else {
      await checkSourceFile(folder, path, dirent);
      found.push(path);
    }
  }
  return found;
}

/** Refuses up front what extraction would refuse, so nothing big is zipped only to be thrown away. */
async function checkSourceFile(folder: string, path: string, dirent: Dirent): Promise<void> {
  if (!dirent.isFile()) {
    const what = dirent.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
    throw new PackZipError('LINK', path, `"${path}" is ${what}; a course pack may hold only regular files.`);
  }
  checkEntryPath(path);
  if (!isAllowedFileType(path)) throw fileTypeError(path);
  const { size } = await lstat(join(folder, path));
  if (size > DEFAULT_ZIP_LIMITS.maxFileBytes) {
    const message = `"${path}" is ${formatBytes(size)}; a file in a course pack may be at most ${formatBytes(DEFAULT_ZIP_LIMITS.maxFileBytes)}.`;
    throw new PackZipError('FILE_TOO_LARGE', path, message);
  }
}

async function writeZip(folder: string, files: string[], outFile: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  // yazl reports a failed read on the ZipFile; ending the output with it rejects the pipeline below.
  zip.on('error', (error: Error) => output.destroy(error));
  for (const path of files) {
    zip.addFile(join(folder, path), path, {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      compress: true,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  await pipeline(output, createWriteStream(outFile));
}
