import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './testing/temp-dir';
import { testPackFiles, writeTestPack } from './testing/test-pack';

const tempDir = useTempDirs();
const projectRoot = join(import.meta.dirname, '..');

function pack(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src-packs/cli.ts', ...args],
    {
      cwd: projectRoot,
      encoding: 'utf8',
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run pack', () => {
  it('validates a good folder, builds its zip, and validates the zip', () => {
    const folder = tempDir();
    writeTestPack(folder);
    expect(pack('validate', folder)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('valid — Test pack 1.2.0, 4 item(s)'),
    });
    const zip = join(tempDir(), 'out.zip');
    expect(pack('build', folder, zip).code).toBe(0);
    expect(existsSync(zip)).toBe(true);
    expect(pack('validate', zip)).toMatchObject({ code: 0 });
  });

  it('exits non-zero listing every problem on stderr as file:line: field: message', () => {
    const folder = tempDir();
    writeTestPack(folder, {
      'pack.yaml': String(testPackFiles['pack.yaml'])
        .replace('version: 1.2.0', 'version: x')
        .replace('language: en', 'language: 7'),
      'first/think.md': null,
    });
    const result = pack('validate', folder);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        'pack.yaml:2: version: use a semantic version, like "1.2.0"',
        'pack.yaml:7: language: must be text, but YAML reads this as a number: put it in quotes',
        'pack.yaml:28: courses.0.modules.0.items.3.file: names first/think.md, which is not in the pack',
      ]),
    );
    expect(pack('build', folder, join(tempDir(), 'never.zip')).code).toBe(1);
  });

  it('explains how to use it', () => {
    expect(pack()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('npm run pack -- validate <folder-or-zip>'),
    });
  });
});
