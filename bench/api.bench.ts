// The cost of the one API contract: a call through dispatch (zod in, handler, drizzle, zod out) and
// through the browser host (HTTP, secret check, JSON), each beside the raw work it wraps.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startAppCore } from '../src-main/core/app';
import { createMemoryLogger } from '../src-main/core/logger';
import { startBrowserHost } from '../src-main/host/server';
import { opsPerSecond, type Row } from './measure';

const migrationsDir = join(import.meta.dirname, '..', 'src-main', 'db', 'migrations');
const themes = ['light', 'dark', 'system'] as const;

export async function benchApi(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-bench-'));
  const core = await startAppCore({
    dataDir: join(dir, 'ours'),
    migrationsDir,
    host: 'browser',
    version: 'bench',
    logger: createMemoryLogger(),
  });

  // The floor: the same upsert and read, as prepared statements on a database with the same settings.
  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(
    'CREATE TABLE preferences (key text PRIMARY KEY NOT NULL, value text NOT NULL, updated_at integer NOT NULL)',
  );
  const upsert = raw.prepare(
    'INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const read = raw.prepare('SELECT key, value FROM preferences');
  const rawUpdate = (i: number) => {
    upsert.run('theme', JSON.stringify(themes[i % 3]), Date.now());
    return read.all();
  };

  const iterations = 3000;
  const dispatchOps = await opsPerSecond(iterations, (i) =>
    core.dispatch('updatePreferences', { theme: themes[i % 3] }),
  );
  const rawOps = await opsPerSecond(iterations, rawUpdate);

  const host = await startBrowserHost({
    dispatch: core.dispatch,
    rendererDir: dir,
    logger: createMemoryLogger(),
  });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(JSON.stringify(rawUpdate(0))));
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;
  const post = (url: string, headers: Record<string, string>, body: string) =>
    fetch(url, { method: 'POST', headers, body }).then((res) => res.text());

  const httpIterations = 1500;
  const hostOps = await opsPerSecond(httpIterations, (i) =>
    post(
      `http://127.0.0.1:${host.port}/api/updatePreferences`,
      { 'Content-Type': 'application/json', Authorization: `Bearer ${host.secret}` },
      JSON.stringify({ theme: themes[i % 3] }),
    ),
  );
  const bareOps = await opsPerSecond(httpIterations, () => post(`http://127.0.0.1:${barePort}/`, {}, '{}'));

  await host.close();
  bare.close();
  core.close();
  raw.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: 'updatePreferences via dispatch',
      ours: dispatchOps,
      floor: rawOps,
      floorName: 'prepared upsert',
      unit: 'calls/s',
    },
    {
      name: 'updatePreferences via browser host HTTP',
      ours: hostOps,
      floor: bareOps,
      floorName: 'bare HTTP + upsert',
      unit: 'calls/s',
    },
  ];
}
