import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { buildStatement, type ActivityRef, type StatementInput } from '../src-shared/xapi/statements';
import { expect, expectAccessible, screenshot } from './fixtures';
import { runHubCliText, startHub } from './hub-process';

// The company hub as a trainer meets it: a real hub process over a temp PGlite folder, a trainer credential
// made with the admin CLI, devices syncing through the xAPI, and the dashboard in Chromium.
// (e2e does not import src-hub: its tsconfig holds the app's sources only, so the hub is driven as a program.)

const test = base.extend<{ hub: { url: string; trainer: { key: string; secret: string } } }>({
  hub: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'advocate-e2e-hub-'));
      const trainer = JSON.parse(
        await runHubCliText([
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
      // The company names itself as issuer, so completions earn company certificates.
      await runHubCliText(['issuer', 'set', '--name', 'Acme Corp', '--data-dir', dataDir]);
      const { url, child } = await startHub(dataDir);
      await use({ url, trainer });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
    // Three runs of the hub program (a credential, the issuer, the server), each migrating PGlite first: on a
    // busy machine that alone can pass a test's time, so the hub has its own.
    { timeout: 240_000 },
  ],
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
  await page.getByLabel('Person').fill('ada@example.com');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Statements of Ada Lovelace' })).toBeVisible();
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

const basics: ActivityRef = { kind: 'course', packId: 'test-pack', id: 'basics', title: 'Basics' };
// As in the test pack's manifest (src-packs/testing/test-pack.ts): Basics has one module of four items.
const firstModule: ActivityRef = {
  kind: 'module',
  packId: 'test-pack',
  id: 'basics/first',
  title: 'Getting started',
};
const lesson: ActivityRef = { kind: 'lesson', packId: 'test-pack', id: 'hello', title: 'Why it matters' };
const check: ActivityRef = { kind: 'quiz', packId: 'test-pack', id: 'check', title: 'Knowledge check' };
const exercise: ActivityRef = { kind: 'exercise', packId: 'test-pack', id: 'write-it', title: 'Write it' };
const reflection: ActivityRef = { kind: 'reflection', packId: 'test-pack', id: 'think', title: 'Think' };

/**
 * What the app records as a learner works through Basics: built by the app's own statement builder. A step's
 * `duration` is added to its result, as an LRS client that measures time would send it.
 */
function journey(
  learner: { id: string; name: string },
  steps: (Omit<StatementInput, 'id' | 'learner' | 'timestamp'> & { duration?: string })[],
) {
  let at = Date.parse('2026-11-02T09:00:00Z');
  return steps.map(({ duration, ...step }) => {
    const statement = buildStatement({
      ...step,
      id: randomUUID(),
      learner,
      timestamp: new Date((at += 60_000)),
    });
    return duration ? { ...statement, result: { ...(statement['result'] as object), duration } } : statement;
  });
}
function answered(
  n: number,
  response: string,
  attempt: string,
): Omit<StatementInput, 'id' | 'learner' | 'timestamp'> {
  return {
    verb: 'answered',
    object: { kind: 'question', packId: 'test-pack', id: `check/q${n}`, title: `Question ${n}` },
    parents: [check, basics, firstModule],
    registration: attempt,
    interactionType: 'choice',
    result: { success: response === '1', response },
  };
}

test('a trainer sees who has not started, who is on the way, one person’s attempts, and which questions trip people up', async ({
  page,
  hub,
}) => {
  test.slow();
  await page.goto(`${hub.url}/dashboard`);
  await page.getByLabel('Trainer key').fill(hub.trainer.key);
  await page.getByLabel('Secret').fill(hub.trainer.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as Tom Trainer')).toBeVisible();
  const code = async (team: string) => {
    const made = await page.request.post(`${hub.url}/dashboard/api/enrolment-codes`, {
      data: { expires: '7d', team },
    });
    return ((await made.json()) as { code: string }).code;
  };
  // The test pack is published: Basics's one module is done when all four of its items are.
  const published = await page.request.post(`${hub.url}/dashboard/api/packs`, {
    headers: { 'content-type': 'application/zip' },
    data: readFileSync(await packZip()),
  });
  expect(published.status()).toBe(201);
  const [first, second] = [randomUUID(), randomUUID()];
  const item = { parents: [basics, firstModule] };
  await enrolAndSync(
    hub.url,
    await code('Platform'),
    { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    journey({ id: 'ada', name: 'Ada Lovelace' }, [
      { verb: 'attempted', object: lesson, ...item },
      { verb: 'completed', object: lesson, ...item, result: { completion: true }, duration: 'PT2M' },
      { verb: 'attempted', object: check, ...item },
      answered(1, '1', first),
      answered(2, '2', first),
      {
        verb: 'failed',
        object: check,
        ...item,
        registration: first,
        result: { score: { scaled: 0.5, raw: 1, min: 0, max: 2 }, success: false, completion: true },
        duration: 'PT1M30S',
      },
      answered(1, '1', second),
      answered(2, '1', second),
      {
        verb: 'passed',
        object: check,
        ...item,
        registration: second,
        result: { score: { scaled: 1, raw: 2, min: 0, max: 2 }, success: true, completion: true },
        duration: 'PT1M',
      },
      { verb: 'completed', object: exercise, ...item, result: { completion: true }, duration: 'PT10M' },
      { verb: 'completed', object: reflection, ...item, result: { completion: true } },
      { verb: 'completed', object: basics, result: { completion: true } },
    ]),
  );
  await enrolAndSync(
    hub.url,
    await code('Platform'),
    { id: 'bob', name: 'Bob Byline', email: 'bob@example.com' },
    journey({ id: 'bob', name: 'Bob Byline' }, [{ verb: 'attempted', object: lesson, ...item }]),
  );
  await enrolAndSync(
    hub.url,
    await code('Sales'),
    { id: 'cy', name: 'Cy Seller', email: 'cy@example.com' },
    [],
  );

  // Per course and team: enrolled, not started, in progress, completed, and the mean share of items done.
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Progress' }).click();
  const overview = page.getByRole('table', { name: 'Progress by course and team' });
  await expect(overview.getByRole('row', { name: /Platform/ }).locator('th, td')).toHaveText([
    'Basics',
    'Platform',
    '2',
    '0',
    '1',
    '1',
    '50%',
    '50%',
  ]);
  await expect(overview.getByRole('row', { name: /Sales/ }).locator('th, td')).toHaveText([
    'Basics',
    'Sales',
    '1',
    '1',
    '0',
    '0',
    '—',
    '—',
  ]);
  await screenshot(page, 'hub-dashboard-progress');
  await expectAccessible(page);

  // Who has not started Basics in Sales, one click from the count: the filters live in the address, so the
  // list can be bookmarked and shared.
  await overview.getByRole('link', { name: 'Show the 1 in Sales who have not started Basics' }).click();
  const people = page.getByRole('table', { name: 'People in the course' });
  await expect(people.getByRole('row')).toHaveCount(2);
  await expect(people.getByRole('row', { name: /Cy Seller/ })).toContainText('not started');
  await expect(
    people
      .getByRole('row', { name: /Cy Seller/ })
      .locator('td')
      .nth(3),
  ).toHaveText('0 of 1');
  expect(page.url()).toContain('status=not-started');
  expect(page.url()).toContain('team=Sales');
  await expect(page.getByLabel('Team')).toHaveValue('Sales');
  const notStarted = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const waiting = readFileSync(await (await notStarted).path(), 'utf8').split('\r\n');
  expect(waiting[0]).toBe(
    'person,email,team,status,items_done,items,modules_done,modules,enrolled_at,started_at,completed_at',
  );
  expect(waiting[1]).toMatch(/^Cy Seller,cy@example\.com,Sales,not-started,0,4,0,1,\S+Z,,$/);
  expect(waiting).toHaveLength(3);
  await page.reload();
  await expect(people.getByRole('row', { name: /Cy Seller/ })).toBeVisible();
  await expect(page.getByLabel('People')).toHaveValue('not-started');
  await screenshot(page, 'hub-dashboard-not-started');
  await expectAccessible(page);

  // One person's page: modules, exercises, time spent, each item, quiz attempts and scores, certificates.
  await page.getByLabel('Team').selectOption('');
  await page.getByLabel('People').selectOption('');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(
    people
      .getByRole('row', { name: /Ada Lovelace/ })
      .locator('td')
      .nth(2),
  ).toHaveText('4 of 4');
  await expect(
    people
      .getByRole('row', { name: /Ada Lovelace/ })
      .locator('td')
      .nth(3),
  ).toHaveText('1 of 1');
  await expect(
    people
      .getByRole('row', { name: /Bob Byline/ })
      .locator('td')
      .nth(3),
  ).toHaveText('0 of 1');
  await screenshot(page, 'hub-dashboard-people');
  await expectAccessible(page);
  await people.getByRole('link', { name: 'Ada Lovelace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  const items = page.getByRole('table', { name: 'Basics: items' });
  await expect(
    items
      .getByRole('row', { name: /Knowledge check/ })
      .locator('td')
      .nth(2),
  ).toHaveText('2');
  await expect(items.getByRole('row', { name: /Knowledge check/ })).toContainText('100%');
  await expect(items.getByRole('row', { name: /Think/ }).locator('td').first()).toHaveText('reflection');
  const facts = page.locator('dl.facts');
  await expect(facts.locator('dd')).toHaveText([
    '1 of 1',
    '1 of 1',
    // 2 min + 1 min 30 s + 1 min + 10 min; Think's completion carried no duration.
    '14 min 30 s (recorded on 4 of 5 finished items)',
  ]);
  const certificates = page.getByRole('table', { name: 'Certificates issued' });
  await expect(certificates.getByRole('row', { name: /Basics/ }).locator('td')).toHaveText([
    'Acme Corp',
    /^2026-\d\d-\d\d \d\d:\d\d UTC$/,
    'valid',
  ]);
  await screenshot(page, 'hub-dashboard-person');
  await expectAccessible(page);

  // Bob has finished nothing: no time was measured, and it says so rather than 0.
  await page.goBack();
  await people.getByRole('link', { name: 'Bob Byline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Byline' })).toBeVisible();
  await expect(page.locator('dl.facts dd')).toHaveText(['0 of 1', '0 of 1', 'not recorded']);
  await expect(page.getByText('The hub has issued no certificate to Bob Byline.')).toBeVisible();
  await screenshot(page, 'hub-dashboard-person-not-recorded');
  await expectAccessible(page);

  // Item analysis: the share right per question, and the wrong choice most picked.
  await nav.getByRole('link', { name: 'Questions' }).click();
  await page.getByLabel('Course').selectOption({ label: 'Basics' });
  await page.getByRole('button', { name: 'Show' }).click();
  const analysis = page.getByRole('table', { name: 'Item analysis' });
  await expect(analysis.getByRole('row', { name: /Question 1/ })).toContainText('100%');
  await expect(analysis.getByRole('row', { name: /Question 2/ }).locator('td')).toHaveText([
    'Knowledge check',
    '2',
    '50%',
    'choice 2 (1)',
  ]);
  await screenshot(page, 'hub-dashboard-questions');
  await expectAccessible(page);
});
