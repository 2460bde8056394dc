import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { buildPackZip } from './build';
import { PackZipError } from './errors';
import { extractPackZip } from './extract';

const tempDir = useTempDirs();

const packFiles: Record<string, string | Uint8Array> = {
  'pack.yaml': 'id: demo\ntitle: Demo\n',
  'courses/intro/lesson-1.md': '# Lesson 1\n'.repeat(200),
  'courses/intro/quiz.json': '{"questions":[]}',
  'assets/logo.png': new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)),
};

function writeTree(root: string, files: Record<string, string | Uint8Array>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function refusal(folder: string, outFile: string): Promise<PackZipError> {
  const error: unknown = await buildPackZip(folder, outFile).then(
    () => new Error('the zip was built'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PackZipError);
  expect(existsSync(outFile)).toBe(false);
  expect(existsSync(`${outFile}.tmp`)).toBe(false);
  return error as PackZipError;
}

describe('buildPackZip', () => {
  it('round-trips a pack folder through extractPackZip, skipping dotfiles and node_modules', async () => {
    const folder = writeTree(tempDir(), {
      ...packFiles,
      '.git/config': '[core]',
      '.notes.md': 'private',
      'courses/.draft.md': 'private',
      'node_modules/x/readme.md': 'not ours',
    });
    const outFile = join(tempDir(), 'demo.zip');
    const built = await buildPackZip(folder, outFile);
    expect(built).toEqual({ files: 4, bytes: readFileSync(outFile).length });

    const dest = join(tempDir(), 'out');
    const extracted = await extractPackZip(outFile, dest);
    expect(extracted.files).toEqual(Object.keys(packFiles).sort());
    for (const [path, content] of Object.entries(packFiles)) {
      expect(readFileSync(join(dest, path))).toEqual(Buffer.from(content));
    }
  });

  it('writes the same bytes whatever the files’ times, with sorted entries, fixed dates and modes', async () => {
    const folder = writeTree(tempDir(), packFiles);
    const first = join(tempDir(), 'first.zip');
    await buildPackZip(folder, first);
    for (const path of Object.keys(packFiles)) utimesSync(join(folder, path), 2_000_000_000, 2_000_000_000);
    const second = join(tempDir(), 'second.zip');
    await buildPackZip(folder, second);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);

    const zip = await yauzl.openPromise(first);
    const entries = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    expect(entries.map((entry) => entry.fileName)).toEqual(Object.keys(packFiles).sort());
    for (const entry of entries) {
      expect(entry.externalFileAttributes >>> 16).toBe(0o100644);
      expect(entry.getLastModDate().getFullYear()).toBe(1980);
    }
  });

  it('replaces an existing zip and leaves no temporary file behind', async () => {
    const folder = writeTree(tempDir(), packFiles);
    const out = tempDir();
    writeFileSync(join(out, 'demo.zip'), 'old');
    await buildPackZip(folder, join(out, 'demo.zip'));
    expect(readdirSync(out)).toEqual(['demo.zip']);
    expect(readFileSync(join(out, 'demo.zip')).length).toBeGreaterThan(3);
  });

  it('refuses a symlink, naming it', async () => {
    const folder = writeTree(tempDir(), packFiles);
    symlinkSync('/etc/passwd', join(folder, 'assets/passwords.md'));
    const error = await refusal(folder, join(tempDir(), 'demo.zip'));
    expect([error.code, error.entry]).toEqual(['LINK', 'assets/passwords.md']);
    expect(error.message).toContain('assets/passwords.md');
  });

  it('refuses a file type packs may not hold, naming it', async () => {
    const folder = writeTree(tempDir(), { ...packFiles, 'tools/setup.sh': 'rm -rf /' });
    const error = await refusal(folder, join(tempDir(), 'demo.zip'));
    expect([error.code, error.entry]).toEqual(['FILE_TYPE', 'tools/setup.sh']);
    expect(error.message).toContain('tools/setup.sh');
  });

  it('refuses names that would collide on macOS and Windows', async () => {
    const folder = writeTree(tempDir(), { ...packFiles, 'Notes.md': 'a', 'notes.md': 'b' });
    const error = await refusal(folder, join(tempDir(), 'demo.zip'));
    expect(error.code).toBe('DUPLICATE');
    expect(error.message).toContain('otes.md');
  });

  it('refuses a pack that extraction would take for a zip bomb, without leaving a half zip', async () => {
    const folder = writeTree(tempDir(), { ...packFiles, 'zeros.md': new Uint8Array(3 * 1024 * 1024) });
    const error = await refusal(folder, join(tempDir(), 'demo.zip'));
    expect([error.code, error.entry]).toEqual(['COMPRESSION_RATIO', 'zeros.md']);
  });
});
