import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import { buildStatement } from '../../src-shared/xapi/statements';
import { CompletionReport } from '../../src-shared/hub/schemas';
import { revokeCredential } from '../auth/credentials';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';

/** A course completion as the app records it. */
function courseDone(learnerId: string, courseId: string, title: string, at: string) {
  return buildStatement({
    id: randomUUID(),
    timestamp: new Date(at),
    learner: { id: learnerId, name: learnerId },
    verb: 'completed',
    object: { kind: 'course', packId: 'p', id: courseId, title },
    result: { completion: true },
  });
}

// On both databases: large companies run PostgreSQL, and the report's SQL must hold there too.
describe.each(testBackends)('the trainer dashboard API on %s', (backend) => {
  let hub: TestHub;
  let cookie = '';
  let trainer: { key: string; secret: string };
  beforeAll(async () => {
    hub = await startTestHub(backend, { maxAuthFailures: 3 });
    const issued = await hub.credential('trainer', 'Tom');
    trainer = { key: issued.key, secret: issued.secret };
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const api = async (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${hub.url}/dashboard/api/${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body:
        init.body === undefined ? null : Buffer.isBuffer(init.body) ? init.body : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: (text.startsWith('{') ? JSON.parse(text) : null) as never,
    };
  };

  it('signs a trainer in with an HttpOnly, SameSite=Strict cookie whose id is stored only hashed', async () => {
    expect((await api('me')).status).toBe(401);
    const device = await hub.enrolDevice('dev@example.com', 'dev');
    expect((await api('login', { body: { key: device.key, secret: device.secret } })).status).toBe(401);
    expect((await api('login', { body: { key: trainer.key } })).status).toBe(400);
    const login = await api('login', { body: trainer });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^hub_session=[A-Za-z0-9_-]{43}; Path=\/dashboard; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    );
    cookie = setCookie.split(';')[0] ?? '';
    const token = cookie.split('=')[1] ?? '';
    const rows = await hub.database.db.query.dashboardSessions.findMany();
    expect(rows.some((row) => row.idHash === token)).toBe(false);
    expect(((await api('me')).json as { name: string }).name).toBe('Tom');
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(login.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses a cross-origin POST even with the cookie', async () => {
    const forged = await api('enrolment-codes', {
      body: { expires: '7d' },
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
  });

  it('creates enrolment codes with a team, lists the unexpired ones, and puts the redeemer in the team', async () => {
    expect((await api('enrolment-codes', { body: { expires: 'forever' } })).status).toBe(400);
    const created = await api('enrolment-codes', { body: { expires: '7d', team: 'Platform' } });
    expect(created.status).toBe(201);
    const { code } = created.json as { code: string };
    expect(((await api('enrolment-codes')).json as { codes: { team: string }[] }).codes).toEqual([
      expect.objectContaining({ team: 'Platform', email: null }),
    ]);
    const enrolled = await fetch(`${hub.url}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Ada', email: 'ada@example.com', learnerId: 'ada' }),
    });
    expect(enrolled.status).toBe(201);
    const ada = (await enrolled.json()) as { key: string; secret: string };
    expect(((await api('enrolment-codes')).json as { codes: unknown[] }).codes).toEqual([]);
    const bob = await hub.enrolDevice('bob@example.com', 'bob');
    const adaAuth = `Basic ${Buffer.from(`${ada.key}:${ada.secret}`).toString('base64')}`;
    expect(
      (
        await xapiFetch(hub, adaAuth)('/xapi/statements', {
          body: [
            courseDone('ada', 'c1', 'Basics, part 1', '2026-11-02T10:00:00Z'),
            courseDone('ada', 'c2', 'Advanced', '2026-11-10T10:00:00Z'),
          ],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await xapiFetch(hub, bob.auth)('/xapi/statements', {
          body: courseDone('bob', 'c1', 'Basics, part 1', '2026-11-05T10:00:00Z'),
        })
      ).status,
    ).toBe(200);

    // Parsed as the dashboard page parses it: with the hub contract's schema.
    const report = CompletionReport.parse((await api('completions')).json);
    expect(report.byCourse.map((c) => [c.course, c.people])).toEqual([
      ['Basics, part 1', 2],
      ['Advanced', 1],
    ]);
    expect(report.byTeam.find((t) => t.team === 'Platform')?.people).toBe(1);
    const filtered = (await api('completions?team=Platform&from=2026-11-05')).json as {
      completions: { course: string }[];
    };
    expect(filtered.completions.map((c) => c.course)).toEqual(['Advanced']);
    expect((await api('completions?from=yesterday')).status).toBe(400);
    expect((await api('completions?from=2026-02-30')).status).toBe(400);
    expect((await api('completions?from=0000-01-01')).status).toBe(400);
    // The widest dates the database holds answer, rather than overflowing it.
    expect((await api('completions?from=0001-01-01&to=9999-12-31')).json).toMatchObject({
      byCourse: report.byCourse,
    });
    expect((await api('completions?sort=x')).status).toBe(400);

    const csv = await api('completions.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')).toEqual([
      'completed_at,person,email,team,course,course_id',
      expect.stringMatching(/^2026-11-02T10:00:00.000Z,Ada,ada@example.com,Platform,"Basics, part 1",https:/),
      expect.stringMatching(/,bob,bob@example.com,,"Basics, part 1",/),
      expect.stringMatching(/,Ada,ada@example.com,Platform,Advanced,/),
      '',
    ]);
    const devices = (await api('devices')).json as {
      devices: { learner: string; team: string | null; lastSeenAt: string | null }[];
    };
    expect(devices.devices.find((d) => d.learner === 'Ada')).toMatchObject({
      team: 'Platform',
      lastSeenAt: expect.any(String),
    });
    const found = (await api('devices?q=BOB@')).json as { devices: { learner: string }[]; total: number };
    expect([found.devices.map((d) => d.learner), found.total]).toEqual([['bob'], 1]);
    expect(((await api('devices?page=1')).json as { devices: unknown[] }).devices).toEqual([]);
    expect((await api('devices?page=x')).status).toBe(400);
  });

  it('validates an uploaded pack and reports its problems as file:line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'advocate-dashboard-pack-'));
    writeTestPack(join(dir, 'good'));
    await buildPackZip(join(dir, 'good'), join(dir, 'good.zip'));
    const zip = { headers: { 'content-type': 'application/zip' } };
    const good = await api('packs', { ...zip, body: await readFile(join(dir, 'good.zip')) });
    expect(good.status).toBe(201);
    writeTestPack(join(dir, 'bad'), { 'pack.yaml': 'id: x\nversion: one\n' });
    await buildPackZip(join(dir, 'bad'), join(dir, 'bad.zip'));
    const bad = await api('packs', { ...zip, body: await readFile(join(dir, 'bad.zip')) });
    expect(bad.status).toBe(400);
    expect((bad.json as { problems: string[] }).problems[0]).toMatch(/^pack\.yaml:\d+: /);
  });

  it('ends the session on logout, and on revoking the trainer', async () => {
    const saved = cookie;
    expect((await api('logout', { body: {} })).status).toBe(200);
    expect((await api('me')).status).toBe(401);
    cookie = (await api('login', { body: trainer })).headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await api('me')).status).toBe(200);
    await revokeCredential(hub.database.db, trainer.key, 'test', new Date());
    expect((await api('me')).status).toBe(401);
    cookie = saved;
    expect((await api('me')).status).toBe(401);
  });

  it('brakes failed sign-ins per address and key like Basic auth, without locking out the trainer', async () => {
    cookie = '';
    const issued = await hub.credential('trainer', 'Tina');
    const tina = { key: issued.key, secret: issued.secret };
    expect((await api('login', { body: tina })).status).toBe(200);
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await api('login', { body: { key: 'ak_x', secret: 'y' } }));
    // Three failures a minute per address and key (this hub's setting).
    expect(responses.map((response) => response.status)).toEqual([401, 401, 401, 429]);
    expect(responses[3]?.headers.get('retry-after')).toMatch(/^\d+$/);
    // Guesses at one key lock out no one else: the trainer, from the same address, still signs in.
    expect((await api('login', { body: tina })).status).toBe(200);
    const wrongSecret = { key: tina.key, secret: `${tina.secret}x` };
    const guesses = [];
    for (let i = 0; i < 4; i++) guesses.push((await api('login', { body: wrongSecret })).status);
    expect(guesses).toEqual([401, 401, 401, 429]);
    // A secret this hub has verified before still gets in while its key is braked.
    expect((await api('login', { body: tina })).status).toBe(200);
  });
});
