import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { expect, expectAccessible, screenshot } from './fixtures';

// The company hub as a trainer meets it: a real hub process over a temp PGlite folder, a trainer credential
// made with the admin CLI, devices syncing through the xAPI, and the dashboard in Chromium.
// (e2e does not import src-hub: its tsconfig holds the app's sources only, so the hub is driven as a program.)

const projectRoot = join(import.meta.dirname, '..');

function hubCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, HUB_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function runCli(args: string[]): Promise<string> {
  const child = hubCli(args);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`hub ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

async function startHub(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = hubCli(['--port', '0', '--data-dir', dataDir]);
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${code}) before listening: ${err}`)));
  });
  return { url, child };
}

const test = base.extend<{ hub: { url: string; trainer: { key: string; secret: string } } }>({
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'advocate-e2e-hub-'));
    const trainer = JSON.parse(
      await runCli([
        'credentials',
        'create',
        '--name',
        'Tom Trainer',
        '--role',
        'trainer',
        '--json',
        '--data-dir',
        dataDir,
      ]),
    ) as { key: string; secret: string };
    const { url, child } = await startHub(dataDir);
    await use({ url, trainer });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  },
});

async function packZip(overrides: Record<string, string | null> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-hubpack-'));
  writeTestPack(join(dir, 'pack'), overrides);
  const zip = join(dir, 'pack.zip');
  await buildPackZip(join(dir, 'pack'), zip);
  return zip;
}

/** A course completion as the app's training records it. */
function courseCompleted(learnerId: string, name: string, courseId: string, title: string, at: string) {
  return {
    id: randomUUID(),
    actor: {
      objectType: 'Agent',
      name,
      account: { homePage: 'https://advocate.studio/learners', name: learnerId },
    },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
    object: {
      objectType: 'Activity',
      id: `https://advocate.studio/xapi/activities/packs/test-pack/courses/${courseId}`,
      definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'en-US': title } },
    },
    result: { completion: true },
    timestamp: at,
  };
}

async function enrolAndSync(
  hubUrl: string,
  code: string,
  person: { id: string; name: string; email: string },
  statements: unknown[],
) {
  const enrolled = await fetch(`${hubUrl}/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name: person.name, email: person.email, learnerId: person.id }),
  });
  expect(enrolled.status).toBe(201);
  const { key, secret } = (await enrolled.json()) as { key: string; secret: string };
  const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const sent = await fetch(`${hubUrl}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', 'x-experience-api-version': '2.0.0' },
    body: JSON.stringify(statements),
  });
  expect(sent.status).toBe(200);
  return auth;
}

test('a trainer signs in, enrols a team, publishes a pack, and exports who completed what', async ({
  page,
  hub,
}) => {
  test.slow();
  await page.goto(`${hub.url}/dashboard`);
  await expect(page.getByRole('heading', { level: 1, name: 'Trainer dashboard' })).toBeVisible();
  await page.getByLabel('Trainer key').fill(hub.trainer.key);
  await page.getByLabel('Secret').fill('not the secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('wrong secret');
  await screenshot(page, 'hub-dashboard-login');
  await expectAccessible(page);
  await page.getByLabel('Secret').fill(hub.trainer.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as Tom Trainer')).toBeVisible();

  // Enrolment codes: one for the Platform team, made on the page; another with no team.
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Enrolment codes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enrolment codes' })).toBeVisible();
  await page.getByLabel('Team (optional)').fill('Platform');
  await page.getByRole('button', { name: 'Create code' }).click();
  const platformCode = (await page.locator('code.code').textContent()) ?? '';
  expect(platformCode).toMatch(/^enrol_/);
  // The invitation to send carries the hub's address as the trainer reached it, and the code.
  expect(await page.getByLabel('Invitation').inputValue()).toContain(
    `advocate-studio://connect?hub=${encodeURIComponent(`${hub.url}/`)}&code=${platformCode}`,
  );
  await page.getByLabel('Team (optional)').fill('');
  await page.getByRole('button', { name: 'Create code' }).click();
  await expect(page.locator('code.code')).not.toHaveText(platformCode);
  const otherCode = (await page.locator('code.code').textContent()) ?? '';
  await expect(
    page.getByRole('table', { name: 'Unused, unexpired enrolment codes' }).getByRole('row'),
  ).toHaveCount(3);
  await screenshot(page, 'hub-dashboard-enrolment');
  await expectAccessible(page);

  // Two devices enrol and sync their course completions, as the app's sync would.
  const ada = await enrolAndSync(
    hub.url,
    platformCode,
    { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    [
      courseCompleted('ada', 'Ada Lovelace', 'basics', 'Basics, the "first" course', '2026-11-02T10:00:00Z'),
      courseCompleted('ada', 'Ada Lovelace', 'advanced', 'Advanced', '2026-11-20T10:00:00Z'),
    ],
  );
  await enrolAndSync(hub.url, otherCode, { id: 'bob', name: 'Bob Byline', email: 'bob@example.com' }, [
    courseCompleted('bob', 'Bob Byline', 'basics', 'Basics, the "first" course', '2026-11-05T10:00:00Z'),
  ]);
  const profile = {
    learnerId: 'ada',
    updatedAt: '2026-11-20T10:00:00.000Z',
    profile: {
      audience: 'company',
      name: 'Ada Lovelace',
      headline: 'Platform engineer',
      photo: null,
      bio: null,
      topics: ['Observability', 'Compilers'],
      links: [],
      expertise: [
        { name: 'Distributed tracing', level: 'expert', evidence: 'Ran the rollout', evidenceTitles: [] },
      ],
      portfolio: [],
    },
  };
  const put = await fetch(`${hub.url}/profiles/me`, {
    method: 'PUT',
    headers: { authorization: ada, 'content-type': 'application/json' },
    body: JSON.stringify(profile),
  });
  expect(put.status).toBe(200);

  await nav.getByRole('link', { name: 'Devices' }).click();
  const devices = page.getByRole('table', { name: 'Enrolled devices' });
  await expect(devices.getByRole('row', { name: /Ada Lovelace/ })).toContainText('Platform');
  await expect(devices.getByRole('row', { name: /Bob Byline/ })).toContainText('live');
  await screenshot(page, 'hub-dashboard-devices');
  await expectAccessible(page);

  // Packs: a broken one is refused with file:line problems, a good one is published.
  await nav.getByRole('link', { name: 'Packs' }).click();
  await page
    .getByLabel('Pack zip')
    .setInputFiles(await packZip({ 'pack.yaml': 'id: test-pack\nversion: one\n' }));
  await expect(page.getByRole('list', { name: 'Problems' }).getByRole('listitem').first()).toContainText(
    /^pack\.yaml:\d+: /,
    { timeout: 30_000 }, // the check runs in a worker, which takes a while to start on a busy machine
  );
  await screenshot(page, 'hub-dashboard-pack-problems');
  await expectAccessible(page);
  // A good one is checked first: its contents and what publishing it does, then published on confirmation.
  await page.getByLabel('Pack zip').setInputFiles(await packZip());
  await expect(page.getByRole('list', { name: 'Contents' })).toContainText('Basics: 1 module, 4 items', {
    timeout: 30_000,
  });
  await expect(
    page.getByText('“Test pack” 1.2.0 is new: every device gets it at its next sync.'),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: /Published packs/ })).not.toContainText('test-pack');
  await screenshot(page, 'hub-dashboard-pack-preview');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publish 1.2.0' }).click();
  await expect(page.getByRole('status')).toContainText('Published “Test pack” 1.2.0.');
  await expect(page.getByRole('table', { name: /Published packs/ })).toContainText('test-pack');
  await screenshot(page, 'hub-dashboard-packs');
  await expectAccessible(page);

  // Completions by course, person and team; filtered; exported.
  await nav.getByRole('link', { name: 'Completions' }).click();
  const byCourse = page.getByRole('table', { name: 'Completions by course' });
  await expect(byCourse.getByRole('row', { name: /Basics, the "first" course/ })).toContainText('2');
  const platform = page
    .getByRole('table', { name: 'Completions by team' })
    .getByRole('row', { name: /Platform/ });
  await expect(platform.locator('th, td')).toHaveText(['Platform', '1', '1', '2']);
  await screenshot(page, 'hub-dashboard-completions');
  await expectAccessible(page);
  await page.getByLabel('Team').selectOption('Platform');
  await page.getByLabel('From').fill('2026-11-03');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('1 course completion match.')).toBeVisible();
  await expect(byCourse.getByRole('row')).toHaveCount(2);
  await expect(byCourse).toContainText('Advanced');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toBe(
    'completed_at,person,email,team,course,course_id\r\n' +
      '2026-11-20T10:00:00.000Z,Ada Lovelace,ada@example.com,Platform,Advanced,https://advocate.studio/xapi/activities/packs/test-pack/courses/advanced\r\n',
  );
  await page.getByLabel('Team').selectOption('');
  await page.getByLabel('From').fill('');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('3 course completions match.')).toBeVisible();
  const allDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const all = readFileSync(await (await allDownload).path(), 'utf8');
  expect(all).toContain(',Bob Byline,bob@example.com,,"Basics, the ""first"" course",');

  // The expert directory, from the profile Ada's device sent.
  await nav.getByRole('link', { name: 'Experts' }).click();
  await page.getByLabel('Topic or expertise').fill('distributed tracing');
  await page.getByRole('button', { name: 'Search' }).click();
  const experts = page.getByRole('table', { name: 'Experts' });
  await expect(experts.getByRole('row')).toHaveCount(2);
  await expect(experts).toContainText('Platform engineer');
  await screenshot(page, 'hub-dashboard-experts');
  await expectAccessible(page);

  // The statement browser: exactly what arrived, the raw JSON one click away.
  await nav.getByRole('link', { name: 'Statements' }).click();
  const received = page.getByRole('table', { name: 'Statements received' });
  await expect(received.getByRole('row')).toHaveCount(4);
  await page.getByLabel('Person').selectOption({ label: 'Ada Lovelace (ada@example.com)' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(received.getByRole('row')).toHaveCount(3);
  const advanced = received.getByRole('row', { name: /Advanced/ });
  await expect(advanced).toContainText('completed');
  await advanced.getByText('Raw JSON').click();
  await expect(advanced.locator('pre')).toContainText(
    '"https://advocate.studio/xapi/activities/packs/test-pack/courses/advanced"',
  );
  await expect(advanced.locator('pre')).toContainText('"stored"');
  await screenshot(page, 'hub-dashboard-statements');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trainer dashboard' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Trainer key')).toBeVisible();
});
