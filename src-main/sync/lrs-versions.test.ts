import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/sync/schemas';
import type { AppCore } from '../core/app';
import { localLearner, recordStatement } from '../training/statements';
import { startTestCore } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

// A third party's record store on loopback that behaves as a 1.0.3 LRS does: it refuses the 2.0.0 version header
// and 2.0-only statement properties with a 400, and stores what a 1.0.3 client sends.

interface FakeLrs {
  url: string;
  /** The version header of each POST /statements, and the statements it stored. */
  posts: string[];
  stored: Record<string, unknown>[];
  close(): Promise<void>;
}

const servers: FakeLrs[] = [];
const apps: AppCore[] = [];
const tempDir = useTempDirs();
afterEach(async () => {
  for (const app of apps.splice(0)) app.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function startLrs(versions: string[]): Promise<FakeLrs> {
  const lrs: Omit<FakeLrs, 'url' | 'close'> = { posts: [], stored: [] };
  const server: Server = createServer((request, response) => {
    const answer = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    void (async () => {
      const text = await body(request);
      if (request.headers.authorization !== `Basic ${Buffer.from('key:secret').toString('base64')}`)
        return answer(401, { message: 'Who are you?' });
      if (request.method === 'GET' && request.url === '/xapi/about')
        return answer(200, { version: versions });
      if (request.method !== 'POST' || request.url !== '/xapi/statements') return answer(404, {});
      const version = String(request.headers['x-experience-api-version']);
      lrs.posts.push(version);
      if (!/^1\.0\.\d$/.test(version)) return answer(400, { message: `Unsupported version ${version}` });
      const statements = JSON.parse(text) as Record<string, unknown>[];
      for (const statement of statements) {
        const context = (statement['context'] ?? {}) as Record<string, unknown>;
        if (!/^1\.0\.\d$/.test(String(statement['version'])) || 'contextAgents' in context)
          return answer(400, { message: 'Not a 1.0.3 statement' });
      }
      lrs.stored.push(...statements);
      return answer(
        200,
        statements.map((statement) => statement['id']),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const started: FakeLrs = {
    ...lrs, // the same arrays the handler fills
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  servers.push(started);
  return started;
}

/** Records lessons completed, as the training code writes them. */
function recordCompletions(core: AppCore, count: number): string[] {
  const at = new Date('2026-11-25T12:00:00Z');
  const learner = localLearner(core.database.db, () => at);
  const course = { kind: 'course' as const, packId: 'p', id: 'c', title: 'Course' };
  return core.database.db.transaction((tx) =>
    Array.from({ length: count }, (_, i) =>
      recordStatement(tx, {
        timestamp: new Date(at.getTime() + i),
        learner,
        verb: 'completed',
        object: { kind: 'lesson', packId: 'p', id: `lesson-${i}`, title: `Lesson ${i}` },
        parents: [course],
        pack: { id: 'p', version: '1.0.0', language: 'en', title: 'Pack' },
        timeOnTaskMs: 60_000,
      }),
    ),
  );
}

async function app(): Promise<AppCore> {
  const started = await startTestCore(tempDir(), { sync: { autoStart: false } });
  apps.push(started);
  return started;
}

describe('record stores that speak another xAPI version', () => {
  it('connects to a 1.0.3 LRS and sends it 1.0.3 statements, with the version kept on the connection', async () => {
    const lrs = await startLrs(['1.0.3']);
    const device = await app();
    const connected = await device.dispatch('connectSync', {
      kind: 'lrs',
      url: lrs.url,
      key: 'key',
      secret: 'secret',
    });
    expect(connected.ok).toBe(true);
    expect(device.database.sqlite.prepare('SELECT xapi_version FROM sync_connections').get()).toEqual({
      xapi_version: '1.0.3',
    });
    const ids = recordCompletions(device, 3);
    const synced = await device.dispatch('syncNow', {});
    expect(synced).toMatchObject({ ok: true, value: { pending: 0, problem: null } });
    expect((synced as { value: SyncStatus }).value.conflicts).toEqual([]);
    expect(lrs.posts).toEqual(['1.0.3']);
    expect(lrs.stored.map((statement) => statement['id'])).toEqual(ids);
    expect(lrs.stored.map((statement) => statement['version'])).toEqual(['1.0.3', '1.0.3', '1.0.3']);
  });

  it('refuses, at connect and in plain words, a record store that speaks neither 1.0.x nor 2.0.x', async () => {
    const lrs = await startLrs(['0.95']);
    const device = await app();
    const connected = await device.dispatch('connectSync', {
      kind: 'lrs',
      url: lrs.url,
      key: 'key',
      secret: 'secret',
    });
    expect(connected).toMatchObject({
      ok: false,
      error: { message: 'This record store speaks xAPI 0.95 only; Advocate Studio needs 1.0.3 or 2.0.' },
    });
    expect(device.database.sqlite.prepare('SELECT count(*) AS n FROM sync_connections').get()).toEqual({
      n: 0,
    });
  });
});
