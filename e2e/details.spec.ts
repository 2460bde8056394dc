import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import type { APIRequestContext } from '@playwright/test';
import { test, expect, screenshot, expectAccessible, openScreen, type RunningHost } from './fixtures';

/** Imports the small test pack (with files replaced) through the upload and import calls the Packs screen uses. */
async function importPack(
  request: APIRequestContext,
  host: RunningHost,
  overrides: Record<string, string> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-details-'));
  writeTestPack(join(dir, 'pack'), overrides);
  await buildPackZip(join(dir, 'pack'), join(dir, 'pack.zip'));
  const headers = { Authorization: `Bearer ${host.secret}` };
  const upload = await request.post(`${host.origin}/upload?name=pack.zip`, {
    headers: { ...headers, 'Content-Type': 'application/zip' },
    data: readFileSync(join(dir, 'pack.zip')),
  });
  const { uploadId } = ((await upload.json()) as { value: { uploadId: string } }).value;
  const started = await request.post(`${host.origin}/api/startPackImport`, { headers, data: { uploadId } });
  const { jobId } = ((await started.json()) as { value: { jobId: string } }).value;
  await expect
    .poll(async () => {
      const job = await request.post(`${host.origin}/api/getPackImport`, { headers, data: { jobId } });
      return ((await job.json()) as { value: { state: string } }).value.state;
    })
    .toBe('done');
}

test('the small things: an empty draft has no reading time, Markdown copies with its title, one date style, plain textareas', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await openScreen(page, 'Write');
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page).toHaveURL(/#\/write\/[0-9a-f-]{36}$/);
  const status = page.locator('.editor-status');
  await expect(status).toContainText('0 words');
  await expect(status).not.toContainText('min to read');
  await expect(page.getByLabel('Preview')).not.toContainText('min read');
  await screenshot(page, 'details-empty-draft');

  await page.getByLabel('Title').fill('Why DNS');
  await page.getByLabel('Text (Markdown)').fill('It was **DNS**.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(status).toContainText('about 1 min to read');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied Markdown.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('# Why DNS\n\nIt was **DNS**.');

  // Recent moments read relatively, with the exact time on hover.
  await page.getByRole('link', { name: 'All drafts' }).click();
  const changed = page.getByRole('list', { name: 'Drafts' }).locator('time');
  await expect(changed).toHaveText('just now');
  await expect(changed).toHaveAttribute('title', /\d{4}/);
  await expect(changed).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await screenshot(page, 'details-library-dates');
  await expectAccessible(page);

  // What is typed in a textarea is ordinary text, even under a bold label.
  await openScreen(page, 'Sync & Settings');
  const invitation = page.getByLabel('Paste an invitation (optional)');
  await expect(invitation).toHaveCSS('font-weight', '400');
  await openScreen(page, 'Profile');
  await expect(page.getByLabel('Bio (Markdown)')).toHaveCSS('font-weight', '400');
});

test('the time left in a course goes down as soon as a lesson is marked done', async ({
  page,
  host,
  request,
}) => {
  await importPack(request, host);

  await page.goto(host.url);
  await page.goto(`${host.origin}/#/learn/test-pack/item/hello`);
  await expect(page.getByRole('heading', { level: 1, name: 'Hello' })).toBeVisible();
  const header = page.locator('.reader header .meta');
  await expect(header).toContainText('about 3 min left in this course');
  await page.getByRole('button', { name: 'Mark as done' }).click();
  await expect(page.getByText('Done. Your progress is saved on this device.')).toBeVisible();
  // Hello was the course's only timed item: nothing timed is left.
  await expect(header).not.toContainText('left in this course');
  await expect(header).toContainText('Lesson · 3 min');
  await screenshot(page, 'details-time-left-after-done');
  await expectAccessible(page);
});

test('the right answers to a multiple-answer question are listed one by one', async ({
  page,
  host,
  request,
}) => {
  const check = `---
title: Check
questions:
  - id: costs
    type: multiple
    prompt: Which are real costs?
    choices:
      - text: Stories go untold by the people who know them.
        correct: true
      - text: Nothing at all.
      - text: Outdated answers stay up.
        correct: true
    explanation: Both cost trust.
---
A short check.
`;
  await importPack(request, host, { 'first/check.md': check });
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/learn/test-pack/item/check`);
  await page.getByRole('button', { name: 'Start the knowledge check' }).click();
  await page.getByRole('checkbox', { name: 'Nothing at all.' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByText('Not quite')).toBeVisible();
  const answers = page.getByRole('status').getByRole('listitem');
  await expect(answers).toHaveText([
    'Stories go untold by the people who know them.',
    'Outdated answers stay up.',
  ]);
  await expect(page.getByText('.; ')).toHaveCount(0);
  await screenshot(page, 'details-multiple-answers');
  await expectAccessible(page);
});
