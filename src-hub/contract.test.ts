import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { hubRoutes, type HubRouteName } from '../src-shared/hub/contract';
import { HubError } from '../src-shared/hub/schemas';
import { mixedProfile } from '../src-shared/testing/profile-fixtures';
import { companyProfileRecord } from '../src-shared/profile/visibility';
import { createEnrolmentCode } from './auth/enrolment';
import { setIssuerProfile } from './credentials/issuer';
import { buildStatement } from '../src-shared/xapi/statements';
import { HUB_START_TIMEOUT, startTestHub, testBackends, type TestHub } from './testing/hub';

// Every route of the hub contract, called on a real hub: each answer must parse with the contract's schema, as
// the device and the dashboard parse it. A field the server renames or drops fails here.
describe.each(testBackends)('the hub answers every route as its contract says, on %s', (backend) => {
  let hub: TestHub;
  let work: string;
  let cookie = '';
  const answered = new Set<HubRouteName>();
  beforeAll(async () => {
    hub = await startTestHub(backend);
    work = mkdtempSync(join(tmpdir(), 'advocate-contract-'));
  }, HUB_START_TIMEOUT);
  afterAll(async () => {
    await hub?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function check(
    name: HubRouteName,
    init: { auth?: string; query?: string; body?: unknown; zip?: Buffer } = {},
  ): Promise<unknown> {
    const route = hubRoutes[name];
    const headers: Record<string, string> = {};
    if (init.auth) headers['authorization'] = init.auth;
    if (cookie) headers['cookie'] = cookie;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.zip) headers['content-type'] = 'application/zip';
    const response = await fetch(`${hub.url}${route.path}${init.query ?? ''}`, {
      method: route.method,
      headers,
      body: init.zip ?? (init.body === undefined ? null : JSON.stringify(init.body)),
    });
    const json = (await response.json()) as unknown;
    expect(response.ok, `${name}: ${JSON.stringify(json)}`).toBe(true);
    const parsed = route.response.safeParse(json);
    expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    answered.add(name);
    return json;
  }

  it('for devices: enrol, list packs, send the profile', async () => {
    const trainer = await hub.credential('trainer');
    writeTestPack(join(work, 'pack'));
    await buildPackZip(join(work, 'pack'), join(work, 'pack.zip'));
    await check('publishPack', { auth: trainer.auth, zip: readFileSync(join(work, 'pack.zip')) });
    const { code } = await createEnrolmentCode(hub.database.db, 60_000, 'test', new Date());
    const enrolled = (await check('enrol', {
      body: { code, name: 'Ada', email: 'ada@example.com', learnerId: 'ada' },
    })) as { key: string; secret: string };
    const device = `Basic ${Buffer.from(`${enrolled.key}:${enrolled.secret}`).toString('base64')}`;
    await check('listPacks', { auth: device });
    const { profile, portfolio } = mixedProfile();
    await check('putProfile', { auth: device, body: companyProfileRecord('ada', profile, portfolio) });
    await check('findExperts', { auth: trainer.auth, query: '?topic=compilers' });
  });

  it('for the dashboard: sign in, every view, sign out', async () => {
    const trainer = await hub.credential('trainer');
    const lrs = (await hub.credential('lrs-client')).auth;
    await check('signIn', { body: { key: trainer.key, secret: trainer.secret } });
    await check('session');
    await check('completions', { query: '?from=2026-01-01' });
    await check('devices');
    await check('createEnrolmentCode', { body: { expires: '7d', team: 'Platform' } });
    await check('enrolmentCodes');
    writeTestPack(join(work, 'pack2'), {
      'pack.yaml': readFileSync(join(work, 'pack', 'pack.yaml'), 'utf8').replace(
        /^version: .*$/m,
        'version: 9.0.0',
      ),
    });
    await buildPackZip(join(work, 'pack2'), join(work, 'pack2.zip'));
    await check('dashboardCheckPack', { zip: readFileSync(join(work, 'pack2.zip')) });
    await check('dashboardPublishPack', { zip: readFileSync(join(work, 'pack2.zip')) });
    await check('dashboardPacks');
    await check('dashboardExperts', { query: '?q=ada' });
    await check('progress');
    await check('participants', { query: '?course=https%3A%2F%2Fexample.com%2Fc&status=not-started' });
    await check('person', { query: '?id=ada' });
    await check('questions', { query: '?course=https%3A%2F%2Fexample.com%2Fc' });
    const page = (await check('browseStatements', { query: '?person=ada' })) as { statements: unknown[] };
    expect(page.statements).toEqual([]);
    const learner = await fetch(`${hub.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: lrs,
        'content-type': 'application/json',
        'x-experience-api-version': '2.0.0',
      },
      body: JSON.stringify({
        actor: { mbox: 'mailto:ada@example.com' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: {
          objectType: 'SubStatement',
          actor: { mbox: 'mailto:ada@example.com' },
          verb: { id: 'https://v/plan' },
          object: { objectType: 'Agent', mbox: 'mailto:bo@example.com' },
        },
      }),
    });
    expect(learner.status).toBe(200);
    expect(
      ((await check('browseStatements', { query: '?person=ada' })) as { statements: unknown[] }).statements,
    ).toHaveLength(1);
    await check('signOut');
  });

  it('for devices: their company credentials, and marking one public', async () => {
    const { code } = await createEnrolmentCode(hub.database.db, 60_000, 'test', new Date());
    const enrolled = (await check('enrol', {
      body: { code, name: 'Eve', email: 'eve@example.com', learnerId: 'eve' },
    })) as { key: string; secret: string };
    const device = `Basic ${Buffer.from(`${enrolled.key}:${enrolled.secret}`).toString('base64')}`;
    await setIssuerProfile(hub.database.db, { name: 'Acme', url: null, image: null }, 'test', new Date());
    const completed = buildStatement({
      id: crypto.randomUUID(),
      timestamp: new Date(),
      learner: { id: 'eve', name: 'Eve' },
      verb: 'completed',
      object: { kind: 'course', packId: 'test-pack', id: 'basics', title: 'Basics' },
    });
    const sent = await fetch(`${hub.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: device,
        'content-type': 'application/json',
        'x-experience-api-version': '2.0.0',
      },
      body: JSON.stringify([completed]),
    });
    expect(sent.status).toBe(200);
    const mine = (await check('myCredentials', { auth: device })) as { credentials: { id: string }[] };
    expect(mine.credentials).toHaveLength(1);
    await check('setCredentialVisibility', {
      auth: device,
      body: { id: mine.credentials[0]?.id, public: true },
    });
  });

  it('covered every route, and refuses in the contract’s error shape', async () => {
    expect([...answered].sort()).toEqual(Object.keys(hubRoutes).sort());
    const refused = await fetch(`${hub.url}${hubRoutes.devices.path}`);
    expect(refused.status).toBe(401);
    expect(HubError.safeParse(await refused.json()).success).toBe(true);
  });
});
