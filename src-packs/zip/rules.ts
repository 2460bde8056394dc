import { PackZipError } from './errors';

export interface ZipLimits {
  /** Counted over the whole central directory, junk included, before any entry is read. */
  maxEntries: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  /** Uncompressed over compressed size, checked only above RATIO_CHECK_MIN_BYTES. */
  maxCompressionRatio: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 5000,
  maxFileBytes: 50 * MiB,
  maxTotalBytes: 200 * MiB,
  maxCompressionRatio: 100,
});

/** Small text files legitimately compress far beyond any sane ratio, and cannot hurt anyone. */
export const RATIO_CHECK_MIN_BYTES = MiB;

export const ALLOWED_EXTENSIONS: readonly string[] = [
  '.yaml',
  '.yml',
  '.md',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.pdf',
  '.json',
];

export function resolveLimits(partial: Partial<ZipLimits> = {}): ZipLimits {
  // A spread would let an explicit `undefined` wipe out a default.
  const limits = { ...DEFAULT_ZIP_LIMITS };
  for (const key of Object.keys(limits) as (keyof ZipLimits)[]) limits[key] = partial[key] ?? limits[key];
  return limits;
}

export function isAllowedFileType(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 && ALLOWED_EXTENSIONS.includes(base.slice(dot));
}

export function fileTypeError(name: string): PackZipError {
  return new PackZipError(
    'FILE_TYPE',
    name,
    `"${name}" is not a file type a course pack may contain; allowed: ${ALLOWED_EXTENSIONS.join(' ')}.`,
  );
}

// ignoreBOM keeps a leading byte-order mark in the name instead of silently dropping it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export function decodeEntryName(raw: Uint8Array): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    const shown = lossyUtf8.decode(raw);
    throw new PackZipError('BAD_NAME', shown, `"${shown}" has a name that is not valid UTF-8.`);
  }
}

/** Refuses names that could land outside the destination, or land differently on Windows, macOS and Linux. */
export function checkEntryPath(name: string): void {
  if (/^([/\\]|[a-zA-Z]:)/.test(name)) {
    throw new PackZipError('ABSOLUTE_PATH', name, `"${name}" is an absolute path; entries must be relative.`);
  }
  const segments = name.replace(/\/$/, '').split(/[/\\]/);
  if (segments.includes('..')) {
    throw new PackZipError('PATH_TRAVERSAL', name, `"${name}" uses ".." to climb out of the pack folder.`);
  }
  const problem = name.includes('\\') ? 'contains a backslash' : segments.map(segmentProblem).find(Boolean);
  if (problem) throw new PackZipError('BAD_NAME', name, `"${name}" ${problem}.`);
}

function segmentProblem(segment: string): string | undefined {
  if (segment === '' || segment === '.') return 'has an empty or "." path segment';
  if (/\p{Cc}/u.test(segment)) return 'contains control characters';
  if (/[<>:"|?*]/.test(segment)) return 'contains a character Windows forbids in file names (< > : " | ? *)';
  if (/[. ]$/.test(segment)) return 'has a segment ending in a dot or space, which Windows drops';
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(segment))
    return 'uses a name Windows reserves for devices';
  return undefined;
}

export function isMacJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store');
}

/** Two names with the same key would land on one file on macOS and Windows. */
export function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
