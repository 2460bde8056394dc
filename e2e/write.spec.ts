import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testPackWithGuidelines, writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { bundledAnswers } from '../src-packs/testing/exercise-answers';
import { test, expect, screenshot, expectAccessible, openScreen, startHost, stopHost } from './fixtures';

async function newDraft(page: Page, channel = 'Forum answer'): Promise<void> {
  await openScreen(page, 'Write');
  await page.getByRole('combobox', { name: 'For', exact: true }).selectOption({ label: channel });
  await page.getByRole('button', { name: 'New draft' }).click();
  // The library's "Sort by" offers "Title" too: wait for the editor itself.
  await expect(page).toHaveURL(/#\/write\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('textbox', { name: 'Title' })).toBeVisible();
}

test('an advocate writes a draft, reloads, and it is all there', async ({ page, host }) => {
  await page.goto(host.url);
  await openScreen(page, 'Write');
  await expect(page.getByText('No drafts yet')).toBeVisible();
  await newDraft(page);
  await page.getByLabel('Title').fill('Why our p99 latency doubled');
  await page.getByLabel('Text (Markdown)').fill('It was the **DNS** cache, not the database.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Preview').locator('.prose strong')).toHaveText('DNS');
  await screenshot(page, 'write-editor');
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByLabel('Text (Markdown)')).toHaveText('It was the **DNS** cache, not the database.');
  await expect(page.getByLabel('Title')).toHaveValue('Why our p99 latency doubled');
  await page.getByRole('link', { name: 'All drafts' }).click();
  await expect(page.getByRole('link', { name: 'Why our p99 latency doubled' })).toBeVisible();
  await screenshot(page, 'write-library');
  await expectAccessible(page);
});

test('killing the host a second after typing loses nothing', async ({ page, dataDir }) => {
  const host = await startHost(dataDir);
  await page.goto(host.url);
  await newDraft(page);
  const draftAddress = page.url();
  await page.getByLabel('Text (Markdown)').pressSequentially('Every keystroke counts.', { delay: 20 });
  await page.waitForTimeout(1000);
  host.process.kill('SIGKILL');
  await new Promise((resolve) => host.process.once('exit', resolve));

  const again = await startHost(dataDir);
  try {
    await page.goto(again.url);
    await page.goto(`${again.origin}/${new URL(draftAddress).hash}`);
    await expect(page.getByLabel('Text (Markdown)')).toHaveText('Every keystroke counts.');
  } finally {
    await stopHost(again);
  }
});

test('an advocate restores an old version, and can undo the restore', async ({ page, host }) => {
  await page.goto(host.url);
  await newDraft(page);
  const text = page.getByLabel('Text (Markdown)');
  await text.fill('First version of the story.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Keep this version' }).click();
  await text.fill('A rewrite I regret.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  const versions = page.getByRole('list', { name: 'Kept versions' });
  await versions.getByRole('listitem').first().getByRole('button', { name: 'View' }).click();
  const diff = page.getByLabel('The chosen version');
  await expect(diff.locator('.diff-removed')).toHaveText(/First version of the story\./);
  await expect(diff.locator('.diff-added')).toHaveText(/A rewrite I regret\./);
  await versions.getByRole('listitem').first().getByRole('button', { name: 'Restore' }).click();
  await expect(text).toHaveText('First version of the story.');
  await expect(versions).toContainText('Before a restore');
  // Any two versions compare: the one kept before the restore against the one kept on request.
  await versions
    .getByRole('listitem')
    .filter({ hasText: 'Before a restore' })
    .getByRole('button', { name: 'View' })
    .click();
  await diff.getByLabel('Compare with').selectOption({ index: 1 });
  await expect(diff).toContainText('to the version of');
  await expect(diff.locator('.diff-removed')).toHaveText(/A rewrite I regret\./);
  await expect(diff.locator('.diff-added')).toHaveText(/First version of the story\./);
  await screenshot(page, 'write-versions');
  await expectAccessible(page);

  await versions
    .getByRole('listitem')
    .filter({ hasText: 'Before a restore' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(text).toHaveText('A rewrite I regret.');
});

test('search finds a draft by a word in its body', async ({ page, host }) => {
  await page.goto(host.url);
  await newDraft(page);
  await page.getByLabel('Title').fill('Caching notes');
  await page.getByLabel('Text (Markdown)').fill('Negative caching of NXDOMAIN answers surprised us.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await newDraft(page, 'LinkedIn post');
  await page.getByLabel('Title').fill('Hiring');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await openScreen(page, 'Write');
  await page.getByLabel('Search your drafts').fill('nxdomain');
  const drafts = page.getByRole('list', { name: 'Drafts' });
  await expect(drafts.getByRole('listitem')).toHaveCount(1);
  await expect(drafts.locator('mark')).toHaveText('NXDOMAIN');
});

test('an exercise opens the studio with its template, says what is missing, and completes once the work is done', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/learn/advocate-foundations/item/what-i-know`);
  await expect(page.getByRole('list', { name: 'What completes this exercise' })).toContainText(
    '150–300 words',
  );
  await page.getByRole('button', { name: 'Write my draft' }).click();
  await expect(page.getByLabel('Text (Markdown)')).not.toHaveText('');
  const missing = page.getByRole('group', { name: /still asks for/ });
  await expect(missing).toContainText('9 placeholders left, such as “[who]”');
  await expect(missing).toContainText(/about \d+ more words/);
  await expect(page.getByRole('button', { name: /^Exercise: \d things before ready$/ })).toBeVisible();
  await screenshot(page, 'write-exercise-requirements');
  await expectAccessible(page);

  // A hurried learner picks "Ready" anyway: refused, saying what is missing, and the menu goes back.
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  await expect(
    page.getByText(/doesn’t do what the exercise asks yet: .*\d+ placeholders left/),
  ).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('drafting');

  // The real answer: the list empties as it is typed, and "Ready" completes the exercise.
  await page.getByLabel('Text (Markdown)').fill(bundledAnswers['what-i-know'] ?? '');
  await expect(page.getByRole('group', { name: /Ready to mark ready/ })).toBeVisible();
  await screenshot(page, 'write-exercise-requirements-met');
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  await expect(page.getByLabel('Status')).toHaveValue('ready');
  await expect(
    page.getByText('Marking it ready completes the exercise, once it does what the exercise asks.'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'open the exercise' }).click();
  await expect(page.getByText('Done: your draft is marked ready.')).toBeVisible();
});

test('the X thread exercise is written post by post with --- breaks, numbered by the studio', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/learn/advocate-foundations/item/write-an-x-thread`);
  await expect(page.getByText('put a line of three hyphens')).toBeVisible();
  await page.getByRole('button', { name: 'Write my draft' }).click();
  const posts = page.getByRole('list', { name: 'Posts in the thread' }).getByRole('listitem');
  // The template itself is six posts, one per --- break, with no numbers typed by hand.
  await expect(posts).toHaveCount(6);
  await page.getByLabel('Text (Markdown)').fill(bundledAnswers['write-an-x-thread'] ?? '');
  await expect(posts).toHaveCount(6);
  await expect(posts.first()).toContainText('1/6');
  await expect(posts.last()).toContainText('6/6');
  // In the editor, each --- line is a post break, not a Markdown heading under the post above it.
  await expect(page.locator('.cm-post-break')).toHaveCount(5);
  // A --- right under a line of text leaves that line plain (not a heading), and breaks the post.
  await page.getByLabel('Text (Markdown)').fill('First post, plain text\n---\nSecond post?');
  await expect(posts).toHaveCount(2);
  await expect(page.locator('.cm-post-break')).toHaveCount(1);
  await expect(page.locator('.cm-line', { hasText: 'First post, plain text' }).locator('span')).toHaveCount(
    0,
  );
  await page.getByLabel('Text (Markdown)').fill(bundledAnswers['write-an-x-thread'] ?? '');
  await expect(page.getByRole('group', { name: /Ready to mark ready/ })).toBeVisible();
  await screenshot(page, 'write-exercise-x-thread');

  await page.goto(`${host.origin}/#/learn/advocate-foundations/item/reply-to-a-hostile-comment`);
  await expect(page.getByText('Funny how your company only posts about reliability')).toBeVisible();
  await screenshot(page, 'exercise-hostile-reply');
});

test('an X thread is previewed post by post, each within 280 characters as X counts them', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await newDraft(page, 'X thread');
  const paragraph = (topic: string) =>
    `${topic}: we spent a week chasing a latency spike that turned out to be a misconfigured DNS cache on one node. ` +
    'The fix was one line; finding it took a checklist, two graphs and a lot of patience. 🧵';
  await page
    .getByLabel('Text (Markdown)')
    .fill(
      [
        paragraph('First'),
        paragraph('Then'),
        'Details: https://example.com/a/very/long/path/to/the/write-up',
      ].join('\n\n'),
    );
  const posts = page.getByRole('list', { name: 'Posts in the thread' }).getByRole('listitem');
  await expect(posts).toHaveCount(2);
  for (const post of await posts.all()) {
    const [used] = ((await post.locator('.meta').textContent()) ?? '').split(' / ');
    expect(Number(used)).toBeLessThanOrEqual(280);
  }
  await expect(posts.first()).toContainText('1/2');
  await expect(posts.last()).toContainText('https://example.com/a/very/long/path');
  await screenshot(page, 'write-thread');
  await expectAccessible(page);
});

test('an advocate takes a draft out as a file or as text for the channel', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await newDraft(page, 'Industry blog post');
  await page.getByLabel('Title').fill('Why our p99 doubled');
  await page.getByLabel('Text (Markdown)').fill('It was **DNS**. See [the graphs](https://example.com/g).');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Copy as plain text' }).click();
  await expect(page.getByText('Copied plain text.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'It was DNS. See the graphs (https://example.com/g).',
  );

  await page.getByRole('button', { name: 'Save as a .md file…' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Save why-our-p99-doubled.md' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(file ?? '', 'utf8')).toBe(
    '# Why our p99 doubled\n\nIt was **DNS**. See [the graphs](https://example.com/g).',
  );
  await screenshot(page, 'write-export');
});

test('company guidelines from a pack mark a missing disclosure, link its lesson, and gate "ready"', async ({
  page,
  host,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-guidelines-'));
  writeTestPack(join(dir, 'pack'), testPackWithGuidelines);
  const zip = join(dir, 'company-pack.zip');
  await buildPackZip(join(dir, 'pack'), zip);
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(zip);
  await expect(page.getByText('Installed “Test pack” 1.2.0 with 4 items.')).toBeVisible();

  await newDraft(page, 'LinkedIn post');
  await page.getByLabel('Title').fill('What we learnt shipping the fix');
  await page.getByLabel('Text (Markdown)').fill('Acme shipped a fix for the cache stampede last week.');
  const panel = page.getByRole('region', { name: /Guidelines/ });
  await expect(panel.getByText('Say who you work for')).toBeVisible();
  await expect(panel).toContainText('1 of 1 to acknowledge');
  await expect(panel).toContainText('Add "I work at Acme".');
  // The span is marked in the text.
  await expect(page.locator('.cm-finding-must')).toHaveText('Acme');
  await screenshot(page, 'write-guideline-finding');
  await expectAccessible(page);

  // "Ready" is refused until the finding is acknowledged, and the menu goes back.
  const status = page.getByLabel('Status');
  await status.selectOption('ready');
  await expect(page.getByText(/1 guideline finding still needs your acknowledgement/)).toBeVisible();
  await expect(status).toHaveValue('drafting');

  await panel.getByRole('checkbox', { name: /I have read this/ }).check();
  await expect(panel).toContainText('0 of 1 to acknowledge');
  await status.selectOption('ready');
  await expect(page.getByText(/still needs your acknowledgement/)).toBeHidden();
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('ready');
  await expect(panel.getByRole('checkbox', { name: /I have read this/ })).toBeChecked();

  // Disclosing makes the finding go away; the rule's lesson is one click away.
  await page.getByLabel('Text (Markdown)').fill('I work at Acme. Acme shipped a fix last week.');
  await expect(panel).toContainText(/Nothing to check: this draft follows .*Test guidelines/);
  await page.getByLabel('Text (Markdown)').fill('Acme shipped it.');
  await panel.getByRole('link', { name: 'The lesson on this rule' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello' })).toBeVisible();
});

test('the library filters by status, channel and tag, sorts, and duplicates; drafts start from templates', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await newDraft(page, 'Forum answer');
  await page.getByLabel('Title').fill('DNS answers');
  await page.getByLabel('Text (Markdown)').fill('Negative caching explained.');
  await page.getByLabel('Tags').fill('dns, #ops');
  await page.getByLabel('Tags').press('Tab');
  await page.getByLabel('Audience').fill('Platform engineers');
  await page.getByLabel('Audience').press('Tab');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('DNS answers (copy)');
  await expect(page.getByLabel('Tags')).toHaveValue('dns, ops');
  await expect(page.getByLabel('Audience')).toHaveValue('Platform engineers');

  await openScreen(page, 'Write');
  await page
    .getByLabel('From a template')
    .selectOption({ label: 'What I know that others want to know (Internal post)' });
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page.getByLabel('Text (Markdown)')).not.toHaveText('');
  await page.getByLabel('Title').fill('About what I know');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await openScreen(page, 'Write');
  const drafts = page.getByRole('list', { name: 'Drafts' }).getByRole('heading');
  await expect(drafts).toHaveCount(3);
  await page.getByLabel('Tag').selectOption('dns');
  await expect(drafts).toHaveText(['DNS answers (copy)', 'DNS answers']);
  await page.getByLabel('Sort by').selectOption({ label: 'Title' });
  await expect(drafts).toHaveText(['DNS answers', 'DNS answers (copy)']);
  await page.getByLabel('Tag').selectOption('');
  await page.getByLabel('Channel').selectOption({ label: 'Internal post' });
  await expect(drafts).toHaveText(['About what I know']);
  await page.getByLabel('Channel').selectOption('');
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  await expect(page.getByText('No draft has these filters')).toBeVisible();
  await page.getByLabel('Status').selectOption('');
  await screenshot(page, 'write-library-filters');
  await expectAccessible(page);
});

test('the preview takes the look of each channel, with its limits beside the counts', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await newDraft(page, 'Industry blog post');
  await page.getByLabel('Title').fill('Why our p99 latency doubled');
  const story =
    'Last Tuesday our p99 latency doubled overnight, and nobody had shipped anything. ' +
    'We spent two days suspecting the database before a junior engineer noticed the DNS cache on one node ' +
    'had been misconfigured during a routine upgrade.\n\n' +
    'The fix was one line. Finding it took a checklist, two graphs and a lot of patience, and it taught us ' +
    'to look at the boring layers first. Here is the **checklist** we use now.';
  await page.getByLabel('Text (Markdown)').fill(story);
  const preview = page.getByRole('region', { name: /^Preview:/ });
  await expect(preview).toContainText('min read');
  await expect(page.getByText(/words \(aim for 600–2,000\)/)).toBeVisible();
  await expect(page.getByText(/Readability \d+\/100/)).toBeVisible();
  await screenshot(page, 'write-preview-blog');

  const channel = page.getByRole('combobox', { name: 'Channel' });
  await channel.selectOption({ label: 'LinkedIn post' });
  await expect(preview.locator('.fold')).toHaveText('…see more');
  await expect(preview).not.toContainText('**');
  await expect(page.getByText(/\/ 3,000 characters/)).toBeVisible();
  await screenshot(page, 'write-preview-linkedin');
  await expectAccessible(page);

  await channel.selectOption({ label: 'Forum answer' });
  await expect(preview.locator('.channel-badge')).toHaveText('Answer');
  await expect(preview.locator('.prose strong')).toHaveText('checklist');
  await screenshot(page, 'write-preview-forum');

  await channel.selectOption({ label: 'Internal post' });
  await expect(preview.locator('.channel-badge')).toHaveText('Internal · colleagues only');
});

test('the library says so when it cannot list tags or templates, or empty the trash', async ({
  page,
  host,
}) => {
  const refuse = (call: string, error: Record<string, string>) =>
    page.route(`**/api/${call}`, (route) => route.fulfill({ json: { ok: false, error } }));
  await page.goto(host.url);
  await newDraft(page);
  await page.getByRole('button', { name: 'Move to the trash' }).click();
  await expect(page.getByRole('heading', { name: 'Start a draft' })).toBeVisible();

  await refuse('listDraftTags', { code: 'INTERNAL', message: 'disk I/O error', errorId: 'tags1234' });
  await refuse('listDraftTemplates', { code: 'NOT_FOUND', message: 'The packs folder is gone.' });
  await refuse('emptyDraftTrash', { code: 'CONFLICT', message: 'Another window is emptying the trash.' });
  await page.reload();
  const startPanel = page.getByRole('region', { name: 'Start a draft' });
  await expect(startPanel.getByRole('alert')).toContainText('The packs folder is gone.');
  await expect(page.getByRole('alert').filter({ hasText: 'tags1234' })).toContainText('Something went wrong');

  await page.getByLabel('Show the trash').check();
  await page.getByRole('button', { name: 'Empty the trash' }).click();
  await page.getByRole('button', { name: 'Delete 1 draft for ever' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Another window' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Drafts' }).getByRole('heading')).toHaveCount(1);
});
