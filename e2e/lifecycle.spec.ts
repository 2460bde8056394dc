import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost, stopHost } from './fixtures';

const projectRoot = join(import.meta.dirname, '..');

function collect(child: ReturnType<typeof spawn>): { text: () => string; exit: Promise<number | null> } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text, exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

test('npm start falls back to the browser host in one line, and Ctrl-C closes it cleanly', async ({
  dataDir,
}) => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  // Like a terminal: the launcher and its host share a process group, and Ctrl-C signals the whole group.
  const child = spawn(
    process.execPath,
    // As `npm start` runs it: one Node process with tsx's loader (the tsx CLI's own signal relay exits 130).
    ['--import', 'tsx', 'src-main/launcher/start.ts', '--data-dir', dataDir],
    { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const run = collect(child);
  await expect.poll(run.text, { timeout: 60_000 }).toMatch(/Open: http:\/\/127\.0\.0\.1:\d+\/#token=/);
  const fallback = run
    .text()
    .split('\n')
    .filter((line) => line.startsWith("Electron can't start here"));
  expect(fallback).toHaveLength(1);
  expect(fallback[0]).toContain('Starting the browser host instead.');

  process.kill(-(child.pid ?? 0), 'SIGINT');
  expect(await run.exit).toBe(0);
  // The database was closed: its write-ahead log was folded back in and removed.
  expect(existsSync(join(dataDir, 'advocate.db'))).toBe(true);
  expect(existsSync(join(dataDir, 'advocate.db-wal'))).toBe(false);
});

test('a host stopped mid-session keeps what was saved, and SIGTERM exits cleanly', async ({
  request,
  dataDir,
}) => {
  const host = await startHost(dataDir);
  const saved = await request.post(`${host.origin}/api/updatePreferences`, {
    headers: { Authorization: `Bearer ${host.secret}` },
    data: { theme: 'dark' },
  });
  expect(saved.status()).toBe(200);
  // A hard kill, not a clean stop: committed work must survive it.
  host.process.kill('SIGKILL');
  await new Promise((resolve) => host.process.once('exit', resolve));

  const again = await startHost(dataDir);
  const read = await request.post(`${again.origin}/api/getPreferences`, {
    headers: { Authorization: `Bearer ${again.secret}` },
    data: {},
  });
  expect((await read.json()).value).toMatchObject({ theme: 'dark' });
  expect(await stopHost(again)).toBe(0);
});

test('a data folder holding something that is not a database gets a clear error and is left alone', async ({
  dataDir,
}) => {
  const file = join(dataDir, 'advocate.db');
  writeFileSync(file, 'quarterly numbers, not a database');
  await expect(startHost(dataDir)).rejects.toThrow(/is not an Advocate Studio database/);
  expect(readFileSync(file, 'utf8')).toBe('quarterly numbers, not a database');
});
