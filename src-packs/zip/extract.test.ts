import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { extractPackZip, PackZipError } from './extract';
import { DEFAULT_ZIP_LIMITS } from './rules';
import type { PackZipErrorCode, ZipLimits } from './extract';
import { writeCraftedZip } from '../testing/zip-craft';
import type { CraftedEntry } from '../testing/zip-craft';

const tempDir = useTempDirs();
const MiB = 1024 * 1024;

function zipOf(entries: CraftedEntry[]): string {
  return writeCraftedZip(join(tempDir(), 'pack.zip'), entries);
}

async function refusal(zipFile: string, destDir: string, limits?: Partial<ZipLimits>): Promise<PackZipError> {
  const error: unknown = await extractPackZip(zipFile, destDir, { limits }).then(
    () => new Error('the zip was extracted'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PackZipError);
  return error as PackZipError;
}

describe('extractPackZip', () => {
  it('extracts stored and deflated files, nested folders and folder entries', async () => {
    const zip = zipOf([
      { name: 'pack.yaml', data: 'id: demo\n' },
      { name: 'courses/', mode: 0o040755 },
      { name: 'courses/intro.md', data: '# Intro\n'.repeat(500), deflate: true },
      { name: 'assets/logo.png', data: new Uint8Array([137, 80, 78, 71, 0, 255]), mode: 0 },
    ]);
    const dest = join(tempDir(), 'out');
    const result = await extractPackZip(zip, dest);
    expect(result.files).toEqual(['assets/logo.png', 'courses/intro.md', 'pack.yaml']);
    expect(result.totalBytes).toBe(9 + 4000 + 6);
    expect(readFileSync(join(dest, 'courses/intro.md'), 'utf8')).toBe('# Intro\n'.repeat(500));
    expect([...readFileSync(join(dest, 'assets/logo.png'))]).toEqual([137, 80, 78, 71, 0, 255]);
  });

  it('strips a single top-level folder and skips macOS junk', async () => {
    const zip = zipOf([
      { name: 'advocate-foundations/', mode: 0o040755 },
      { name: 'advocate-foundations/pack.yaml', data: 'id: demo\n' },
      { name: 'advocate-foundations/.DS_Store', data: 'junk' },
      { name: 'advocate-foundations/courses/a.md', data: 'a' },
      { name: '__MACOSX/advocate-foundations/._pack.yaml', data: 'junk' },
      { name: '.DS_Store', data: 'junk' },
    ]);
    const dest = join(tempDir(), 'out');
    const result = await extractPackZip(zip, dest);
    expect(result.files).toEqual(['courses/a.md', 'pack.yaml']);
    expect(readdirSync(dest).sort()).toEqual(['courses', 'pack.yaml']);
  });

  it('keeps the top level when files sit beside the folder', async () => {
    const zip = zipOf([
      { name: 'pack.yaml', data: 'id: demo\n' },
      { name: 'courses/a.md', data: 'a' },
    ]);
    expect((await extractPackZip(zip, join(tempDir(), 'out'))).files).toEqual(['courses/a.md', 'pack.yaml']);
  });

  it('extracts into an existing empty folder and reports progress up to the declared total', async () => {
    const zip = zipOf([
      { name: 'a.md', data: 'x'.repeat(100_000), deflate: true },
      { name: 'b.md', data: 'y'.repeat(50) },
    ]);
    const dest = tempDir();
    const seen: [number, number][] = [];
    await extractPackZip(zip, dest, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen[0]).toEqual([0, 100_050]);
    expect(seen.at(-1)).toEqual([100_050, 100_050]);
    expect(seen.every(([done], i) => i === 0 || done >= (seen[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('passes on an error thrown by the progress callback, and removes what it wrote', async () => {
    const zip = zipOf([{ name: 'a.md', data: 'a' }]);
    const dest = join(tempDir(), 'out');
    const onProgress = (done: number) => {
      if (done > 0) throw new Error('stop');
    };
    await expect(extractPackZip(zip, dest, { onProgress })).rejects.toThrow(/^stop$/);
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses a destination that is not empty, and leaves it alone', async () => {
    const zip = zipOf([{ name: 'a.md', data: 'a' }]);
    const dest = tempDir();
    writeFileSync(join(dest, 'keep.txt'), 'mine');
    await expect(extractPackZip(zip, dest)).rejects.toThrow(/not empty/);
    expect(readdirSync(dest)).toEqual(['keep.txt']);
  });

  it.each([
    ['a text file', 'just some text, no zip here'],
    ['an empty file', ''],
  ])('calls %s NOT_A_ZIP', async (_title, content) => {
    const file = join(tempDir(), 'pack.zip');
    writeFileSync(file, content);
    const dest = join(tempDir(), 'out');
    const error = await refusal(file, dest);
    expect(error.code).toBe('NOT_A_ZIP');
    expect(error.entry).toBeNull();
    expect(error.message).toContain('pack.zip');
    expect(existsSync(dest)).toBe(false);
  });

  it('calls an entry whose data fails its checksum NOT_A_ZIP, and removes what it wrote', async () => {
    const zip = zipOf([
      { name: 'good.md', data: 'fine' },
      { name: 'bad.md', data: 'tampered', crc: 1234 },
    ]);
    const dest = tempDir();
    const error = await refusal(zip, dest);
    expect([error.code, error.entry]).toEqual(['NOT_A_ZIP', 'bad.md']);
    expect(readdirSync(dest)).toEqual([]);
  });

  it('exports the default limits', () => {
    expect(DEFAULT_ZIP_LIMITS).toEqual({
      maxEntries: 5000,
      maxFileBytes: 50 * MiB,
      maxTotalBytes: 200 * MiB,
      maxCompressionRatio: 100,
    });
  });
});

interface HostileCase {
  title: string;
  code: PackZipErrorCode;
  /** The entry the error must name. */
  entry: string | null;
  entries: CraftedEntry[];
  limits?: Partial<ZipLimits>;
}

const ok: CraftedEntry = { name: 'pack.yaml', data: 'id: demo\n' };
const utf8 = (text: string) => new TextEncoder().encode(text);

const hostile: HostileCase[] = [
  {
    title: 'a .. segment',
    code: 'PATH_TRAVERSAL',
    entry: '../evil.md',
    entries: [ok, { name: '../evil.md' }],
  },
  {
    title: 'a deep .. segment',
    code: 'PATH_TRAVERSAL',
    entry: 'a/../../x.md',
    entries: [{ name: 'a/../../x.md' }],
  },
  {
    title: 'a backslash ..',
    code: 'PATH_TRAVERSAL',
    entry: '..\\evil.md',
    entries: [{ name: '..\\evil.md' }],
  },
  {
    title: 'a leading slash',
    code: 'ABSOLUTE_PATH',
    entry: '/etc/x.md',
    entries: [ok, { name: '/etc/x.md' }],
  },
  { title: 'a drive letter', code: 'ABSOLUTE_PATH', entry: 'C:/x.md', entries: [{ name: 'C:/x.md' }] },
  { title: 'a leading backslash', code: 'ABSOLUTE_PATH', entry: '\\x.md', entries: [{ name: '\\x.md' }] },
  { title: 'a backslash', code: 'BAD_NAME', entry: 'docs\\x.md', entries: [ok, { name: 'docs\\x.md' }] },
  {
    title: 'a name that is not UTF-8',
    code: 'BAD_NAME',
    entry: 'bad-\uFFFD.md',
    entries: [ok, { name: new Uint8Array([...utf8('bad-'), 0xff, ...utf8('.md')]) }],
  },
  { title: 'a control character', code: 'BAD_NAME', entry: 'a\u0007.md', entries: [{ name: 'a\u0007.md' }] },
  { title: 'a Windows device name', code: 'BAD_NAME', entry: 'con.md', entries: [{ name: 'con.md' }] },
  {
    title: 'a symlink',
    code: 'LINK',
    entry: 'link.md',
    entries: [ok, { name: 'link.md', data: '/etc/passwd', mode: 0o120777 }],
  },
  { title: 'a named pipe', code: 'LINK', entry: 'pipe.md', entries: [{ name: 'pipe.md', mode: 0o010644 }] },
  {
    title: 'a repeated name',
    code: 'DUPLICATE',
    entry: 'a.md',
    entries: [{ name: 'a.md' }, { name: 'a.md' }],
  },
  {
    title: 'names differing in case',
    code: 'DUPLICATE',
    entry: 'readme.md',
    entries: [{ name: 'README.md' }, { name: 'readme.md' }],
  },
  {
    title: 'a file and a folder of one name',
    code: 'DUPLICATE',
    entry: 'notes.md',
    entries: [{ name: 'notes.md' }, { name: 'notes.md/a.md' }],
  },
  {
    title: 'an encrypted entry',
    code: 'ENCRYPTED',
    entry: 'secret.md',
    entries: [ok, { name: 'secret.md', data: 'hidden', deflate: true, flags: 0x1 }],
  },
  {
    title: 'too many entries',
    code: 'TOO_MANY_ENTRIES',
    entry: null,
    entries: [ok, { name: 'a.md' }, { name: 'b.md' }],
    limits: { maxEntries: 2 },
  },
  {
    title: 'a file over the size limit',
    code: 'FILE_TOO_LARGE',
    entry: 'big.md',
    entries: [ok, { name: 'big.md', data: 'x'.repeat(101) }],
    limits: { maxFileBytes: 100 },
  },
  {
    title: 'a header that understates the size',
    code: 'FILE_TOO_LARGE',
    entry: 'liar.md',
    entries: [ok, { name: 'liar.md', data: 'x'.repeat(100_000), deflate: true, declaredSize: 1000 }],
  },
  {
    title: 'a total over the limit',
    code: 'TOTAL_TOO_LARGE',
    entry: 'b.md',
    entries: [
      { name: 'a.md', data: 'a'.repeat(100) },
      { name: 'b.md', data: 'b'.repeat(100) },
    ],
    limits: { maxTotalBytes: 150 },
  },
  {
    title: 'a zip bomb',
    code: 'COMPRESSION_RATIO',
    entry: 'bomb.md',
    entries: [ok, { name: 'bomb.md', data: new Uint8Array(5 * MiB), deflate: true }],
  },
  {
    title: 'an executable',
    code: 'FILE_TYPE',
    entry: 'run.exe',
    entries: [ok, { name: 'run.exe', data: 'MZ' }],
  },
  {
    title: 'a file with no extension',
    code: 'FILE_TYPE',
    entry: 'Makefile',
    entries: [{ name: 'Makefile' }],
  },
];

describe('extractPackZip refuses hostile zips', () => {
  it.each(hostile)('$code: $title', async ({ code, entry, entries, limits }) => {
    const dest = join(tempDir(), 'out');
    const error = await refusal(zipOf(entries), dest, limits);
    expect(error.code).toBe(code);
    expect(error.entry).toBe(entry);
    if (entry !== null) expect(error.message).toContain(entry);
    expect(existsSync(dest)).toBe(false);
  });

  it('covers every refusal code', () => {
    const codes = new Set([...hostile.map((c) => c.code), 'NOT_A_ZIP']);
    expect(codes.size).toBe(12);
  });

  it('removes files already written when a later entry lies about its size', async () => {
    const zip = zipOf([
      { name: 'a/first.md', data: 'written before the lie is found' },
      { name: 'a/liar.md', data: 'x'.repeat(200_000), deflate: true, declaredSize: 10 },
    ]);
    const dest = tempDir();
    mkdirSync(dest, { recursive: true });
    const error = await refusal(zip, dest);
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toMatch(/declares/);
    expect(readdirSync(dest)).toEqual([]);
  });
});
