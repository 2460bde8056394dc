import { basename } from 'node:path';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { formatBytes, PackZipError } from './errors';
import type { ZipLimits } from './rules';
import {
  checkEntryPath,
  collisionKey,
  decodeEntryName,
  fileTypeError,
  isAllowedFileType,
  isMacJunk,
  RATIO_CHECK_MIN_BYTES,
} from './rules';

export interface PlannedFile {
  entry: Entry;
  /** As named in the zip, for messages. */
  name: string;
  /** Where it goes under the destination: forward slashes, any single top folder stripped. */
  path: string;
  /** Declared uncompressed size. */
  size: number;
}

export interface PackZipPlan {
  /** Still open, for reading the file data; the caller closes it. */
  zip: ZipFile;
  files: PlannedFile[];
  totalBytes: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Reads the whole central directory and refuses the zip before a single byte of file data is inflated. */
export async function planPackZip(zipFile: string, limits: ZipLimits): Promise<PackZipPlan> {
  const zip = await openZip(zipFile);
  try {
    if (zip.entryCount > limits.maxEntries) {
      const message = `The zip has ${zip.entryCount} entries; a course pack may have at most ${limits.maxEntries}.`;
      throw new PackZipError('TOO_MANY_ENTRIES', null, message);
    }
    const tally = new EntryTally(limits);
    await readEntries(zip, (entry) => tally.add(entry));
    const files = tally.finish();
    return { zip, files: stripTopFolder(files), totalBytes: tally.totalBytes };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function openZip(zipFile: string): Promise<ZipFile> {
  let zip: ZipFile;
  try {
    // Raw name bytes, so we decide how they decode; autoClose off, so file data can be read after the first pass.
    zip = await yauzl.openPromise(zipFile, {
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    if (isSystemError(error)) throw error;
    throw damagedZip(`${basename(zipFile)} is not a zip file, or is damaged`, null, error);
  }
  // A failure to close the file handle is emitted as 'error'; unheard, it would crash the process.
  zip.on('error', () => {});
  return zip;
}

async function readEntries(zip: ZipFile, visit: (entry: Entry) => void): Promise<void> {
  try {
    for await (const entry of zip.eachEntry()) visit(entry);
  } catch (error) {
    if (error instanceof PackZipError) throw error;
    if (/strong encryption/.test(String(error))) {
      throw new PackZipError(
        'ENCRYPTED',
        null,
        'The zip uses strong encryption; course packs must not be encrypted.',
      );
    }
    throw damagedZip('The zip is damaged', null, error);
  }
}

export function damagedZip(what: string, entry: string | null, cause: unknown): PackZipError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new PackZipError('NOT_A_ZIP', entry, `${what}${detail}.`, { cause });
}

/** Errors from the file system (no access, disk full) are not the zip's fault and pass through unchanged. */
export function isSystemError(error: unknown): boolean {
  return error instanceof Error && 'syscall' in error;
}

class EntryTally {
  totalBytes = 0;
  private readonly files: PlannedFile[] = [];
  private readonly fileNames = new Map<string, string>();
  private readonly folderNames = new Map<string, string>();

  constructor(private readonly limits: ZipLimits) {}

  add(entry: Entry): void {
    const name = decodeEntryName(entry.fileNameRaw);
    checkEntryPath(name);
    if (isMacJunk(name)) return;
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw linkError(name, type);
    if (name.endsWith('/') || type === S_IFDIR) {
      this.addFolder(name.replace(/\/$/, ''));
      return;
    }
    checkFileEntry(entry, name, this.limits);
    this.addFile(entry, name);
  }

  finish(): PlannedFile[] {
    for (const { name } of this.files) {
      const folder = this.folderNames.get(collisionKey(name));
      if (folder !== undefined) {
        throw new PackZipError('DUPLICATE', name, `"${name}" is a file, but "${folder}/" is also a folder.`);
      }
    }
    return this.files;
  }

  private addFile(entry: Entry, name: string): void {
    const key = collisionKey(name);
    const other = this.fileNames.get(key);
    if (other !== undefined) throw duplicateError(name, other);
    this.fileNames.set(key, name);
    const parts = name.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) this.addFolder(parts.slice(0, depth).join('/'));
    this.totalBytes += entry.uncompressedSize;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      const message = `"${name}" brings the unpacked pack over ${formatBytes(this.limits.maxTotalBytes)}, the most a course pack may hold.`;
      throw new PackZipError('TOTAL_TOO_LARGE', name, message);
    }
    this.files.push({ entry, name, path: name, size: entry.uncompressedSize });
  }

  private addFolder(folder: string): void {
    const key = collisionKey(folder);
    const other = this.folderNames.get(key);
    // Folders differing only in case would merge on macOS and Windows but not on Linux.
    if (other !== undefined && other !== folder) throw duplicateError(`${folder}/`, `${other}/`);
    this.folderNames.set(key, folder);
  }
}

function checkFileEntry(entry: Entry, name: string, limits: ZipLimits): void {
  if (entry.isEncrypted()) {
    throw new PackZipError('ENCRYPTED', name, `"${name}" is encrypted; course packs must not be encrypted.`);
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    const message = `"${name}" uses compression method ${entry.compressionMethod}; only stored and deflated entries can be read. Re-zip it with a standard zip tool.`;
    throw new PackZipError('NOT_A_ZIP', name, message);
  }
  if (!isAllowedFileType(name)) throw fileTypeError(name);
  const size = entry.uncompressedSize;
  if (size > limits.maxFileBytes) {
    const message = `"${name}" is ${formatBytes(size)}; a file in a course pack may be at most ${formatBytes(limits.maxFileBytes)}.`;
    throw new PackZipError('FILE_TOO_LARGE', name, message);
  }
  const ratio = entry.compressedSize === 0 ? Infinity : size / entry.compressedSize;
  if (size > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
    const shown = Number.isFinite(ratio) ? `${Math.round(ratio)}×` : 'from nothing';
    const message = `"${name}" would expand ${shown} (${formatBytes(entry.compressedSize)} to ${formatBytes(size)}); the limit is ${limits.maxCompressionRatio}×, so it looks like a zip bomb.`;
    throw new PackZipError('COMPRESSION_RATIO', name, message);
  }
}

function linkError(name: string, type: number): PackZipError {
  const what = type === S_IFLNK ? 'a symbolic link' : 'a special file (device, pipe or socket)';
  return new PackZipError('LINK', name, `"${name}" is ${what}; course packs may hold only regular files.`);
}

function duplicateError(name: string, other: string): PackZipError {
  const how = name === other ? 'appears twice in the zip' : `collides with "${other}" on macOS and Windows`;
  return new PackZipError('DUPLICATE', name, `"${name}" ${how}.`);
}

/** Zipping a folder (rather than its contents) puts everything under one top folder, which is not part of the pack. */
function stripTopFolder(files: PlannedFile[]): PlannedFile[] {
  const top = files[0]?.path.split('/')[0];
  if (top === undefined || !files.every((file) => file.path.startsWith(`${top}/`))) return files;
  return files.map((file) => ({ ...file, path: file.path.slice(top.length + 1) }));
}
