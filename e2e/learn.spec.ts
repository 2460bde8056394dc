import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { testPackFiles, writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { test, expect, screenshot, expectAccessible, openScreen, type RunningHost } from './fixtures';

/** Imports the small test pack through the same upload and import calls the Packs screen uses. */
async function importTestPack(
  request: APIRequestContext,
  host: RunningHost,
  overrides: Record<string, string> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-learn-'));
  writeTestPack(join(dir, 'pack'), overrides);
  await buildPackZip(join(dir, 'pack'), join(dir, 'pack.zip'));
  const auth = { Authorization: `Bearer ${host.secret}` };
  const upload = await request.post(`${host.origin}/upload?name=pack.zip`, {
    headers: { ...auth, 'Content-Type': 'application/zip' },
    data: readFileSync(join(dir, 'pack.zip')),
  });
  const { uploadId } = (await upload.json()).value as { uploadId: string };
  const started = await request.post(`${host.origin}/api/startPackImport`, {
    headers: auth,
    data: { uploadId },
  });
  const { jobId } = (await started.json()).value as { jobId: string };
  await expect
    .poll(async () => {
      const status = await request.post(`${host.origin}/api/getPackImport`, {
        headers: auth,
        data: { jobId },
      });
      return ((await status.json()).value as { state: string }).state;
    })
    .toBe('done');
}

async function openTestCourse(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Basics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Basics' })).toBeVisible();
}

test('a learner reads a lesson, marks it done, and picks up where they left off', async ({
  page,
  host,
  request,
}) => {
  await importTestPack(request, host);
  await openTestCourse(page, host);
  await page.getByRole('link', { name: 'Start the course' }).click();
  await page.getByRole('button', { name: 'Mark as done' }).click();
  await expect(page.getByText('Done. Your progress is saved on this device.')).toBeVisible();
  await page.getByRole('link', { name: 'Check →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check' })).toBeVisible();

  // Later: the course page offers to continue at the knowledge check, and shows the lesson as done.
  await page.reload();
  await openScreen(page, 'Learn');
  await page.getByRole('link', { name: 'Basics' }).click();
  await expect(page.getByText('1 of 4 items done')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Hello' })).toContainText('Done');
  await page.getByRole('link', { name: 'Continue where you left off' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check' })).toBeVisible();
});

/** The test pack's knowledge check with a written question added, which is never marked. */
const checkWithWrittenAnswer = `${String(testPackFiles['first/check.md']).replace(
  '---\nA short check.',
  `  - id: why
    type: written
    prompt: Why does it matter?
    modelAnswer: Because readers trust practitioners.
    explanation: Compare the point, not the words.
---
A short check.`,
)}`;

test('a learner fails a knowledge check, learns from the feedback, then passes it', async ({
  page,
  host,
  request,
}) => {
  await importTestPack(request, host, { 'first/check.md': checkWithWrittenAnswer });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
  await page.goto(`${host.origin}/#/learn/test-pack/item/check`);
  await expect(page.getByText('You need 75% of the 2 marked ones to pass')).toBeVisible();
  await expect(page.locator('.quiz')).toContainText(
    'for a written answer: you compare yours with a model answer, and it does not count toward the score',
  );
  await page.getByRole('button', { name: 'Start the knowledge check' }).click();

  await page.getByRole('radio', { name: 'Wrong' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByText('Not quite')).toBeVisible();
  await expect(page.getByText('The answer: Right')).toBeVisible();
  await expect(page.getByText('Because.')).toBeVisible();
  await screenshot(page, 'quiz-feedback');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('radio', { name: 'True' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByText('Correct', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next question' }).click();
  // A written answer: the model answer appears only once one is given, and nothing is marked.
  await expect(page.getByText('Because readers trust practitioners.')).toBeHidden();
  await page.getByLabel('Your answer').fill('People believe the engineer who did the work.');
  await page.getByRole('button', { name: 'Compare with a model answer' }).click();
  await expect(page.getByText('A model answer to compare with yours')).toBeVisible();
  await expect(page.getByText('Because readers trust practitioners.')).toBeVisible();
  await screenshot(page, 'quiz-written-answer');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'See my score' }).click();
  await expect(page.getByText('Not passed yet: 1 of 2 (50%)')).toBeVisible();
  await expect(page.getByText('You need 75% to pass.')).toBeVisible();
  await expect(page.getByText('they are not part of the score')).toBeVisible();
  await expect(page.getByText('To look at again')).toBeVisible();

  // The retry points out what went wrong last time.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('Last time you missed 1 question')).toBeVisible();
  await expect(page.getByText('You missed this one last time')).toBeVisible();
  await screenshot(page, 'quiz-retry');
  await page.getByRole('radio', { name: 'Right' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  await expect(page.getByText('You missed this one last time')).toBeHidden();
  await page.getByRole('radio', { name: 'True' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByLabel('Your answer').fill('x');
  await page.getByRole('button', { name: 'Compare with a model answer' }).click();
  await page.getByRole('button', { name: 'See my score' }).click();
  await expect(page.getByText('Passed: 2 of 2 (100%)')).toBeVisible();
  await screenshot(page, 'quiz-passed');
});

test('the bundled course reads well', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Advocate Foundations' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Why advocacy/ })).toBeVisible();
  await screenshot(page, 'course-foundations');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The gatekeeper is gone' })).toBeVisible();
  await screenshot(page, 'lesson-foundations');
  await expectAccessible(page);
});

test('beside a long lesson the course outline marks where the learner is, and the navigation stays in view', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Advocate Foundations' }).click();
  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The gatekeeper is gone' })).toBeVisible();
  const outline = page.getByRole('navigation', { name: 'Course outline' });
  const current = outline.locator('a[aria-current="page"]');
  await expect(current).toHaveText(/The gatekeeper is gone/);
  await expect(current).toContainText('In progress');
  await expect(outline.getByText('1. Why advocacy')).toBeVisible();

  // On a wide window the outline sits beside the reader, not below it.
  const reader = await page.locator('article.reader').boundingBox();
  const beside = await outline.boundingBox();
  expect(beside && reader && beside.x > reader.x + reader.width).toBe(true);
  await screenshot(page, 'lesson-with-outline');
  await expectAccessible(page);

  // Done is shown in the outline at once; at the bottom of the lesson the navigation is still in view.
  await page.getByRole('button', { name: 'Mark as done' }).click();
  await expect(current).toContainText('Done');
  await page.getByRole('navigation', { name: 'Previous and next' }).scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write' }),
  ).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/lesson-scrolled.png' });

  // On a narrow window the outline is folded below the lesson, a click away.
  await page.setViewportSize({ width: 700, height: 800 });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'The gatekeeper is gone' })).toBeVisible();
  await expect(current).toBeHidden();
  await outline.getByText('Advocate Foundations').click();
  await expect(current).toBeVisible();
  const below = await outline.boundingBox();
  const narrowReader = await page.locator('article.reader').boundingBox();
  expect(below && narrowReader && below.y > narrowReader.y + narrowReader.height).toBe(true);
  await screenshot(page, 'lesson-outline-narrow');
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Previous and next' }).scrollIntoViewIfNeeded();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write' }),
  ).toBeInViewport();
});

test('a learner finds lessons by a word in their text, with the word highlighted', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByLabel('Search all lessons').fill('confidential');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('listitem').first()).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText(/confidential/i);
  await screenshot(page, 'search');
  await expectAccessible(page);
  await results.getByRole('link').first().click();
  await expect(page.locator('article h1')).toBeVisible();

  await openScreen(page, 'Learn');
  await page.getByLabel('Search all lessons').fill('xylophonist');
  await expect(page.getByText('Nothing matches “xylophonist”.')).toBeVisible();
});

test('a learner completes a course, gets a signed certificate, and the outbox holds every record', async ({
  page,
  host,
  request,
}) => {
  // The test pack without its exercise: exercises are completed in the writing studio.
  const manifest = String(testPackFiles['pack.yaml']).replace(
    / {10}- id: write-it\n {12}kind: exercise\n {12}file: first\/write-it.md\n/,
    '',
  );
  await importTestPack(request, host, { 'pack.yaml': manifest });
  await page.goto(host.url);
  await openScreen(page, 'Sync & Settings');
  await page
    .getByLabel('Your name, as it appears on certificates and completion records')
    .fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await page.goto(`${host.origin}/#/learn/test-pack/item/hello`);
  await page.getByRole('button', { name: 'Mark as done' }).click();
  await page.goto(`${host.origin}/#/learn/test-pack/item/think`);
  await expect(page.getByRole('button', { name: 'I have reflected on this' })).toBeDisabled();
  await page
    .getByLabel('Your note: private, kept only on this device')
    .fill('Lead with the insight, not the fix.');
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByRole('button', { name: 'I have reflected on this' }).click();
  await expect(page.getByText('Done. Your progress is saved on this device.')).toBeVisible();
  await page.goto(`${host.origin}/#/learn/test-pack/item/check`);
  await page.getByRole('button', { name: 'Start the knowledge check' }).click();
  await page.getByRole('radio', { name: 'Right' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('radio', { name: 'True' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('button', { name: 'See my score' }).click();
  await expect(page.getByText('That completes the course. Well done.')).toBeVisible();

  // The moment: what it took, the certificate and its badge, and what to do next.
  await page.getByRole('link', { name: 'See what you achieved' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You completed “Basics”' })).toBeVisible();
  await expect(page.getByText('1 lesson, 1 knowledge check passed and 1 reflection')).toBeVisible();
  await expect(page.getByText('Issued to Ada Lovelace and signed on this device')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the Open Badge (.json)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What next' }).getByRole('link')).toBeVisible();
  await screenshot(page, 'course-complete');
  await expectAccessible(page);

  // The finished course says so, offers its certificate, and a review instead of a start.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Basics' }).click();
  // Dates read as everywhere else: relative, with the exact moment on hover.
  await expect(page.locator('.completed-on')).toHaveText(/^Completed\s+just now$/);
  await expect(page.locator('.completed-on time')).toHaveAttribute('title', /\d{4}/);
  await expect(page.getByRole('link', { name: 'Review the course' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Your certificate' })).toBeVisible();
  await screenshot(page, 'course-completed-page');

  await openScreen(page, 'Learn');
  await page.getByRole('region', { name: 'Your certificates' }).getByRole('link', { name: 'Basics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('Valid: signed on this device (Open Badges 3.0)')).toBeVisible();
  // The certificate is a document: its date stays a date, printed or read a year later.
  await expect(page.locator('.certificate time')).toHaveText(/^\d{1,2} \w+ \d{4}$|^\w+ \d{1,2}, \d{4}$/);
  await screenshot(page, 'certificate');
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the Open Badge (.json)' }).click();
  const badge = JSON.parse(readFileSync((await (await download).path()) ?? '', 'utf8')) as Record<
    string,
    unknown
  >;
  expect(badge).toMatchObject({
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    proof: [{ cryptosuite: 'eddsa-jcs-2022' }],
  });
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'certificate-print');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

  // What the company hub will receive: one statement per step, in order.
  const db = new Database(join(host.dataDir, 'advocate.db'), { readonly: true });
  const verbs = (
    db.prepare('SELECT statement FROM outbox ORDER BY rowid').all() as { statement: string }[]
  ).map((row) => {
    const statement = JSON.parse(row.statement) as {
      verb: { id: string };
      object: { id: string };
      actor: { name: string };
    };
    expect(statement.actor.name).toBe('Ada Lovelace');
    return `${statement.verb.id.split('/').pop()} ${statement.object.id.split('/').pop()}`;
  });
  const notes = db.prepare('SELECT text FROM reflection_notes').all();
  db.close();
  expect(notes).toEqual([{ text: 'Lead with the insight, not the fix.' }]);
  expect(verbs).toEqual([
    'attempted hello',
    'completed hello',
    'attempted think',
    'completed think',
    'attempted check',
    'answered one',
    'answered two',
    'passed check',
    'completed basics',
  ]);
});

/** Calls the host's API as the window does, for steps a story only needs done. */
async function call<T>(
  request: APIRequestContext,
  host: RunningHost,
  name: string,
  data: unknown = {},
): Promise<T> {
  const response = await request.post(`${host.origin}/api/${name}`, {
    headers: { Authorization: `Bearer ${host.secret}` },
    data,
  });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body, `${name} failed: ${JSON.stringify(body.error)}`).toMatchObject({ ok: true });
  return body.value;
}

test('a learner who skipped the welcome names themselves for the certificate, then corrects the name', async ({
  page,
  host,
  request,
}) => {
  const manifest = String(testPackFiles['pack.yaml']).replace(
    / {10}- id: write-it\n {12}kind: exercise\n {12}file: first\/write-it.md\n/,
    '',
  );
  await importTestPack(request, host, { 'pack.yaml': manifest });
  const item = (itemId: string) => ({ packId: 'test-pack', itemId });
  await call(request, host, 'completeItem', item('hello'));
  await call(request, host, 'saveReflection', { ...item('think'), text: 'Lead with the insight.' });
  await call(request, host, 'completeItem', item('think'));
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/learn/test-pack/item/check`);
  await page.getByRole('button', { name: 'Start the knowledge check' }).click();
  await page.getByRole('radio', { name: 'Right' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('radio', { name: 'True' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('button', { name: 'See my score' }).click();
  await page.getByRole('link', { name: 'See what you achieved' }).click();

  // No certificate under "Learner": it waits for a name.
  await expect(page.getByRole('heading', { name: 'Your certificate needs your name' })).toBeVisible();
  await screenshot(page, 'course-complete-needs-name');
  await expectAccessible(page);
  await page.getByLabel('Your name, as it should appear on the certificate').fill('Dana Okafr');
  await page.getByRole('button', { name: 'Issue my certificate' }).click();
  await expect(page.getByText('Issued to Dana Okafr and signed on this device')).toBeVisible();
  await page.getByRole('link', { name: 'See your certificate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dana Okafr' })).toBeVisible();

  // A typo noticed later: the name is corrected, the certificate re-issued, the old copy kept.
  await openScreen(page, 'Sync & Settings');
  await page
    .getByLabel('Your name, as it appears on certificates and completion records')
    .fill('Dana Okafor');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await openScreen(page, 'Learn');
  await page.getByRole('region', { name: 'Your certificates' }).getByRole('link', { name: 'Basics' }).click();
  await expect(page.getByText('you now go by Dana Okafor')).toBeVisible();
  await page.getByRole('button', { name: 'Re-issue under Dana Okafor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dana Okafor' })).toBeVisible();
  await expect(page.getByText('Valid: signed on this device (Open Badges 3.0)')).toBeVisible();
  const history = page.getByRole('region', { name: 'Other copies of this certificate' });
  await expect(history.getByRole('link', { name: 'Issued to Dana Okafr' })).toBeVisible();
  await screenshot(page, 'certificate-reissued');
  await expectAccessible(page);
  await history.getByRole('link', { name: 'Issued to Dana Okafr' }).click();
  await expect(
    page.getByText('This copy was replaced by one re-issued under a corrected name'),
  ).toBeVisible();
});

test('a learner saves a PDF the lesson links to', async ({ page, host, request }) => {
  await importTestPack(request, host, {
    'first/hello.md':
      '---\ntitle: Hello\n---\nRead [the checklist](../assets/checklist.pdf) first.\n\n![A diagram](../assets/diagram.png)\n',
    'assets/checklist.pdf': '%PDF-1.4 a checklist',
  });
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/learn/test-pack/item/hello`);
  const download = page.waitForEvent('download');
  await page.locator('.prose').getByRole('link', { name: 'the checklist' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('checklist.pdf');
  expect(readFileSync((await saved.path()) ?? '', 'utf8')).toBe('%PDF-1.4 a checklist');
});
