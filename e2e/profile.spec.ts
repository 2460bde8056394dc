import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { APIRequestContext } from '@playwright/test';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { storyOfWords } from '../src-packs/testing/exercise-answers';
import { test, expect, screenshot, expectAccessible, openScreen, type RunningHost } from './fixtures';

/** A 96×96 PNG with a soft gradient and a round face, standing in for a photo the person chooses. */
function portraitPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const inFace = (x - size / 2) ** 2 + (y - size * 0.42) ** 2 < (size * 0.22) ** 2;
      const inShoulders = y > size * 0.7 && Math.abs(x - size / 2) < size * 0.36;
      const [r, g, b] = inFace ? [236, 196, 160] : inShoulders ? [40, 90, 140] : [120 + y, 160, 200 - y / 2];
      row.set([r, g, b].map(Math.round), 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function call(request: APIRequestContext, host: RunningHost, name: string, data: unknown) {
  const response = await request.post(`${host.origin}/api/${name}`, {
    headers: { Authorization: `Bearer ${host.secret}` },
    data,
  });
  const body = (await response.json()) as { ok: boolean; value?: { id?: string }; error?: unknown };
  expect(body, `${name} failed: ${JSON.stringify(body.error)}`).toMatchObject({ ok: true });
  return body.value ?? {};
}

test('an advocate fills in a profile, publishes a piece, and exports a public web page', async ({
  page,
  host,
  request,
}) => {
  // The whole story runs axe on four pages; on two shared cores that can outlast the default timeout.
  test.slow();
  await page.goto(host.url);
  await openScreen(page, 'Profile');
  await expect(page.getByText('Your expert profile is empty')).toBeVisible();
  await expect(page.getByText('Nothing here yet.')).toBeVisible();
  await screenshot(page, 'profile-empty');
  await expectAccessible(page);

  await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await page.getByLabel('Who sees your name').selectOption({ label: 'Public' });
  await page.getByLabel('Headline', { exact: true }).fill('Engineer who makes outages boring');
  await page.getByLabel('Who sees your headline').selectOption({ label: 'My company' });
  await page.getByLabel('Bio (Markdown)').fill('I write about **distributed tracing** and incident reviews.');
  await page.getByLabel('Who sees your bio').selectOption({ label: 'Public' });
  await page.getByLabel('Topics you will speak or write about').fill('Tracing, Incident reviews');
  await page.getByLabel('Who sees your topics').selectOption({ label: 'Public' });
  await page.getByLabel('LinkedIn', { exact: true }).fill('http://www.linkedin.com/in/ada');
  await page.getByLabel('Who sees your LinkedIn link').selectOption({ label: 'Public' });
  await page.getByLabel('Personal site', { exact: true }).fill('https://ada.example.com/private');
  await page
    .locator('#profile-photo-input')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: portraitPng() });
  await expect(page.getByRole('img', { name: 'Photo of Ada Lovelace' })).toBeVisible();
  await page.getByLabel('Who sees your photo').selectOption({ label: 'My company' });

  await page.getByRole('button', { name: 'Add an area of expertise' }).click();
  const area = page.getByRole('group', { name: 'Area of expertise 1' });
  await area.getByLabel('Area', { exact: true }).fill('Distributed tracing');
  await area.getByLabel('Level').selectOption({ label: 'Expert' });
  await area.getByLabel('Evidence').fill('Led the tracing rollout across 40 services');
  await area.getByLabel(/Who sees the area/).selectOption({ label: 'Public' });

  // Saved as it is typed; the one bad link waits beside its field while everything else is saved.
  await expect(page.getByText('LinkedIn: use the https:// address; http:// is not accepted')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'except LinkedIn' })).toContainText('Saved');
  await screenshot(page, 'profile-link-error');
  await page.getByLabel('LinkedIn', { exact: true }).fill('https://www.linkedin.com/in/ada');
  await expect(page.getByText('LinkedIn: use the https://')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText('Saved');

  // The writing studio publishes a piece (through the same API the Write screen uses).
  const draft = await call(request, host, 'createDraft', {
    title: 'Why our p99 latency doubled',
    channel: 'blog',
  });
  await call(request, host, 'updateDraft', {
    draftId: draft.id,
    status: 'published',
    publishedUrl: 'https://blog.example.com/p99',
  });

  await page.reload();
  const portfolio = page.getByRole('list', { name: 'Portfolio items' });
  const piece = portfolio.getByRole('listitem').filter({ hasText: 'Why our p99 latency doubled' });
  await expect(piece).toContainText('Blog post');
  await expect(piece.getByRole('link', { name: 'Why our p99 latency doubled' })).toHaveAttribute(
    'href',
    'https://blog.example.com/p99',
  );
  await piece.getByLabel('Who sees “Why our p99 latency doubled”').selectOption({ label: 'Public' });

  await page.getByRole('button', { name: 'Add a talk, article or project…' }).click();
  await page.getByLabel('Kind').selectOption({ label: 'Talk' });
  await page.getByLabel('Title', { exact: true }).fill('Tracing at scale, KubeCon');
  await page.getByLabel('Address (https://…, optional)').fill('https://conf.example.com/tracing');
  await page.getByLabel('Date').fill('2026-09-12');
  await page.getByLabel('Who sees this item').selectOption({ label: 'Public' });
  await page.getByRole('button', { name: 'Add to portfolio' }).click();
  await expect(
    portfolio.getByRole('listitem').filter({ hasText: 'Tracing at scale, KubeCon' }),
  ).toContainText('Talk');
  await page.getByRole('button', { name: 'Edit “Tracing at scale, KubeCon”' }).click();
  await page.getByLabel('Description (optional)').fill('How we traced 40 services without drowning in data.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(portfolio).toContainText('How we traced 40 services without drowning in data.');
  await expect(page.getByText(/Pieces published per month over the last 12 months: 1 in all/)).toBeAttached();
  await expect(page.getByText('Next step:')).toBeVisible();
  await page.getByRole('button', { name: 'Preview the bio' }).click();
  await expect(page.getByRole('region', { name: 'Bio preview' }).locator('strong')).toHaveText(
    'distributed tracing',
  );
  await screenshot(page, 'profile-filled');
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 800 });
  await screenshot(page, 'profile-filled-phone');
  await page.setViewportSize({ width: 1200, height: 800 });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the Web page (.html)' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('ada-lovelace.html');
  const file = test.info().outputPath(saved.suggestedFilename());
  await saved.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('Content-Security-Policy');
  expect(html).toContain('Ada Lovelace');
  expect(html).toContain('Why our p99 latency doubled');
  expect(html).toContain('Tracing at scale, KubeCon');
  expect(html).toContain('<strong>distributed tracing</strong>');
  // Marked "My company" or "Only me": not in a public page.
  expect(html).not.toContain('Engineer who makes outages boring');
  expect(html).not.toContain('ada.example.com/private');
  expect(html).not.toContain('data:image/');

  await page.goto(`file://${file}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  // The page's own style is allowed by its hash in the CSP; a blocked style would leave main unstyled.
  await expect(page.locator('main')).toHaveCSS('max-width', '736px');
  await screenshot(page, 'profile-export-page');
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 800 });
  await screenshot(page, 'profile-export-page-phone');

  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(host.url);
  await openScreen(page, 'Profile');
  await page.getByRole('link', { name: 'See what your company sees' }).click();
  await expect(page.getByText('Engineer who makes outages boring')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo of Ada Lovelace' })).toBeVisible();
  await screenshot(page, 'profile-company-preview');
  await expectAccessible(page);

  // The PDF is the public preview printed: the app's navigation and buttons stay off the page.
  await page.getByRole('link', { name: 'Your profile' }).click();
  await page.getByRole('link', { name: 'Preview and save as PDF…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('Engineer who makes outages boring')).toHaveCount(0);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save as PDF…' })).toBeHidden();
  await screenshot(page, 'profile-print');
});

/** Imports the small test pack through the upload and import calls the Packs screen uses. */
async function importTestPack(request: APIRequestContext, host: RunningHost): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-profile-'));
  writeTestPack(join(dir, 'pack'));
  await buildPackZip(join(dir, 'pack'), join(dir, 'pack.zip'));
  const upload = await request.post(`${host.origin}/upload?name=pack.zip`, {
    headers: { Authorization: `Bearer ${host.secret}`, 'Content-Type': 'application/zip' },
    data: readFileSync(join(dir, 'pack.zip')),
  });
  const { uploadId } = ((await upload.json()) as { value: { uploadId: string } }).value;
  const { jobId } = (await call(request, host, 'startPackImport', { uploadId })) as { jobId: string };
  await expect
    .poll(async () => ((await call(request, host, 'getPackImport', { jobId })) as { state: string }).state)
    .toBe('done');
}

test('a certificate earned in training joins the portfolio, with its Open Badge', async ({
  page,
  host,
  request,
}) => {
  await importTestPack(request, host);
  await call(request, host, 'updateLearner', { name: 'Ada Lovelace' });
  const item = (itemId: string) => ({ packId: 'test-pack', itemId });
  await call(request, host, 'completeItem', item('hello'));
  await call(request, host, 'saveReflection', { ...item('think'), text: 'Lead with the insight.' });
  await call(request, host, 'completeItem', item('think'));
  const draft = await call(request, host, 'createDraft', { fromExercise: item('write-it') });
  await call(request, host, 'saveDraft', {
    draftId: draft.id,
    title: 'My first post',
    body: `## Situation\n${storyOfWords(40)}`,
    baseRevision: 1,
  });
  await call(request, host, 'updateDraft', { draftId: draft.id, status: 'ready' });
  const attempt = (await call(request, host, 'startQuiz', item('check'))) as unknown as {
    attemptId: string;
    questions: { id: string; choices?: string[] }[];
  };
  const one = attempt.questions.find((question) => question.id === 'one');
  await call(request, host, 'answerQuestion', {
    attemptId: attempt.attemptId,
    questionId: 'one',
    answer: { type: 'single', choice: one?.choices?.indexOf('Right') ?? -1 },
  });
  await call(request, host, 'answerQuestion', {
    attemptId: attempt.attemptId,
    questionId: 'two',
    answer: { type: 'truefalse', value: true },
  });
  await call(request, host, 'finishQuiz', { attemptId: attempt.attemptId });

  await page.goto(host.url);
  await openScreen(page, 'Profile');
  const certificate = page
    .getByRole('list', { name: 'Portfolio items' })
    .getByRole('listitem')
    .filter({ hasText: 'Basics' });
  await expect(certificate).toContainText('Certificate');
  // Of three courses: Basics here, and the bundled pack's Advocate Foundations and Running an advocacy programme.
  await expect(page.getByText(/^1 of 3: Basics/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the Open Badge (.json)' }).click();
  const badge = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { type: string[] };
  expect(badge.type).toContain('OpenBadgeCredential');
  await screenshot(page, 'profile-certificate');
  await expectAccessible(page);
});
